import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chart, env, find, helm, podSpecs, render, renderError, type RenderOptions } from './helpers.js';

// evaluation.enabled: the release also runs one Redis and one PostgreSQL and
// wires their Secrets. kwok runs no containers, so the images themselves are
// not started here (docs/operations.md, "Evaluation mode"); the install into a
// real API server is tests/integration/install.test.ts.

const EVALUATION: RenderOptions = { values: [], set: { 'evaluation.enabled': true } };

describe('evaluation mode', () => {
  const objects = render(EVALUATION);
  const secret = (suffix: string) => find(objects, 'Secret', suffix).stringData as Record<string, string>;

  it('runs one Redis and one PostgreSQL, each a StatefulSet behind a Service, from the images in the values', () => {
    const redis = find(objects, 'StatefulSet', '-redis');
    const postgresql = find(objects, 'StatefulSet', '-postgresql');
    expect([redis.spec.replicas, postgresql.spec.replicas]).toEqual([1, 1]);
    expect(redis.spec.template.spec.containers[0].image).toBe('redis:7.4');
    expect(postgresql.spec.template.spec.containers[0].image).toBe('postgres:16');
    expect(find(objects, 'Service', '-redis').spec.ports).toEqual([{ name: 'redis', port: 6379, targetPort: 'redis', protocol: 'TCP' }]);
    expect(find(objects, 'Service', '-postgresql').spec.ports).toEqual([{ name: 'postgresql', port: 5432, targetPort: 'postgresql', protocol: 'TCP' }]);
    const mirrored = render({
      values: [],
      set: { 'evaluation.enabled': true, 'evaluation.redis.image.registry': 'mirror.example.com/hub', 'evaluation.postgresql.image.tag': '17-bookworm' },
    });
    expect(find(mirrored, 'StatefulSet', '-redis').spec.template.spec.containers[0].image).toBe('mirror.example.com/hub/redis:7.4');
    expect(find(mirrored, 'StatefulSet', '-postgresql').spec.template.spec.containers[0].image).toBe('postgres:17-bookworm');
  });

  it('keeps PostgreSQL on a volume claim and Redis (live state only) in an emptyDir by default, both per value', () => {
    const postgresql = find(objects, 'StatefulSet', '-postgresql').spec;
    expect(postgresql.volumeClaimTemplates.map((claim: any) => [claim.metadata.name, claim.spec.resources.requests.storage])).toEqual([['data', '5Gi']]);
    expect(postgresql.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Delete', whenScaled: 'Retain' });
    const redis = find(objects, 'StatefulSet', '-redis').spec;
    expect(redis.volumeClaimTemplates).toBeUndefined();
    expect(redis.template.spec.volumes).toContainEqual({ name: 'data', emptyDir: {} });

    const flipped = render({
      values: [],
      set: {
        'evaluation.enabled': true,
        'evaluation.postgresql.persistence.enabled': false,
        'evaluation.redis.persistence.enabled': true,
        'evaluation.redis.persistence.storageClass': 'fast',
      },
    });
    expect(find(flipped, 'StatefulSet', '-postgresql').spec.template.spec.volumes).toContainEqual({ name: 'data', emptyDir: {} });
    const claim = find(flipped, 'StatefulSet', '-redis').spec.volumeClaimTemplates[0];
    expect([claim.spec.storageClassName, claim.spec.resources.requests.storage]).toEqual(['fast', '1Gi']);
  });

  it('generates the passwords and wires them: Redis URL, runtime and migrator URLs, and the servers’ own Secrets agree', () => {
    const redis = secret('-redis');
    expect(redis.password).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(redis.url).toBe(`redis://:${redis.password}@rel-aether-redis.games.svc:6379`);
    const passwords = secret('-postgresql');
    expect(Object.keys(passwords).sort()).toEqual(['migrator-password', 'postgres-password', 'runtime-password']);
    expect(new Set(Object.values(passwords)).size).toBe(3);
    expect(secret('-database').url).toBe(`postgresql://aether_app:${passwords['runtime-password']}@rel-aether-postgresql.games.svc:5432/aether`);
    expect(secret('-database-migrator').url).toBe(`postgresql://aether_migrator:${passwords['migrator-password']}@rel-aether-postgresql.games.svc:5432/aether`);
  });

  it('gives gateways, operator and zone pods the runtime role, and the migrator role to the migration Job only', () => {
    const gateway = env(find(objects, 'Deployment', '-gateway').spec.template.spec.containers[0]);
    expect(gateway.REDIS_URL).toEqual({ secretKeyRef: { name: 'rel-aether-redis', key: 'url' } });
    expect(gateway.DATABASE_URL).toEqual({ secretKeyRef: { name: 'rel-aether-database', key: 'url' } });
    const operator = env(find(objects, 'Deployment', '-operator').spec.template.spec.containers[0]);
    expect(operator).toMatchObject({
      REDIS_URL: { secretKeyRef: { name: 'rel-aether-redis', key: 'url' } },
      ZONE_REDIS_SECRET: 'rel-aether-redis',
      ZONE_DATABASE_SECRET: 'rel-aether-database',
      ZONE_DATABASE_SECRET_KEY: 'url',
    });
    const users = Object.entries(JSON.parse(JSON.stringify(objects)) as unknown[]).flatMap(([, object]) =>
      JSON.stringify(object).includes('rel-aether-database-migrator') ? [`${(object as any).kind}/${(object as any).metadata.name}`] : [],
    );
    expect(users.sort()).toEqual(['Job/rel-aether-migrations-1', 'Secret/rel-aether-database-migrator']);
  });

  it('creates both roles at PostgreSQL’s first start from files/database-roles.sql', () => {
    const init = find(objects, 'ConfigMap', '-postgresql-init').data;
    expect(init['database-roles.sql']).toBe(readFileSync(`${chart}files/database-roles.sql`, 'utf8'));
    expect(init['10-aether-roles.sh']).toContain('-f /etc/aether/database-roles.sql');
    const container = find(objects, 'StatefulSet', '-postgresql').spec.template.spec.containers[0];
    expect(env(container)).toMatchObject({
      POSTGRES_USER: 'postgres',
      POSTGRES_DB: 'aether',
      POSTGRES_PASSWORD: { secretKeyRef: { name: 'rel-aether-postgresql', key: 'postgres-password' } },
      AETHER_MIGRATOR_ROLE: 'aether_migrator',
      AETHER_MIGRATOR_PASSWORD: { secretKeyRef: { name: 'rel-aether-postgresql', key: 'migrator-password' } },
      AETHER_RUNTIME_ROLE: 'aether_app',
      AETHER_RUNTIME_PASSWORD: { secretKeyRef: { name: 'rel-aether-postgresql', key: 'runtime-password' } },
    });
    expect(container.volumeMounts.map((mount: any) => mount.mountPath).sort()).toEqual(
      ['/docker-entrypoint-initdb.d', '/etc/aether', '/tmp', '/var/lib/postgresql/data', '/var/run/postgresql'].sort(),
    );
  });

  it('migrates in an ordinary Job per revision (a pre-install hook would wait for a PostgreSQL not yet created), after PostgreSQL is up', () => {
    const job = find(objects, 'Job', '-migrations-1');
    expect(job.metadata.annotations?.['helm.sh/hook']).toBeUndefined();
    expect(objects.filter((object) => object.metadata.annotations?.['helm.sh/hook'] && object.kind !== 'Pod')).toEqual([]);
    const spec = job.spec.template.spec;
    expect(spec.initContainers.map((container: any) => [container.name, container.image])).toEqual([
      ['wait-for-postgresql', 'postgres:16'],
      ['migrate', 'aether/gateway:0.1.0'],
    ]);
    expect(env(spec.initContainers[0]).PGHOST).toBe('rel-aether-postgresql.games.svc');
    for (const container of [...spec.initContainers.slice(1), ...spec.containers]) {
      expect(env(container).DATABASE_URL).toEqual({ secretKeyRef: { name: 'rel-aether-database-migrator', key: 'url' } });
    }
  });

  it('runs every pod, Redis and PostgreSQL included, under the restricted Pod Security profile’s rules', () => {
    for (const { owner, spec } of podSpecs(objects)) {
      expect({ owner, runAsNonRoot: spec.securityContext.runAsNonRoot, seccomp: spec.securityContext.seccompProfile }).toEqual({
        owner,
        runAsNonRoot: true,
        seccomp: { type: 'RuntimeDefault' },
      });
      expect({ owner, token: spec.automountServiceAccountToken ?? 'mounted' }).toEqual({ owner, token: owner.includes('operator') ? 'mounted' : false });
      for (const container of [...(spec.initContainers ?? []), ...spec.containers]) {
        expect({ owner, container: container.name, ...container.securityContext }).toMatchObject({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        });
      }
    }
  });

  it('prints a loud NOT FOR PRODUCTION banner', () => {
    const args = ['install', 'rel', chart, '--dry-run=client', '--namespace', 'games', '--set', 'evaluation.enabled=true'];
    const result = spawnSync(helm(), args, { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    const notes = result.stdout.slice(result.stdout.indexOf('NOTES:'));
    expect(notes).toMatch(/EVALUATION MODE: NOT FOR PRODUCTION/);
    expect(notes).toMatch(/Uninstalling it deletes the world/);
    const production = spawnSync(helm(), [...args.slice(0, -2), '--values', `${chart}ci/minimal-values.yaml`], { encoding: 'utf8' });
    expect(production.stdout).toContain('NOTES:');
    expect(production.stdout).not.toMatch(/NOT FOR PRODUCTION/);
  });

  it('keeps names within Kubernetes’ limits with the longest release name', () => {
    const release = 'a-long-release-name-for-aether-evaluation-of-53-chars';
    expect(release).toHaveLength(53);
    for (const object of render({ ...EVALUATION, release })) {
      // A StatefulSet's pods carry controller-revision-hash: "<name>-<10 characters>", 63 at most.
      const limit = object.kind === 'StatefulSet' ? 52 : 63;
      const name = `${object.kind}/${object.metadata.name}`;
      expect({ name, fits: object.metadata.name.length <= limit }).toEqual({ name, fits: true });
    }
  });

  it('is off by default: no Redis or PostgreSQL of the release', () => {
    const objects = render();
    expect(objects.filter((object) => object.kind === 'StatefulSet')).toEqual([]);
    expect(objects.some((object) => object.metadata.name.endsWith('-postgresql'))).toBe(false);
  });
});

describe('evaluation mode refuses production-looking values, every problem at once', () => {
  it.each<[string, Record<string, string | number | boolean>, RegExp]>([
    ['its own Redis URL', { 'redis.url': 'redis://r:6379' }, /remove redis\.url, or set evaluation\.enabled=false/],
    ['a database Secret', { 'database.existingSecret': 'db' }, /remove database\.existingSecret/],
    ['a migrator URL', { 'database.migrator.url': 'postgresql://m@h/db' }, /remove database\.migrator\.url/],
    ['two Redis replicas', { 'evaluation.redis.replicas': 2 }, /evaluation\.redis\.replicas must be 1 \(got 2\): evaluation mode runs a single Redis/],
    ['two PostgreSQL replicas', { 'evaluation.postgresql.replicas': 3 }, /evaluation\.postgresql\.replicas must be 1 \(got 3\)/],
    ['no migrations', { 'migrations.enabled': false }, /evaluation\.enabled needs migrations\.enabled=true/],
    ['a cluster-wide operator', { 'operator.watchAllNamespaces': true }, /operator\.watchAllNamespaces=true/],
    ['autoscaled gateways', { 'gateway.autoscaling.enabled': true }, /gateway\.autoscaling\.enabled=true: autoscaled gateways are a production setting/],
    ['autoscaled zone servers', { 'zoneAssignment.autoscaling.enabled': true }, /zoneAssignment\.autoscaling\.enabled=true/],
    [
      'one role for both',
      { 'evaluation.postgresql.runtimeRole': 'aether_migrator' },
      /migratorRole \(aether_migrator\) and runtimeRole \(aether_migrator\) must differ/,
    ],
    ['a role name that is no identifier', { 'evaluation.postgresql.runtimeRole': 'app; DROP' }, /evaluation\/postgresql\/runtimeRole/],
  ])('%s', (_name, set, message) => {
    expect(renderError({ values: [], set: { 'evaluation.enabled': true, ...set } })).toMatch(message);
  });

  it('lists them together', () => {
    const error = renderError({ values: ['ci/production-values.yaml'], set: { 'evaluation.enabled': true } });
    for (const problem of [
      /remove database\.existingSecret/,
      /remove redis\.existingSecret/,
      /remove database\.migrator\.existingSecret/,
      /watchAllNamespaces/,
      /gateway\.autoscaling/,
    ]) {
      expect(error).toMatch(problem);
    }
  });

  it('without evaluation mode, no Redis and PostgreSQL points at it', () => {
    expect(renderError({ values: [] })).toMatch(/or evaluation\.enabled=true to try Aether/);
  });
});
