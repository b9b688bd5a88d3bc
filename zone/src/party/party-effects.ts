import type { PartyAction } from '../commands/events.js';
import type { AllyVitals } from './allies.js';

/** A `/party …` command, for the party service: party state lives on the bus, not in any one zone. */
interface PartyActionEffect {
  kind: 'party.action';
  actor: { id: string; characterId: string; name: string };
  action: PartyAction;
}

/** Every player's vitals in one zone, sampled every `alliesIntervalSeconds`; the host publishes what changed. */
export interface VitalsEffect {
  kind: 'party.vitals';
  zoneId: string;
  players: AllyVitals[];
}

type PartyEffect = PartyActionEffect | VitalsEffect;

// Registers this feature's effects with the kernel's Effect union (zone/src/world/effects.ts).
declare module '../world/effects.js' {
  interface EffectMap {
    party: PartyEffect;
  }
}
