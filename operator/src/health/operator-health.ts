import type { ReadinessCheck } from '@aether/shared/observability';
import type { ControllerHealth } from '../controller/controller.js';

/**
 * Liveness (`/health`): the process answers, and, while this replica leads,
 * its workers are alive and draining the queue. A worker loop that exited,
 * or keys waiting while no worker has moved for twice the reconcile
 * deadline (each reconcile is cut at the deadline, so workers cannot be
 * legitimately busy that long), is a wedged operator the kubelet should
 * restart. A standby has no workers and is live.
 */
export function operatorHealth(workers: ControllerHealth): { status: 'ok' | 'stalled'; problems?: string[]; workers: ControllerHealth } {
  const problems: string[] = [];
  if (workers.running && workers.workersAlive < workers.workers)
    problems.push(`${workers.workers - workers.workersAlive} of ${workers.workers} workers have exited`);
  if (workers.stalled) problems.push(`${workers.queueDepth} keys waiting and no worker has moved for ${workers.sinceProgressMs} ms`);
  return problems.length > 0 ? { status: 'stalled', problems, workers } : { status: 'ok', workers };
}

export interface ReadinessParts {
  source: { unsynced(): string[] };
  controller: { health(): ControllerHealth };
  elector: { readonly isLeader: boolean };
  /** Redis answers (the registry the controller reads and writes). */
  bus: ReadinessCheck;
}

/**
 * Readiness (`/ready`): informers synced (a replica with a cold or broken
 * cache must not be the one that takes over), Redis answering, and for the
 * leader, workers running and not stalled. A standby with synced caches is
 * ready; its body says `role: standby`.
 */
export function operatorReadiness(parts: ReadinessParts): ReadinessCheck[] {
  return [
    {
      name: 'informers',
      probe: () => {
        const unsynced = parts.source.unsynced();
        if (unsynced.length > 0) throw new Error(`not synced: ${unsynced.join(', ')}`);
      },
    },
    parts.bus,
    {
      name: 'workers',
      probe: () => {
        if (!parts.elector.isLeader) return;
        const workers = parts.controller.health();
        if (!workers.running) throw new Error('this replica leads but its controller is not running');
        const { problems } = operatorHealth(workers);
        if (problems) throw new Error(problems.join('; '));
      },
    },
  ];
}
