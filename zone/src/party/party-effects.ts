import type { PartyAction } from '../commands/events.js';
import type { AllyVitals } from './allies.js';

/** A `/party …` command, for the party service: party state lives on the bus, not in any one zone. */
export interface PartyActionEffect {
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

export type PartyEffect = PartyActionEffect | VitalsEffect;
