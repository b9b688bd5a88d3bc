import type { Registry } from '@aether/shared';
import { RELEASED_SERVER_ID } from '../api/zone-assignment.js';
import type { OperatorMetrics } from '../metrics.js';
import type { Action, AssignmentStatus, Plan, ZoneAssignmentStatus } from '../reconcile/types.js';
import type { KubeWriter, ObjectRef } from './ports.js';
import type { RecommendationStore } from './recommendations.js';

export interface ExecuteContext {
  key: string;
  ref: ObjectRef;
  /** Status as observed (used to mirror Redis when this plan writes no status). */
  observedStatus: ZoneAssignmentStatus | undefined;
  kube: KubeWriter;
  registry: Registry;
  metrics: OperatorMetrics;
  recommendations: RecommendationStore;
  /** key → when Redis was last seen to have lost its data (leader memory). */
  registryResets: Map<string, number>;
  /** Events are best effort: a failure is reported, never retried. */
  onEventError: (error: unknown) => void;
  /** Fires at the reconcile's deadline: no further action is started after it. */
  signal?: AbortSignal;
}

/**
 * Carries out a plan in order. Any failure stops it (the key is retried with
 * backoff and reconcile decides again from fresh observations), which is why
 * the status, the source of truth, is written before Redis is told and
 * Events are sent last.
 */
export async function execute(plan: Plan, ctx: ExecuteContext): Promise<void> {
  let committed: ZoneAssignmentStatus | undefined;
  const epochs = new Map<string, number>();
  for (const action of plan.actions) {
    ctx.signal?.throwIfAborted();
    switch (action.kind) {
      case 'createStatefulSet':
        await ctx.kube.createStatefulSet(action.statefulSet);
        break;
      case 'updateStatefulSet':
        await ctx.kube.replaceStatefulSet(action.statefulSet);
        break;
      case 'createPodDisruptionBudget':
        await ctx.kube.createPodDisruptionBudget(action.budget);
        break;
      case 'updatePodDisruptionBudget':
        await ctx.kube.replacePodDisruptionBudget(action.budget);
        break;
      case 'writeTombstones':
        for (const { zoneId, epoch } of action.zones) await ctx.registry.setAssignment(zoneId, { serverId: RELEASED_SERVER_ID, epoch, assignedAt: Date.now() });
        await ctx.registry.announceAssignments(action.zones.map((z) => z.zoneId));
        break;
      case 'updateStatus':
        committed = await commitStatus(action, ctx, epochs);
        break;
      case 'writeAssignments':
        await writeAssignments(action.zoneIds, committed ?? ctx.observedStatus, ctx.registry);
        break;
      case 'deleteAssignments':
        for (const zoneId of action.zoneIds) await ctx.registry.deleteAssignment(zoneId);
        await ctx.registry.announceAssignments(action.zoneIds);
        break;
      case 'event': {
        const epoch = action.zoneId ? epochs.get(action.zoneId) : undefined;
        const message = epoch === undefined ? action.message : `${action.message} at epoch ${epoch}`;
        await ctx.kube.recordEvent(ctx.ref, { type: action.type, reason: action.reason, message }).catch(ctx.onEventError);
        break;
      }
      case 'countReassignments':
        ctx.metrics.reassignments.inc({ reason: action.reason }, action.count);
        break;
      case 'rememberRecommendation':
        ctx.recommendations.remember(ctx.key, action.recommendation, action.window);
        break;
      case 'restoreEpochCounter':
        await ctx.registry.ensureEpochAbove(action.floor);
        break;
      case 'rememberRegistryReset':
        ctx.registryResets.set(ctx.key, action.at);
        break;
      default:
        assertNever(action);
    }
  }
}

/**
 * Draws an epoch for every zone with a new owner — above every epoch this
 * resource has handed out, so a counter reset by a Redis flush cannot go
 * back — then writes the status with the resourceVersion it was computed from.
 */
async function commitStatus(
  action: Extract<Action, { kind: 'updateStatus' }>,
  ctx: ExecuteContext,
  epochs: Map<string, number>,
): Promise<ZoneAssignmentStatus> {
  const pending = action.status.assignments.filter((a) => a.epoch === undefined);
  for (const [index, assignment] of pending.entries()) {
    const epoch = index === 0 ? await ctx.registry.ensureEpochAbove(action.epochFloor) : await ctx.registry.nextEpoch();
    epochs.set(assignment.zoneId, epoch);
  }
  const assignments: AssignmentStatus[] = action.status.assignments.map((a) => ({ ...a, epoch: a.epoch ?? epochs.get(a.zoneId)! }));
  const status: ZoneAssignmentStatus = { ...action.status, assignments };
  await ctx.kube.replaceStatus(ctx.ref, status);
  return status;
}

async function writeAssignments(zoneIds: string[], status: ZoneAssignmentStatus | undefined, registry: Registry): Promise<void> {
  const byZone = new Map((status?.assignments ?? []).map((a) => [a.zoneId, a]));
  for (const zoneId of zoneIds) {
    const assignment = byZone.get(zoneId);
    if (!assignment) throw new Error(`no assignment for ${zoneId} in status to mirror`);
    await registry.setAssignment(zoneId, { serverId: assignment.server, epoch: assignment.epoch, assignedAt: Date.parse(assignment.since) });
  }
  // One notification for the batch: zone servers re-read the keys (level-triggered).
  await registry.announceAssignments(zoneIds);
}

function assertNever(value: never): never {
  throw new Error(`unknown action ${JSON.stringify(value)}`);
}
