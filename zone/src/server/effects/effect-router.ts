import type { Logger } from '@aether/shared/observability';
import type { Effect } from '../../world/effects.js';

type Kind = Effect extends { kind: infer K extends string } ? K : never;
type EffectOf<K> = Extract<Effect, { kind: K }>;

export interface EffectOrigin {
  zoneId: string;
  /** The zone's owner epoch when the tick ran (fenced ownership); game writes carry it. */
  epoch?: number | undefined;
}

/** Carries out one kind of effect; may be async (bus, database). */
export type EffectHandler<K extends Kind = Kind> = (effect: EffectOf<K>, origin: EffectOrigin) => Promise<void>;
export type EffectHandlers = { [K in Kind]?: EffectHandler<K> };

/**
 * Hands each effect a tick produced to the handler for its kind. Handlers run
 * after the tick, never inside it; a failing handler is logged and does not
 * affect the others or the next tick.
 */
export class EffectRouter {
  constructor(
    private readonly handlers: EffectHandlers,
    private readonly logger: Logger,
  ) {}

  carryOut(origin: EffectOrigin, effects: readonly Effect[]): Promise<void>[] {
    return effects.map(async (effect) => {
      const kind = (effect as { kind: Kind }).kind;
      const handler = this.handlers[kind] as EffectHandler | undefined;
      if (!handler) {
        this.logger.warn({ kind, zoneId: origin.zoneId }, 'no handler for zone effect');
        return;
      }
      try {
        await handler(effect as never, origin);
      } catch (error) {
        this.logger.error({ err: error, kind, zoneId: origin.zoneId }, 'zone effect failed');
      }
    });
  }
}
