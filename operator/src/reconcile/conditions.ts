import type { Condition } from './types.js';

type ConditionType = 'Ready' | 'Progressing' | 'Degraded' | 'ZoneConflict';

export interface ConditionInput {
  type: ConditionType;
  status: boolean;
  reason: string;
  message: string;
}

/**
 * meta.SetStatusCondition: lastTransitionTime moves only when the status
 * flips, so `kubectl get` shows how long a state has lasted. Conditions come
 * out in a fixed order so an unchanged status compares equal.
 */
export function setConditions(existing: readonly Condition[] | undefined, next: readonly ConditionInput[], now: string, generation: number): Condition[] {
  const before = new Map((existing ?? []).map((condition) => [condition.type, condition]));
  return next.map(({ type, status, reason, message }) => {
    const text = status ? 'True' : 'False';
    const previous = before.get(type);
    return {
      type,
      status: text,
      observedGeneration: generation,
      lastTransitionTime: previous && previous.status === text ? previous.lastTransitionTime : now,
      reason,
      message,
    };
  });
}
