import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { makeTestCertificates, type PostgresServer, startPostgresServer, type TestCertificates, waitFor } from '@aether/testing';
import { Cluster } from './cluster.js';
import { playerAt, startWorld, type World } from './fixtures.js';

const ALL = ['zone-crossroads', 'zone-forest', 'zone-city'];
const REDIS_USER = { name: 'aether-app', password: 'r3dis-acl-Pa55' };

/**
 * Production transport settings on real processes: Redis over TLS (rediss://)
 * with an ACL user and the default user switched off, and PostgreSQL that
 * admits TCP clients only over TLS, verified against a private CA that the
 * processes trust through NODE_EXTRA_CA_CERTS (how the chart mounts it).
 */
describe('TLS and Redis ACL users', () => {
  let dir: string;
  let certificates: TestCertificates;
  let postgres: PostgresServer;
  let world: World;
  let cluster: Cluster;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aether-tls-'));
    certificates = await makeTestCertificates(dir);
    postgres = await startPostgresServer({ tls: certificates });
    world = await startWorld({ redis: { tls: certificates, user: REDIS_USER }, postgresUrl: postgres.url });
    cluster = new Cluster({ REDIS_URL: world.redis.url, DATABASE_URL: world.databaseUrl });
  }, 90_000);

  afterAll(async () => {
    await cluster?.stopAll();
    await world?.close();
    await postgres?.stop();
    await rm(dir, { recursive: true, force: true });
  }, 30_000);

  it(
    'gateway and zone server play over rediss:// with an ACL user and PostgreSQL with sslmode=verify-full, and log no credential',
    async () =>
      cluster.withLogs(async () => {
        expect(world.redis.url).toMatch(/^rediss:\/\/aether-app:/);
        expect(world.databaseUrl).toContain('sslmode=verify-full');
        const trust = { NODE_EXTRA_CA_CERTS: certificates.caFile };
        const zone = await cluster.zone('zone-tls', ALL, trust);
        await cluster.owns(zone, ALL);
        const gateway = await cluster.gateway('gw-tls', trust);

        const player = await playerAt(world, gateway.url, 'Sealed', { zoneId: 'zone-crossroads', x: 40, y: 40 });
        const moved = player.client.next('state_update', (update) => update.character?.moving === true, 10_000);
        player.client.socket.emit('move', { heading: 90, speed: 3 });
        await moved;
        player.client.close();

        // Every connection the services hold to PostgreSQL is encrypted (pg_hba would refuse anything else).
        const admin = new pg.Client({ connectionString: world.databaseUrl });
        await admin.connect();
        const { rows } = await admin.query<{ total: number; plain: number }>(
          `SELECT count(*)::int AS total, count(*) FILTER (WHERE NOT s.ssl)::int AS plain
           FROM pg_stat_activity a JOIN pg_stat_ssl s USING (pid)
          WHERE a.datname = current_database() AND a.pid <> pg_backend_pid()`,
        );
        await admin.end();
        expect(rows[0]!.total).toBeGreaterThan(0);
        expect(rows[0]!.plain).toBe(0);

        // Both services are connected to Redis as the ACL user, over TLS.
        const redis = new Redis(world.redis.url, { tls: { ca: await import('node:fs/promises').then((fs) => fs.readFile(certificates.caFile)) } });
        const clients = String(await redis.client('LIST'));
        await redis.quit();
        expect(clients).toMatch(/name=aether:gw-tls/);
        expect(clients).toMatch(/name=aether:zone-tls/);
        expect(
          clients
            .split('\n')
            .filter((line) => line.includes('name=aether:'))
            .every((line) => line.includes(`user=${REDIS_USER.name}`)),
        ).toBe(true);

        for (const service of [zone, gateway]) expect(service.logs()).not.toContain(REDIS_USER.password);
      }),
    90_000,
  );

  it('a wrong Redis password stops the process with a message that names the refusal, not the password', async () => {
    const wrong = world.redis.url.replace(encodeURIComponent(REDIS_USER.password), 'not-the-Pa55word');
    const bad = new Cluster({ REDIS_URL: wrong, DATABASE_URL: world.databaseUrl });
    try {
      const started = bad.gateway('gw-wrong-password', { NODE_EXTRA_CA_CERTS: certificates.caFile }).then(
        () => 'healthy',
        () => 'never healthy',
      );
      await waitFor(async () => bad.services().length > 0, { timeoutMs: 5_000, message: 'the gateway process to start' });
      const service = bad.services()[0]!;
      const code = await new Promise<number | null>((resolve) => {
        if (service.process.exitCode !== null) resolve(service.process.exitCode);
        else service.process.once('exit', (exitCode) => resolve(exitCode));
      });
      expect(code).toBe(1);
      expect(service.logs()).toMatch(/aether gateway: .*WRONGPASS/);
      expect(service.logs()).not.toContain('not-the-Pa55word');
      expect(await started).toBe('never healthy');
    } finally {
      await bad.stopAll();
    }
  }, 60_000);
});
