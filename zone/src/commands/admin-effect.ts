import type { AdminAction } from './events.js';

/**
 * An admin command the tick accepted (the actor's entity says admin): the
 * zone host carries it out after the tick — database, bus, other zones and
 * gateways — checks the role once more in PostgreSQL, and writes the audit
 * log (server/effects/admin-actions.ts).
 */
export interface AdminEffect {
  kind: 'admin';
  actor: { entityId: string; characterId: string; accountId?: string; name: string };
  action: AdminAction;
  /** Where the admin stood when giving the command (/spawn puts the creature there). */
  at?: { zoneId: string; x: number; y: number };
}

// Registers this feature's effects with the kernel's Effect union (zone/src/world/effects.ts).
declare module '../world/effects.js' {
  interface EffectMap {
    admin: AdminEffect;
  }
}
