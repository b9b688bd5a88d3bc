import { Counter, type Registry } from 'prom-client';

/** Session lifecycle metrics (docs/metrics.md); labels are small fixed sets. */
export class SessionMetrics {
  readonly abandonedSelects: Counter<never>;
  readonly displaced: Counter<never>;
  readonly kicks: Counter<'code'>;
  readonly resumeTokens: Counter<'result'>;

  constructor(registry: Registry) {
    this.abandonedSelects = new Counter({
      name: 'aether_gateway_abandoned_selects_total',
      help: 'character_select requests whose connection went away before the character entered the world (it was not entered).',
      registers: [registry],
    });
    this.displaced = new Counter({
      name: 'aether_gateway_displaced_sessions_total',
      help: 'Connections on this gateway closed with already_in_world because their character was selected from a newer connection (newest wins).',
      registers: [registry],
    });
    this.kicks = new Counter({
      name: 'aether_gateway_kicks_total',
      help: 'Connections closed on a player.kick (code kicked or banned).',
      labelNames: ['code'],
      registers: [registry],
    });
    this.resumeTokens = new Counter({
      name: 'aether_gateway_resume_tokens_total',
      help: "Resume tokens issued, redeemed, or refused (unknown, used, replaced, revoked, expired or another account's).",
      labelNames: ['result'],
      registers: [registry],
    });
    for (const code of ['kicked', 'banned']) this.kicks.inc({ code }, 0);
    for (const result of ['issued', 'redeemed', 'refused']) this.resumeTokens.inc({ result }, 0);
  }
}
