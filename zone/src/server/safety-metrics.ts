import { Counter, type Registry } from 'prom-client';

/** Sessions, reaping, chat limits and admin actions in the zone (docs/metrics.md); no label names a player. */
export class ZoneSafetyMetrics {
  readonly staleLeaves: Counter<never>;
  readonly reapedPlayers: Counter<never>;
  readonly chatRefused: Counter<'reason'>;
  readonly adminActions: Counter<'kind' | 'result'>;

  constructor(registry: Registry) {
    this.staleLeaves = new Counter({
      name: 'aether_zone_stale_leaves_total',
      help: 'player.leave messages ignored because they named a session other than the current session of the character.',
      registers: [registry],
    });
    this.reapedPlayers = new Counter({
      name: 'aether_zone_reaped_players_total',
      help: 'Players taken out of the world (and saved) because the heartbeat of their gateway was gone.',
      registers: [registry],
    });
    this.chatRefused = new Counter({
      name: 'aether_zone_chat_refused_total',
      help: 'Chat lines refused: reason muted, chat_too_long or chat_rate_limited.',
      labelNames: ['reason'],
      registers: [registry],
    });
    this.adminActions = new Counter({
      name: 'aether_zone_admin_actions_total',
      help: 'Admin commands carried out (kind: kick, mute, ...; result: done, refused, not_found, failed).',
      labelNames: ['kind', 'result'],
      registers: [registry],
    });
  }
}
