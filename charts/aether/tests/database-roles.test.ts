import { readFileSync } from 'node:fs';
import { chart, env, find, render, renderError, root, type K8sObject, type RenderOptions } from './helpers.js';

// Two database roles (docs/operations.md, "Database roles"): the migration Job
// connects as the migrator (DDL), the gateways and zone pods as the runtime role
// (rows only). That the documented GRANTs give each role what it needs and no
// more is shown against a real PostgreSQL in tests/integration/database-roles.test.ts.

const RUNTIME = 'postgresql://aether_app:app-secret@db.example.com:5432/aether';
const MIGRATOR = 'postgresql://aether_migrator:migrator-secret@db.example.com/aether';

/** Kind/name of every object whose rendered text contains `text`. */
function holders(objects: K8sObject[], text: string): string[] {
  return objects.filter((object) => JSON.stringify(object).includes(text)).map((object) => `${object.kind}/${object.metadata.name}`);
}

function jobUrl(objects: K8sObject[]): unknown {
  const spec = find(objects, 'Job', '-migrations').spec.template.spec;
  const urls = [...spec.initContainers, ...spec.containers].map((container: any) => env(container).DATABASE_URL);
  expect(new Set(urls.map((url) => JSON.stringify(url))).size).toBe(1);
  return urls[0];
}

describe('database roles', () => {
  it('database.migrator.url: only the hook Secret holds it, the Job reads it, every other pod gets the runtime URL', () => {
    const objects = render({ set: { 'database.url': RUNTIME, 'database.migrator.url': MIGRATOR } });
    expect(holders(objects, 'migrator-secret')).toEqual(['Secret/rel-aether-migrations']);
    const hook = find(objects, 'Secret', '-migrations');
    expect(hook.stringData).toEqual({ url: MIGRATOR });
    expect(hook.metadata.annotations).toMatchObject({ 'helm.sh/hook': 'pre-install,pre-upgrade', 'helm.sh/hook-weight': '-10' });
    expect(jobUrl(objects)).toEqual({ secretKeyRef: { name: 'rel-aether-migrations', key: 'url' } });
    expect(find(objects, 'Secret', '-database').stringData).toEqual({ url: RUNTIME });
    expect(env(find(objects, 'Deployment', '-gateway').spec.template.spec.containers[0]).DATABASE_URL).toEqual({
      secretKeyRef: { name: 'rel-aether-database', key: 'url' },
    });
    expect(env(find(objects, 'Deployment', '-operator').spec.template.spec.containers[0])).toMatchObject({
      ZONE_DATABASE_SECRET: 'rel-aether-database',
      ZONE_DATABASE_SECRET_KEY: 'url',
    });
  });

  it('database.migrator.existingSecret: the Job reads that Secret, the chart makes no hook Secret', () => {
    const objects = render({
      values: [],
      set: {
        'redis.url': 'redis://r:6379',
        'database.existingSecret': 'app-db',
        'database.migrator.existingSecret': 'migrator-db',
        'database.migrator.existingSecretKey': 'dsn',
      },
    });
    expect(objects.filter((object) => object.kind === 'Secret').map((object) => object.metadata.name)).toEqual(['rel-aether-redis']);
    expect(jobUrl(objects)).toEqual({ secretKeyRef: { name: 'migrator-db', key: 'dsn' } });
    expect(holders(objects, 'migrator-db')).toEqual(['Job/rel-aether-migrations']);
  });

  it('a migrator URL with the runtime role in an existing Secret', () => {
    const objects = render({ values: [], set: { 'redis.url': 'redis://r:6379', 'database.existingSecret': 'app-db', 'database.migrator.url': MIGRATOR } });
    expect(find(objects, 'Secret', '-migrations').stringData).toEqual({ url: MIGRATOR });
    expect(jobUrl(objects)).toEqual({ secretKeyRef: { name: 'rel-aether-migrations', key: 'url' } });
  });

  it('no migrator given: the Job runs as the runtime role (one role for both), as before', () => {
    expect(find(render(), 'Secret', '-migrations').stringData.url).toBe('postgresql://aether:aether@aether-postgresql.aether.svc:5432/aether');
    const objects = render({ values: [], set: { 'redis.url': 'redis://r:6379', 'database.existingSecret': 'app-db', 'database.existingSecretKey': 'u' } });
    expect(jobUrl(objects)).toEqual({ secretKeyRef: { name: 'app-db', key: 'u' } });
  });
});

describe('database role values that cannot work are refused, every problem at once', () => {
  it.each<[string, RenderOptions['set'], RegExp]>([
    [
      'migrator url and existingSecret',
      { 'database.migrator.url': MIGRATOR, 'database.migrator.existingSecret': 'm' },
      /database\.migrator: set either migrator\.url or migrator\.existingSecret, not both/,
    ],
    [
      'a migrator URL that is not postgresql://',
      { 'database.migrator.url': 'mysql://m@db/aether' },
      /database\/migrator\/url|database\.migrator\.url must start/,
    ],
    ['the runtime URL again', { 'database.migrator.url': RUNTIME }, /database\.migrator\.url equals database\.url/],
    ['the runtime role with another password', { 'database.migrator.url': 'postgresql://aether_app:other@db.example.com/aether' }, /log in as the same role/],
    [
      'another database',
      { 'database.migrator.url': 'postgresql://aether_migrator:x@db.example.com:5432/aether_old' },
      /database\.migrator\.url points at db\.example\.com:5432\/aether_old but database\.url at db\.example\.com:5432\/aether/,
    ],
    ['another host', { 'database.migrator.url': 'postgresql://aether_migrator:x@other-db/aether' }, /points at other-db:5432\/aether/],
  ])('%s', (_name, set, message) => {
    expect(renderError({ set: { 'database.url': RUNTIME, ...set } })).toMatch(message);
  });

  it('the same host with and without its default port is the same database', () => {
    expect(renderError({ set: { 'database.url': RUNTIME, 'database.migrator.url': MIGRATOR } })).toBe('');
  });
});

describe('docs/operations.md', () => {
  it('shows the role SQL of files/database-roles.sql, which evaluation mode’s PostgreSQL runs, word for word', () => {
    const sql = readFileSync(`${chart}files/database-roles.sql`, 'utf8');
    const docs = readFileSync(`${root}docs/operations.md`, 'utf8');
    const block = /<!-- database-roles:begin[^>]*-->\n```sql\n([\s\S]*?)```\n<!-- database-roles:end -->/.exec(docs);
    expect(block?.[1]).toBe(sql);
  });
});
