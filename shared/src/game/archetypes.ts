import type { Archetype } from '../protocol/client.js';

export interface ArchetypeProfile {
  stats: { strength: number; agility: number; intellect: number; speed: number };
  resources: { hp: number; maxHp: number; stamina: number; maxStamina: number; mana: number; maxMana: number };
}

function profile(strength: number, agility: number, intellect: number, speed: number, hp: number, stamina: number, mana: number): ArchetypeProfile {
  return {
    stats: { strength, agility, intellect, speed },
    resources: { hp, maxHp: hp, stamina, maxStamina: stamina, mana, maxMana: mana },
  };
}

/**
 * Starting stats and pools per archetype (docs/gameplay.md). Here in shared
 * because the gateway creates characters with them and the zone falls back to
 * them for a character saved without stats.
 */
export const ARCHETYPES: Record<Archetype, ArchetypeProfile> = {
  warrior: profile(14, 10, 6, 10, 120, 100, 20),
  ranger: profile(10, 14, 8, 12, 100, 110, 40),
  mage: profile(6, 9, 15, 10, 80, 60, 140),
};
