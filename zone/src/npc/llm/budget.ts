import { TokenBucket } from '@aether/shared';
/** How much NPC LLM use the game allows (NPC_LLM_* in zone/src/npc/llm/config.ts, docs/gameplay.md). */
export interface NpcLlmBudgets {
  /** LLM replies one player may get per minute. */
  playerRequestsPerMinute: number;
  /** LLM replies the whole zone server may ask for per minute. */
  globalRequestsPerMinute: number;
  /** Tokens (prompt + reply) one player's replies may use per hour. */
  playerTokensPerHour: number;
  /** Tokens the whole zone server may use per hour. */
  globalTokensPerHour: number;
}

export const DEFAULT_NPC_LLM_BUDGETS: NpcLlmBudgets = {
  playerRequestsPerMinute: 6,
  globalRequestsPerMinute: 120,
  playerTokensPerHour: 6_000,
  globalTokensPerHour: 300_000,
};

export type BudgetRefusal = 'player_requests' | 'global_requests' | 'player_tokens' | 'global_tokens';

const bucket = TokenBucket.refilledOver;

interface PlayerBuckets {
  requests: TokenBucket;
  tokens: TokenBucket;
}

/** What a granted request holds until it is settled with what it really used. */
export interface Reservation {
  readonly playerId: string;
  readonly tokens: number;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;

/**
 * Per-player and global rate and token budgets for NPC LLM replies. A request
 * reserves one request and an estimate of its tokens from all four buckets
 * (or none, when any is short), and is settled with what it really used.
 * Players' buckets are kept for at most `maxPlayers` players, the least
 * recently used dropped first (a dropped bucket was about full anyway for all
 * but the busiest). The clock is injected.
 */
export class LlmBudget {
  private readonly globalRequests: TokenBucket;
  private readonly globalTokens: TokenBucket;
  private readonly players = new Map<string, PlayerBuckets>();

  constructor(
    private readonly limits: NpcLlmBudgets,
    private readonly now: () => number,
    private readonly maxPlayers = 10_000,
  ) {
    const start = now();
    this.globalRequests = bucket(limits.globalRequestsPerMinute, MINUTE, start);
    this.globalTokens = bucket(limits.globalTokensPerHour, HOUR, start);
  }

  reserve(playerId: string, estimatedTokens: number): { ok: true; reservation: Reservation } | { ok: false; reason: BudgetRefusal } {
    const now = this.now();
    const player = this.player(playerId, now);
    if (player.requests.available(now) < 1) return { ok: false, reason: 'player_requests' };
    if (this.globalRequests.available(now) < 1) return { ok: false, reason: 'global_requests' };
    if (player.tokens.available(now) < estimatedTokens) return { ok: false, reason: 'player_tokens' };
    if (this.globalTokens.available(now) < estimatedTokens) return { ok: false, reason: 'global_tokens' };
    player.requests.spend(1);
    this.globalRequests.spend(1);
    player.tokens.spend(estimatedTokens);
    this.globalTokens.spend(estimatedTokens);
    return { ok: true, reservation: { playerId, tokens: estimatedTokens } };
  }

  /** Replaces the reservation's estimate with the tokens really used (more or fewer). */
  settle(reservation: Reservation, usedTokens: number): void {
    const difference = usedTokens - reservation.tokens;
    this.globalTokens.spend(difference);
    this.players.get(reservation.playerId)?.tokens.spend(difference);
  }

  private player(playerId: string, now: number): PlayerBuckets {
    const found = this.players.get(playerId);
    if (found) {
      this.players.delete(playerId);
      this.players.set(playerId, found);
      return found;
    }
    const created = { requests: bucket(this.limits.playerRequestsPerMinute, MINUTE, now), tokens: bucket(this.limits.playerTokensPerHour, HOUR, now) };
    this.players.set(playerId, created);
    for (const oldest of this.players.keys()) {
      if (this.players.size <= this.maxPlayers) break;
      this.players.delete(oldest);
    }
    return created;
  }
}
