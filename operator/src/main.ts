import { hostname } from 'node:os';
import { HEARTBEAT_INTERVAL_MS, HeartbeatPublisher } from '@aether/shared';
import { busCheck, configOrExit, createServiceBus, runService, stopOnSignals } from '@aether/shared/process';
import { createLogger, createMetricsRegistry, Readiness, startOpsServer } from '@aether/shared/observability';
import { parseOperatorEnv, zonePodSettings, type OperatorEnv } from './config.js';
import { Controller } from './controller/controller.js';
import { operatorHealth, operatorReadiness } from './health/operator-health.js';
import { createKubeClients, FIELD_MANAGER } from './k8s/client.js';
import { KubeLeaseStore } from './k8s/lease-store.js';
import { KubeResourceSource } from './k8s/source.js';
import { KubeApiWriter } from './k8s/writer.js';
import { LeaderElector } from './leader/leader-elector.js';
import { OperatorMetrics } from './metrics.js';
import { EpochCounter } from './registry/epoch-counter.js';

const COMPONENT = FIELD_MANAGER;

/**
 * Composition root of the operator (`npm run start:operator`): informers on
 * every replica, the controller only on the one holding the Lease.
 */
async function main(): Promise<void> {
  const env: OperatorEnv = configOrExit('operator', () => parseOperatorEnv(process.env));
  const identity = env.SERVER_ID ?? env.POD_NAME ?? `${hostname()}-${process.pid}`;
  const logger = createLogger({
    level: env.LOG_LEVEL,
    base: { serverId: identity, service: 'operator' },
    ...(env.LOG_PRETTY ? { pretty: env.LOG_PRETTY === '1' } : {}),
  });
  const metricsRegistry = createMetricsRegistry();
  const metrics = new OperatorMetrics(metricsRegistry);

  const { bus, registry } = createServiceBus(identity, env.REDIS_URL, logger, { cluster: env.REDIS_CLUSTER === '1', metrics: metricsRegistry });

  const clients = createKubeClients();
  const source = new KubeResourceSource(clients, env.WATCH_NAMESPACE, logger, {
    watchIdleMs: env.WATCH_IDLE_TIMEOUT_MS,
    onWatchRestart: (informer, reason) => metrics.watchRestarts.inc({ informer, reason }),
  });
  const controller = new Controller({
    source,
    kube: new KubeApiWriter(clients, COMPONENT, identity),
    registry,
    epochCounter: new EpochCounter(bus),
    metrics,
    logger,
    resyncMs: env.RESYNC_INTERVAL_MS,
    reconcileTimeoutMs: env.RECONCILE_TIMEOUT_MS,
    rateLimit: { qps: env.WORK_QUEUE_QPS, burst: env.WORK_QUEUE_BURST },
    settings: {
      heartbeatTimeoutMs: env.HEARTBEAT_TIMEOUT_MS,
      redisSecret: { name: env.ZONE_REDIS_SECRET, key: env.ZONE_REDIS_SECRET_KEY },
      databaseSecret: { name: env.ZONE_DATABASE_SECRET, key: env.ZONE_DATABASE_SECRET_KEY },
      zoneMetricsPort: env.ZONE_METRICS_PORT,
      statusRefreshMs: env.STATUS_REFRESH_MS,
      managedBy: COMPONENT,
      registryGraceMs: HEARTBEAT_INTERVAL_MS + 3_000,
      zonePod: zonePodSettings(env),
    },
  });
  let shuttingDown = false;
  const leaseNamespace = env.LEADER_ELECTION_NAMESPACE ?? env.POD_NAMESPACE ?? env.WATCH_NAMESPACE ?? 'default';
  const elector = new LeaderElector(
    new KubeLeaseStore(clients, leaseNamespace, env.LEADER_ELECTION_NAME),
    {
      identity,
      leaseDurationMs: env.LEADER_LEASE_DURATION_MS,
      renewIntervalMs: env.LEADER_RENEW_INTERVAL_MS,
      renewDeadlineMs: env.LEADER_RENEW_DEADLINE_MS,
      retryIntervalMs: env.LEADER_RETRY_INTERVAL_MS,
    },
    {
      onStartedLeading: () => {
        metrics.leader.set(1);
        controller.start();
      },
      onStoppedLeading: async () => {
        metrics.leader.set(0);
        await controller.stop();
        // Still holding the Lease: a leader going away on purpose withdraws its finalizer (Controller.withdrawFinalizers).
        if (shuttingDown) await controller.withdrawFinalizers(5_000);
      },
    },
    logger,
  );
  // The operator shows up in the registry like every other process (docs/design.md §4).
  const heartbeat = new HeartbeatPublisher(
    identity,
    registry,
    () => ({ type: 'operator', zones: [], players: 0, tickP99Ms: 0 }),
    (error) => logger.warn({ err: error }, 'heartbeat failed'),
  );
  const startedAt = Date.now();
  const readiness = new Readiness(operatorReadiness({ source, controller, elector, bus: busCheck(bus, identity) }));
  const ops = await startOpsServer({
    port: env.METRICS_PORT,
    registry: metricsRegistry,
    health: () => ({
      ...operatorHealth(controller.health()),
      type: 'operator',
      serverId: identity,
      leader: elector.isLeader,
      timestamp: new Date().toISOString(),
      uptime: Math.round((Date.now() - startedAt) / 1000),
    }),
    ready: async () => ({ ...(await readiness.report()), role: elector.isLeader ? 'leader' : 'standby', serverId: identity }),
  });

  try {
    await source.start();
  } catch (error) {
    throw new Error('could not list ZoneAssignments, StatefulSets and pods (is the CRD installed? RBAC?)', { cause: error });
  }
  await heartbeat.start();
  elector.start();
  logger.info({ metricsPort: ops.port, namespace: env.WATCH_NAMESPACE ?? '(all)', lease: `${leaseNamespace}/${env.LEADER_ELECTION_NAME}` }, 'operator running');

  stopOnSignals(logger, 'shutting down: releasing the Lease', [
    () => {
      shuttingDown = true;
      return elector.stop();
    },
    () => controller.stop(),
    () => source.stop(),
    () => heartbeat.stop(),
    () => ops.close(),
    () => bus.close(),
  ]);
}

runService('operator', main);
