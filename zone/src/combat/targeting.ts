import { matchName } from '../commands/name-match.js';
import { liveGhosts } from '../borders/border-interest.js';
import type { Entity, World } from '../world/types.js';
import { distance } from './combatant.js';

export type TargetLookup = { ok: true; entity: Entity } | { ok: false; message: string };

/**
 * The entity a player means by `query`: an id from the roster ("w:17"), else
 * the one within `range` whose name matches (zone/src/commands/name-match.ts:
 * whole name, else word prefixes, else contained), the nearest first or the
 * `ordinal`-th by distance as the roster lists them. A miss suggests the
 * closest name. The player's own exact name or id means the player.
 * What stands across a zone border (ghosts, zone/src/borders) is nearby too:
 * one can target and fight it, and its own zone resolves the blows.
 */
export function findTarget(world: World, actor: Entity, query: string, range: number, ordinal?: number): TargetLookup {
  const q = query.trim().toLowerCase();
  // Yourself only by your exact name or id, so a partial name never picks you.
  if (actor.id === query || (actor.name.toLowerCase() === q && ordinal === undefined)) return { ok: true, entity: actor };
  const nearby: { id: string; name: string; order: number; entity: Entity }[] = [];
  for (const entity of world.entities.values()) {
    if (entity.id === actor.id) continue;
    const order = distance(actor, entity);
    if (order <= range) nearby.push({ id: entity.id, name: entity.name, order, entity });
  }
  if (world.ghosts.size > 0) {
    for (const ghost of liveGhosts(world)) {
      const order = distance(actor, ghost);
      if (order <= range) nearby.push({ id: ghost.id, name: ghost.name, order, entity: ghost });
    }
  }
  const found = matchName({ name: query, ordinal }, nearby);
  return found.ok ? { ok: true, entity: found.match.entity } : found;
}
