import { SEED_NPCS, SEED_SPAWN_RULES, SEED_SPECIES } from './seed-inhabitants.js';
import { SEED_WORLD } from './seed-world.js';
import type { ZoneBounds } from './records.js';

const zones = new Map(SEED_WORLD.map((zone) => [zone.id, zone]));
const within = (inner: ZoneBounds, outer: ZoneBounds) =>
  inner.minX >= outer.minX && inner.maxX <= outer.maxX && inner.minY >= outer.minY && inner.maxY <= outer.maxY;

describe('seed inhabitants', () => {
  it.each(SEED_SPAWN_RULES.map((rule) => [rule.id, rule] as const))('spawn rule %s names a seeded species and lies inside its zone', (_, rule) => {
    expect(SEED_SPECIES.map((s) => s.id)).toContain(rule.speciesId);
    const zone = zones.get(rule.zoneId);
    expect(zone).toBeDefined();
    expect(within(rule.region, zone!.bounds)).toBe(true);
    expect(rule.region.minX).toBeLessThan(rule.region.maxX);
    expect(rule.region.minY).toBeLessThan(rule.region.maxY);
    expect(rule.count).toBeGreaterThan(0);
    expect(rule.minLevel).toBeGreaterThanOrEqual(1);
    expect(rule.minLevel).toBeLessThanOrEqual(rule.maxLevel);
    expect(rule.respawnSeconds).toBeGreaterThan(0);
  });

  it('gives every zone in the seed world something to meet', () => {
    const populated = new Set([...SEED_SPAWN_RULES.map((r) => r.zoneId), ...SEED_NPCS.map((n) => n.zoneId)]);
    expect([...populated].sort()).toEqual([...zones.keys()].sort());
  });

  it.each(SEED_SPECIES.map((s) => [s.id, s] as const))('species %s has sane numbers', (_, species) => {
    expect(species.wanderSpeed).toBeLessThan(species.runSpeed);
    expect(species.weapon.minDamage).toBeLessThanOrEqual(species.weapon.maxDamage);
    expect(Object.values(species.base).every((value) => value > 0)).toBe(true);
    expect(Object.values(species.perLevel).every((value) => value >= 0)).toBe(true);
    expect(species.secondsPerLevel).toBeGreaterThan(0);
  });

  it.each(SEED_NPCS.map((n) => [n.id, n] as const))('NPC %s stands in its zone, with patterns that compile and are unique', (_, npc) => {
    const zone = zones.get(npc.zoneId)!;
    expect(within({ minX: npc.x, maxX: npc.x, minY: npc.y, maxY: npc.y }, zone.bounds)).toBe(true);
    for (const rule of npc.dialogue.filter((r) => r.match === 'regex')) expect(() => new RegExp(rule.pattern, 'iu')).not.toThrow();
    const patterns = npc.dialogue.map((rule) => rule.pattern);
    expect(new Set(patterns).size).toBe(patterns.length);
  });

  it('keeps ids short enough for entity ids (64 characters with a prefix and a serial)', () => {
    for (const id of [...SEED_SPAWN_RULES.map((r) => r.id), ...SEED_NPCS.map((n) => n.id)]) expect(id.length).toBeLessThanOrEqual(40);
  });
});
