// `make dev-distributed`: Redis + 2 gateways (:3100, :3101) + 2 zone servers
// that split the world + a standby zone server for every zone, on this
// machine, with an embedded PostgreSQL under .data/. Kill a zone server to see
// the standby take its zones over (the script prints how). Ctrl-C stops all.
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

let stopping = false;
const common = { ...process.env, REDIS_URL: redis.url, DATABASE_URL: postgres.url, LOG_PRETTY: process.env.LOG_PRETTY ?? '1' };
// Dev login (the default AUTH_MODE) needs the opt-in; AUTH_MODE=password needs one token secret for both gateways.
if ((common.AUTH_MODE ?? 'dev') === 'dev') common.ALLOW_DEV_LOGIN ??= '1';
if (common.AUTH_MODE === 'password' && !common.AUTH_TOKEN_SECRET) common.AUTH_TOKEN_SECRET = randomBytes(48).toString('base64url');
const ALL_ZONES = 'zone-crossroads,zone-forest,zone-city';
const owners = [
  ['zone-1', 'zone/dist/main.js', { SERVER_ID: 'zone-1', ASSIGNED_ZONES: 'zone-crossroads', METRICS_PORT: '9464' }],
  ['zone-2', 'zone/dist/main.js', { SERVER_ID: 'zone-2', ASSIGNED_ZONES: 'zone-forest,zone-city', METRICS_PORT: '9465' }],
];
// Wants every zone, so it claims whichever zone's owner stops renewing its lease. Started after the owners have
// claimed theirs (their /ready), or it would win the race for all three.
const standby = ['zone-standby', 'zone/dist/main.js', { SERVER_ID: 'zone-standby', ASSIGNED_ZONES: ALL_ZONES, METRICS_PORT: '9468' }];
const gateways = [
  // Loopback only, like `make dev`: GATEWAY_HOST=0.0.0.0 to let other machines in.
  // Each gateway's ops port (/metrics, /api/zones, /api/servers) on loopback, apart from the zones' 9464, 9465 and 9468.
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
const children = [];
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
function start([name, script, env]) {
  const child = spawn(process.execPath, [script], { cwd: root, env: { ...common, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (chunk) => process.stdout.write(chunk.toString().replace(/^(?=.)/gm, `[${name}] `));
  child.stdout.on('data', prefix);
  child.stderr.on('data', prefix);
  child.on('exit', (code, signal) => log(`${name} exited (${signal ?? code})`));
  children.push(child);
  return child;
}

/** Resolves once the zone server's /ready answers 200 (it has claimed what it could), or after 60 s. */
async function ready(metricsPort) {
  for (let waited = 0; waited < 60_000; waited += 250) {
    try {
      if ((await fetch(`http://127.0.0.1:${metricsPort}/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  log(`zone server on :${metricsPort} is still not ready after 60 s; starting the standby anyway`);
}

const pids = Object.fromEntries(owners.map((service) => [service[0], start(service).pid]));
for (const service of gateways) start(service);
await Promise.all(owners.map(([, , env]) => ready(env.METRICS_PORT)));
if (!stopping) start(standby);
log('gateways on http://localhost:3100 and http://localhost:3101 — Ctrl-C stops everything');
log(`failover: zone-standby (:${standby[2].METRICS_PORT}) stands by for every zone. To see a takeover, play in zone-crossroads and run`);
log(`  kill -9 ${pids['zone-1']}    # zone-1: within ~15 s (its lease lapses) zone-standby claims zone-crossroads and the players there carry on`);
log('  curl -s http://127.0.0.1:9466/api/zones    # who simulates each zone (simulatedBy), before and after');

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
