import type { Recommendation } from '../reconcile/types.js';

/**
 * The autoscaler's memory of recent recommendations, per resource, kept by
 * the leader in memory as the HorizontalPodAutoscaler does. A new leader
 * starts empty, and reconcile then treats the current size as just
 * recommended, so a failover never triggers a scale-down by itself.
 */
export class RecommendationStore {
  private readonly byKey = new Map<string, Recommendation[]>();

  get(key: string): readonly Recommendation[] {
    return this.byKey.get(key) ?? [];
  }

  remember(key: string, recommendation: Recommendation, windowMs: number): void {
    const kept = this.get(key).filter((r) => r.at >= recommendation.at - windowMs);
    this.byKey.set(key, [...kept, recommendation]);
  }

  forget(key: string): void {
    this.byKey.delete(key);
  }

  clear(): void {
    this.byKey.clear();
  }
}
