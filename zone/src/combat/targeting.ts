import { closest } from '../commands/suggest.js';
import type { Entity, World } from '../world/types.js';
import { distance } from './combatant.js';

export type TargetLookup = { ok: true; entity: Entity } | { ok: false; message: string };

/**
 * The entity a player means by `query`: an id from the roster ("w:17"), else
 * the nearest one within `range` whose name is the query, else starts with
 * it, else contains it (case-insensitive). A miss suggests the closest name.
 * The player's own exact name or id means the player.
 */
export function findTarget(world: World, actor: Entity, query: string, range: number): TargetLookup {
  const q = query.toLowerCase();
  // Yourself only by your exact name or id, so a partial name never picks you.
  if (actor.id === query || actor.name.toLowerCase() === q) return { ok: true, entity: actor };
  const nearby = [...world.entities.values()].filter((entity) => entity.id !== actor.id && distance(actor, entity) <= range);
  const byId = nearby.find((entity) => entity.id === query);
  if (byId) return { ok: true, entity: byId };
  const tests = [(name: string) => name === q, (name: string) => name.startsWith(q), (name: string) => name.includes(q)];
  for (const test of tests) {
    const matches = nearby.filter((entity) => test(entity.name.toLowerCase()));
    if (matches.length > 0) {
      const nearest = matches.reduce((best, entity) => (distance(actor, entity) < distance(actor, best) ? entity : best));
      return { ok: true, entity: nearest };
    }
  }
  const suggestion = closest(q, new Set(nearby.map((entity) => entity.name.toLowerCase())));
  const original = suggestion ? nearby.find((entity) => entity.name.toLowerCase() === suggestion)?.name : undefined;
  return { ok: false, message: `Nobody called "${query}" is nearby.${original ? ` Did you mean ${original}?` : ''}` };
}
