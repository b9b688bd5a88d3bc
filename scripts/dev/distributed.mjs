// `make dev-distributed`: Redis + 2 gateways (:3100, :3101) + 2 zone servers
// on this machine, with an embedded PostgreSQL under .data/. Ctrl-C stops all.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { createDatabase, migrate, seedAll } from '../../shared/dist/db/index.js';
import { startEmbeddedPostgres } from '../../standalone/dist/index.js';
import { startRedisServer } from '../../testing/dist/index.js';

const root = resolve(import.meta.dirname, '../..');
const log = (line) => process.stdout.write(`[dev] ${line}\n`);

const postgres = await startEmbeddedPostgres({ dataDir: resolve(root, '.data/postgres-distributed'), log: () => {} });
await migrate(postgres.url);
const db = createDatabase(postgres.url);
await seedAll(db);
await db.close();
const redis = await startRedisServer();
log(`PostgreSQL ${postgres.url}`);
log(`Redis ${redis.url}`);

const common = { ...process.env, REDIS_URL: redis.url, DATABASE_URL: postgres.url, LOG_PRETTY: process.env.LOG_PRETTY ?? '1' };
// Dev login (the default AUTH_MODE) needs the opt-in; AUTH_MODE=password needs one token secret for both gateways.
if ((common.AUTH_MODE ?? 'dev') === 'dev') common.ALLOW_DEV_LOGIN ??= '1';
if (common.AUTH_MODE === 'password' && !common.AUTH_TOKEN_SECRET) common.AUTH_TOKEN_SECRET = randomBytes(48).toString('base64url');
const services = [
  ['zone-1', 'zone/dist/main.js', { SERVER_ID: 'zone-1', ASSIGNED_ZONES: 'zone-crossroads', METRICS_PORT: '9464' }],
  ['zone-2', 'zone/dist/main.js', { SERVER_ID: 'zone-2', ASSIGNED_ZONES: 'zone-forest,zone-city', METRICS_PORT: '9465' }],
  // Loopback only, like `make dev`: GATEWAY_HOST=0.0.0.0 to let other machines in.
  // Each gateway's ops port (/metrics, /api/zones, /api/servers) on loopback, apart from the zones' 9464 and 9465.
  [
    'gw-1',
    'gateway/dist/gateway-main.js',
    { SERVER_ID: 'gw-1', GATEWAY_PORT: '3100', GATEWAY_HOST: process.env.GATEWAY_HOST ?? '127.0.0.1', METRICS_PORT: '9466', METRICS_HOST: '127.0.0.1' },
  ],
  [
    'gw-2',
    'gateway/dist/gateway-main.js',
    { SERVER_ID: 'gw-2', GATEWAY_PORT: '3101', GATEWAY_HOST: process.env.GATEWAY_HOST ?? '127.0.0.1', METRICS_PORT: '9467', METRICS_HOST: '127.0.0.1' },
  ],
];
const children = services.map(([name, script, env]) => {
  const child = spawn(process.execPath, [script], { cwd: root, env: { ...common, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (chunk) => process.stdout.write(chunk.toString().replace(/^(?=.)/gm, `[${name}] `));
  child.stdout.on('data', prefix);
  child.stderr.on('data', prefix);
  child.on('exit', (code, signal) => log(`${name} exited (${signal ?? code})`));
  return child;
});
log('gateways on http://localhost:3100 and http://localhost:3101 — Ctrl-C stops everything');

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  log('stopping…');
  await Promise.all(
    children.map(
      (child) =>
        new Promise((done) => {
          if (child.exitCode !== null) return done();
          child.once('exit', done);
          child.kill('SIGTERM');
        }),
    ),
  );
  await redis.stop();
  await postgres.stop();
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
