import { CombatSnapshot } from '@aether/shared';
import { ghostEntity } from '../borders/border-interest.js';
import { defaultCommands } from '../commands/execute.js';
import { DEFAULT_RULES } from '../rules/rules.js';
import type { TransferEffect } from '../movement/transfer.js';
import { ZoneRuntime } from '../server/zone-runtime.js';
import type { CharacterRecord } from '../server/ports.js';
import { step } from '../simulation/step.js';
import { crossroads } from '../world/fixtures.test-helpers.js';
import { emptyWorld, type ZoneDef } from '../world/types.js';
import { CombatManager } from './combat-manager.js';
import { DT, fighter } from './combat-fixtures.test-helpers.js';
import { initialCombatState, withState, type CombatState } from './combatant.js';
import { restoreCombat, snapshotCombat, withRefund, type TargetPresence } from './combat-snapshot.js';

/** A fighter mid-fight at world time 1000: a cooldown, a debuff, a half gauge, a target. */
const FIGHTING: CombatState = {
  ...initialCombatState(),
  inCombat: true,
  targetId: 'w:wolves.1.0',
  autoAttacking: true,
  atb: 55,
  nextSwingAt: 1001.5,
  lastHostileAt: 998,
  cooldowns: { 'power-strike': 1008, 'shield-bash': 999 },
  effects: [
    { kind: 'slow', magnitude: 0.5, expiresAt: 1020, sourceId: 'w:wolves.1.0' },
    { kind: 'haste', magnitude: 1.5, expiresAt: 1000, sourceId: 'c:ann' },
  ],
  damagedBy: { 'w:wolves.1.0': 12 },
  nextRegenAt: 1002,
  reported: { view: '[]', character: {} },
};
const everywhere = (): TargetPresence => 'here';

describe('combat snapshot', () => {
  it('stores timers as seconds from now, leaves out what is due, and is valid on the bus', () => {
    const snapshot = snapshotCombat(FIGHTING, 1000);
    expect(snapshot).toEqual({
      atb: 55,
      inCombat: true,
      hostileAgo: 2,
      targetId: 'w:wolves.1.0',
      autoAttacking: true,
      swingIn: 1.5,
      regenIn: 2,
      cooldowns: { 'power-strike': 8 },
      effects: [{ kind: 'slow', magnitude: 0.5, remaining: 20, sourceId: 'w:wolves.1.0' }],
    });
    expect(CombatSnapshot.parse(JSON.parse(JSON.stringify(snapshot)))).toEqual(snapshot);
  });

  it('round-trips into a zone whose clock reads something else entirely', () => {
    const restored = restoreCombat(snapshotCombat(FIGHTING, 1000), { now: 7.25, elapsed: 0, target: everywhere });
    expect(restored).toEqual({
      ...initialCombatState(),
      inCombat: true,
      targetId: 'w:wolves.1.0',
      autoAttacking: true,
      atb: 55,
      nextSwingAt: 8.75,
      lastHostileAt: 5.25,
      cooldowns: { 'power-strike': 15.25 },
      effects: [{ kind: 'slow', magnitude: 0.5, expiresAt: 27.25, sourceId: 'w:wolves.1.0' }],
      nextRegenAt: 9.25,
    });
    // Same remaining times as before, whatever the clocks.
    expect(restored.cooldowns['power-strike']! - 7.25).toBe(FIGHTING.cooldowns['power-strike']! - 1000);
  });

  it('lets timers run on through the time away: what ran out is gone, the rest is shorter', () => {
    const restored = restoreCombat(snapshotCombat(FIGHTING, 1000), { now: 50, elapsed: 10, target: everywhere });
    expect(restored.cooldowns).toEqual({});
    expect(restored.effects).toEqual([{ kind: 'slow', magnitude: 0.5, expiresAt: 60, sourceId: 'w:wolves.1.0' }]);
    expect(restored.nextSwingAt).toBe(50);
    expect(restored.lastHostileAt).toBe(38);
    expect(restored.atb).toBe(55);
  });

  it('keeps the target and the auto-attack only where the target can be seen (here, or across a border)', () => {
    const snapshot = snapshotCombat(FIGHTING, 1000);
    const at = (presence: TargetPresence) => restoreCombat(snapshot, { now: 0, elapsed: 0, target: () => presence });
    expect(at('here')).toMatchObject({ targetId: 'w:wolves.1.0', autoAttacking: true });
    expect(at('ghost')).toMatchObject({ targetId: 'w:wolves.1.0', autoAttacking: true });
    expect(at(undefined).targetId).toBeUndefined();
    expect(at(undefined).autoAttacking).toBe(false);
  });

  it('ends a cast in progress as an interrupt would: the gauge back now, the pools on return', () => {
    const casting: CombatState = {
      ...FIGHTING,
      atb: 20,
      casting: { abilityId: 'fireball', targetId: 'w:wolves.1.0', startedAt: 999, completesAt: 1001, escrow: { atb: 50, stamina: 0, mana: 15 } },
    };
    const snapshot = snapshotCombat(casting, 1000);
    expect(snapshot.atb).toBe(70);
    expect(snapshot.refund).toEqual({ stamina: 0, mana: 15 });
    expect(restoreCombat(snapshot, { now: 0, elapsed: 0, target: everywhere }).casting).toBeUndefined();
    const pools = { hp: 50, maxHp: 100, stamina: 40, maxStamina: 100, mana: 90, maxMana: 100 };
    expect(withRefund(pools, snapshot)).toEqual({ ...pools, mana: 100 });
    expect(withRefund(pools, snapshotCombat(FIGHTING, 1000))).toBe(pools);
  });

  it('a dead fighter stays dead, its respawn delay running on from its death', () => {
    const dead: CombatState = { ...initialCombatState(), dead: true, diedAt: 990 };
    const snapshot = snapshotCombat(dead, 1000);
    expect(snapshot.diedAgo).toBe(10);
    expect(restoreCombat(snapshot, { now: 100, elapsed: 3, target: everywhere })).toEqual({ ...initialCombatState(), dead: true, diedAt: 87 });
  });

  it('a fighter at rest comes back at rest', () => {
    const snapshot = snapshotCombat(initialCombatState(), 1000);
    expect(snapshot).toEqual({ atb: 0, inCombat: false, autoAttacking: false, swingIn: 0, regenIn: 0, cooldowns: {}, effects: [] });
    expect(restoreCombat(snapshot, { now: 5, elapsed: 0, target: everywhere })).toEqual({ ...initialCombatState(), nextSwingAt: 5, nextRegenAt: 5 });
  });
});

describe('combat across a border, in the simulation', () => {
  const forest: ZoneDef = { ...crossroads, id: 'zone-forest', name: 'Forest', bounds: { minX: -200, minY: 0, maxX: 0, maxY: 200 }, neighbors: [] };
  const context = { rules: DEFAULT_RULES, commands: defaultCommands(), systems: [new CombatManager()], random: () => 0.5, now: () => 0 };
  const record: CharacterRecord = {
    id: 'walker',
    name: 'Walker',
    archetype: 'warrior',
    level: 1,
    xp: 0,
    zoneId: 'zone-forest',
    x: -0.15,
    y: 100,
    z: 0,
    heading: 270,
    hp: 80,
    maxHp: 100,
    stamina: 50,
    maxStamina: 100,
    mana: 20,
    maxMana: 20,
  };

  it('a fighter walking over the border takes its cooldown, debuff, gauge and target along', () => {
    const start = fighter('walker', 0.1, 100);
    const walking = withState(
      { ...start, intent: { kind: 'heading', heading: 270, speed: 5 } },
      {
        atb: 35,
        inCombat: true,
        lastHostileAt: 99,
        targetId: 'w:wolves.1.0',
        cooldowns: { 'power-strike': 106 },
        effects: [{ kind: 'slow', magnitude: 0.5, expiresAt: 110, sourceId: 'w:wolves.1.0' }],
      },
    );
    const world = { ...emptyWorld(crossroads), time: 100, entities: new Map([[walking.id, walking]]) };
    const transfer = step(world, [], DT, context).effects.find((effect): effect is TransferEffect => effect.kind === 'transfer');
    expect(transfer?.combat).toMatchObject({
      inCombat: true,
      targetId: 'w:wolves.1.0',
      cooldowns: { 'power-strike': expect.closeTo(6 - DT, 6) },
      effects: [{ kind: 'slow', remaining: expect.closeTo(10 - DT, 6) }],
    });
    expect(transfer!.combat!.atb).toBeGreaterThanOrEqual(35);

    // The forest's clock reads something else; the wolf it was fighting is seen there as a ghost.
    const next = new ZoneRuntime(forest, context);
    for (let i = 0; i < 7; i++) next.tick(DT, () => undefined);
    const wolf = ghostEntity({ id: 'w:wolves.1.0', kind: 'wildlife', name: 'Wolf', x: 3, y: 100, z: 0, heading: 0, moving: false }, 'b');
    next.enqueue({ kind: 'ghosts', fromZoneId: 'zone-crossroads', entities: [wolf] });
    next.tick(DT, () => undefined);
    next.join(record, 'gw-1', 'session-1', transfer!.state.intent, { snapshot: transfer!.combat!, elapsed: 0 });
    next.tick(DT, () => undefined);
    const arrived = next.combatOf('walker');
    expect(arrived).toMatchObject({
      inCombat: true,
      targetId: 'w:wolves.1.0',
      autoAttacking: false,
      cooldowns: { 'power-strike': expect.closeTo(6 - 2 * DT, 6) },
      effects: [{ kind: 'slow', magnitude: 0.5, remaining: expect.closeTo(10 - 2 * DT, 6) }],
    });
    expect(arrived!.atb).toBeGreaterThan(transfer!.combat!.atb);
  });

  it('a target nobody on the other side can see is dropped', () => {
    const next = new ZoneRuntime(forest, context);
    const snapshot = snapshotCombat({ ...initialCombatState(), inCombat: true, lastHostileAt: 0, targetId: 'w:gone', autoAttacking: true }, 1);
    next.join(record, 'gw-1', 'session-1', undefined, { snapshot, elapsed: 0 });
    next.tick(DT, () => undefined);
    expect(next.combatOf('walker')).toMatchObject({ inCombat: true, autoAttacking: false });
    expect(next.combatOf('walker')!.targetId).toBeUndefined();
  });
});
