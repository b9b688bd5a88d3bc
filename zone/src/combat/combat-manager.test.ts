import type { Outgoing } from '../world/types.js';
import { command, fighter, get, run, seeded, texts, wolf, worldOf } from './combat-fixtures.test-helpers.js';
import { DEFAULT_ABILITIES } from './abilities/default-abilities.js';

const always = (value: number) => () => value;
const combatUpdates = (outgoing: Outgoing[], to: string) =>
  outgoing.flatMap((o) => (o.to === to && o.event === 'state_update' && o.data.combat ? [o.data.combat] : []));
const characterUpdates = (outgoing: Outgoing[], to: string) =>
  outgoing.flatMap((o) => (o.to === to && o.event === 'state_update' && o.data.character ? [o.data.character] : []));

describe('auto-attacks', () => {
  // With every roll at 0.5: a plain hit for 5 (sword) + 10 strength / 2 = 10.
  it('swing on the weapon timer and are told to the attacker, the defender and bystanders within 30 m', () => {
    const world = worldOf(fighter('ann', 10, 10), wolf(11, 10, { hp: 100 }), fighter('bob', 30, 10), fighter('far', 60, 10));
    const { world: after, outgoing } = run(world, 81, { inputs: [[command('c:ann', '/attack wolf')]], random: always(0.5) });
    // Swings at 0, 2 and 4 s.
    expect(texts(outgoing, 'c:ann').filter((t) => t === 'You hit the Wolf for 10.')).toHaveLength(3);
    expect(texts(outgoing, 'c:bob').filter((t) => t === 'Ann hits the Wolf for 10.')).toHaveLength(3);
    expect(texts(outgoing, 'c:far')).toEqual([]);
    expect(get(after, 'w:1').combat.resources!.hp).toBe(70);
    const hit = outgoing.find((o) => o.to === 'c:ann' && o.event === 'event' && o.data.type === 'combat' && o.data.combat?.result === 'hit');
    expect(hit).toMatchObject({ data: { combat: { source: { id: 'c:ann' }, target: { id: 'w:1' }, result: 'hit', amount: 10, flags: [] } } });
  });

  it('a miss is narrated as a miss', () => {
    const world = worldOf(fighter('ann', 10, 10), wolf(11, 10, { hp: 100 }));
    const { outgoing } = run(world, 1, { inputs: [[command('c:ann', '/attack wolf')]], random: always(0.9) });
    expect(texts(outgoing, 'c:ann')).toContain('You miss the Wolf.');
  });

  it('a defender that retaliates fights back; a player being hit turns to face the attacker', () => {
    const world = worldOf(fighter('ann', 10, 10), wolf(11, 10, { hp: 100, retaliate: true }));
    const { world: after, outgoing } = run(world, 2, { inputs: [[command('c:ann', '/attack wolf')]], random: always(0.5) });
    expect(get(after, 'w:1').combat.state).toMatchObject({ targetId: 'c:ann', autoAttacking: true, inCombat: true });
    expect(texts(outgoing, 'c:ann')).toContain('The Wolf hits you for 8.');
  });

  it('a target out of reach is reported once, then hit when it comes close', () => {
    const world = worldOf(fighter('ann', 10, 10), wolf(20, 10, { hp: 100 }));
    const { outgoing } = run(world, 10, { inputs: [[command('c:ann', '/attack wolf')]], random: always(0.5) });
    expect(texts(outgoing, 'c:ann')).toEqual([
      'You attack the Wolf. It is 10 m away; your sword reaches 2.5 m.',
      'The Wolf is out of reach (10 m; your sword reaches 2.5 m).',
    ]);
  });

  it('combat ends after 6 s without hostile action', () => {
    const world = worldOf(fighter('ann', 10, 10), wolf(11, 10, { hp: 100 }));
    const { world: after, outgoing } = run(world, 140, { inputs: [[command('c:ann', '/attack wolf')], [command('c:ann', '/disengage')]], random: always(0.5) });
    expect(texts(outgoing, 'c:ann')).toContain('You are no longer in combat.');
    expect(get(after, 'c:ann').combat.state.inCombat).toBe(false);
    expect(get(after, 'w:1').combat.state.inCombat).toBe(false);
  });
});

describe('casting', () => {
  const mage = () => fighter('ann', 10, 10, { atb: 100, resources: { mana: 50, maxMana: 50 } });

  it('a cast completes after its cast time, spending the escrow and starting the cooldown', () => {
    const world = worldOf(mage(), wolf(20, 10, { hp: 100 }));
    const { world: after, outgoing } = run(world, 41, { inputs: [[command('c:ann', '/ability firebolt wolf')]], random: always(0.5) });
    const lines = texts(outgoing, 'c:ann');
    expect(lines[0]).toBe('You begin casting Firebolt at the Wolf (2 s).');
    // 14 × 0.9 = 12 (floor) … 14 × 1.1 = 16 (ceil); roll 0.5 → 14; + intellect 10 × 1.2 = 12 → 26.
    expect(lines).toContain('Your Firebolt hits the Wolf for 26.');
    const ann = get(after, 'c:ann');
    expect(ann.player!.resources.mana).toBeLessThan(50);
    expect(ann.combat.state.cooldowns.firebolt).toBeCloseTo(2 + 3, 5);
    expect(ann.combat.state.casting).toBeUndefined();
  });

  it('moving interrupts the cast and refunds the escrow', () => {
    const world = worldOf(mage(), wolf(20, 10, { hp: 100 }));
    const inputs = [
      [command('c:ann', '/ability firebolt wolf')],
      [],
      [],
      [],
      [],
      [{ kind: 'move' as const, entityId: 'c:ann', move: { heading: 90, speed: 2 } }],
    ];
    const started = run(world, 2, { inputs });
    // 50 − 20 in escrow, + 2 from the first regeneration pulse.
    expect(started.world.entities.get('c:ann')!.player!.resources.mana).toBe(32);
    const { world: after, outgoing } = run(world, 8, { inputs });
    const ann = get(after, 'c:ann');
    expect(texts(outgoing, 'c:ann')).toContain('Your Firebolt is interrupted: you moved. Its cost is refunded.');
    expect(ann.combat.state.casting).toBeUndefined();
    expect(ann.player!.resources.mana).toBe(50);
    expect(ann.combat.state.atb).toBeGreaterThan(99);
    expect(get(after, 'w:1').combat.resources!.hp).toBe(100);
  });

  it('a stun interrupts the cast and refunds it', () => {
    const world = worldOf(mage(), wolf(20, 10, { hp: 100 }), fighter('bob', 11, 10, { atb: 100 }));
    const inputs = [[command('c:ann', '/ability firebolt wolf')], [command('c:bob', '/ability shield-bash ann')]];
    const { world: after, outgoing } = run(world, 5, { inputs, random: always(0.5) });
    expect(texts(outgoing, 'c:ann')).toEqual(
      expect.arrayContaining(["Bob's Shield Bash stuns you for 2 s.", 'Your Firebolt is interrupted: you are stunned. Its cost is refunded.']),
    );
    const ann = get(after, 'c:ann');
    expect(ann.player!.resources.mana).toBe(50);
    expect(ann.combat.state.effects.map((e) => e.kind)).toEqual(['stun']);
    expect(texts(run(world, 1, { inputs: [[command('c:ann', '/ability firebolt wolf')]] }).outgoing, 'c:ann')).toHaveLength(1);
  });

  it('an instant ability lands on the tick it is used and is on cooldown after', () => {
    const world = worldOf(fighter('ann', 10, 10, { atb: 100 }), wolf(11, 10, { hp: 100 }));
    const inputs = [[command('c:ann', '/ability power-strike wolf')], [command('c:ann', '/ability power-strike')]];
    const { outgoing } = run(world, 2, { inputs, random: always(0.5) });
    // 12 → 10..14, roll 0.5 → 12; + strength 10 × 1 = 22.
    expect(texts(outgoing, 'c:ann')).toEqual(['Your Power Strike hits the Wolf for 22.', 'error: Power Strike is ready in 6 s.']);
  });

  it('haste from an ability speeds the gauge', () => {
    const world = worldOf(fighter('ann', 10, 10, { atb: 30, level: 5 }));
    const { world: after } = run(world, 21, { inputs: [[command('c:ann', '/ability battle-cry')]] });
    expect(get(after, 'c:ann').combat.state.effects).toEqual([{ kind: 'haste', magnitude: 1.5, expiresAt: 10, sourceId: 'c:ann' }]);
    // 30 − 30 spent; the first tick fills at 20/s (haste lands after the fill), then 20 ticks at 30/s.
    expect(get(after, 'c:ann').combat.state.atb).toBeCloseTo(31, 5);
  });
});

describe('death', () => {
  it('a wolf at 0 hp dies where everyone near hears it, and is removed', () => {
    const world = worldOf(fighter('ann', 10, 10), wolf(11, 10, { hp: 5 }), fighter('bob', 30, 10));
    const { world: after, outgoing } = run(world, 2, { inputs: [[command('c:ann', '/attack wolf')]], random: always(0.5) });
    expect(texts(outgoing, 'c:ann')).toEqual(expect.arrayContaining(['You hit the Wolf for 10.', 'The Wolf dies.', 'You gain 40 experience for the Wolf.']));
    expect(texts(outgoing, 'c:bob')).toEqual(expect.arrayContaining(['Ann hits the Wolf for 10.', 'The Wolf dies.']));
    expect(after.entities.has('w:1')).toBe(false);
    expect(get(after, 'c:ann').combat.state).toMatchObject({ targetId: undefined, autoAttacking: false });
    const death = outgoing.find((o) => o.to === 'c:bob' && o.event === 'event' && o.data.type === 'death');
    expect(death).toMatchObject({ data: { combat: { result: 'death', target: { id: 'w:1' }, source: { id: 'c:ann' } } } });
  });

  it("an owner's creature (onDeath: 'keep') stays in the world, dead, for its owner to handle", () => {
    const world = worldOf(fighter('ann', 10, 10), wolf(11, 10, { hp: 5, onDeath: 'keep' }));
    const { world: after } = run(world, 3, { inputs: [[command('c:ann', '/attack wolf')]], random: always(0.5) });
    expect(get(after, 'w:1').combat.state.dead).toBe(true);
    expect(get(after, 'w:1').combat.resources!.hp).toBe(0);
    expect(texts(run(after, 1, { inputs: [[command('c:ann', '/attack wolf')]] }).outgoing, 'c:ann')).toEqual(['error: The Wolf is already dead.']);
  });

  it('a player dies, cannot walk, and respawns at the zone spawn after 10 s with full pools', () => {
    const victim = fighter('bob', 20, 20, { resources: { hp: 5, stamina: 3, mana: 1 } });
    const world = worldOf(fighter('ann', 21, 20), victim);
    const dead = run(world, 2, { inputs: [[command('c:ann', '/attack bob')]], random: always(0.5) });
    expect(texts(dead.outgoing, 'c:bob')).toEqual(
      expect.arrayContaining(['Ann hits you for 10.', 'Bob dies.', "You die. You will return to life at Test Field's spawn point in 10 s."]),
    );
    expect(get(dead.world, 'c:bob').combat.state.dead).toBe(true);
    expect(combatUpdates(dead.outgoing, 'c:bob').at(-1)).toMatchObject({ dead: { respawnIn: expect.any(Number) }, inCombat: false });

    const walking = run(dead.world, 40, { inputs: [[{ kind: 'move', entityId: 'c:bob', move: { heading: 90, speed: 5 } }]] });
    expect(get(walking.world, 'c:bob')).toMatchObject({ x: 20, y: 20 });

    const back = run(walking.world, 170);
    const bob = get(back.world, 'c:bob');
    expect(bob).toMatchObject({ x: 100, y: 100 });
    expect(bob.player!.resources).toEqual({ hp: 100, maxHp: 100, stamina: 50, maxStamina: 50, mana: 20, maxMana: 20 });
    expect(bob.combat.state.dead).toBe(false);
    expect(texts(back.outgoing, 'c:bob')).toContain('You return to life at Test Field.');
    expect(
      characterUpdates(back.outgoing, 'c:bob')
        .filter((update) => update.hp !== undefined)
        .at(-1),
    ).toMatchObject({ hp: 100 });
  });
});

describe('experience and loot', () => {
  it('is shared among the players who damaged the victim, by damage dealt', () => {
    const base = wolf(11, 10, { hp: 1, xpValue: 30 });
    const hurt = { ...base, combat: { ...base.combat, state: { ...base.combat.state, damagedBy: { 'c:ann': 20, 'c:bob': 9 } } } };
    const world = worldOf(fighter('ann', 10, 10), fighter('bob', 12, 10), hurt);
    const { outgoing, effects } = run(world, 1, { inputs: [[command('c:ann', '/attack wolf')]], random: always(0.5) });
    expect(texts(outgoing, 'c:ann')).toContain('You gain 21 experience for the Wolf.');
    expect(texts(outgoing, 'c:bob')).toContain('You gain 9 experience for the Wolf.');
    expect(effects.filter((e) => e.kind === 'progress').map((e) => e.kind === 'progress' && [e.characterId, e.xp])).toEqual([
      ['ann', 21],
      ['bob', 9],
    ]);
  });

  it('a level-up raises stats and pools, refills them, teaches the new level’s abilities and is written through', () => {
    const granted = DEFAULT_ABILITIES.filter((a) => (a.archetype === null || a.archetype === 'warrior') && a.level === 1);
    const ann0 = fighter('ann', 10, 10, { level: 2, resources: { hp: 40 } });
    const ann = { ...ann0, combat: { ...ann0.combat, xp: 290, abilities: granted } };
    const world = worldOf(ann, wolf(11, 10, { hp: 1, xpValue: 20 }));
    const { world: after, outgoing, effects } = run(world, 1, { inputs: [[command('c:ann', '/attack wolf')]], random: always(0.5) });
    const leveled = get(after, 'c:ann');
    expect(leveled.player!.level).toBe(3);
    expect(leveled.combat.xp).toBe(310);
    expect(leveled.combat.stats).toEqual({ strength: 12, agility: 11, intellect: 10, speed: 10 });
    expect(leveled.player!.resources).toMatchObject({ hp: 112, maxHp: 112, maxStamina: 56, maxMana: 22 });
    expect(leveled.combat.abilities.map((a) => a.id)).toContain('shield-bash');
    expect(texts(outgoing, 'c:ann')).toEqual(
      expect.arrayContaining(['You reach level 3! Your pools are full again.', 'You learn Shield Bash: Stun the target for 2 s.']),
    );
    expect(effects).toEqual(
      expect.arrayContaining([
        { kind: 'ability_learned', characterId: 'ann', abilityId: 'shield-bash' },
        {
          kind: 'progress',
          characterId: 'ann',
          level: 3,
          xp: 310,
          stats: { strength: 12, agility: 11, intellect: 10, speed: 10 },
          maxHp: 112,
          maxStamina: 56,
          maxMana: 22,
        },
      ]),
    );
    expect(characterUpdates(outgoing, 'c:ann').at(-1)).toMatchObject({ level: 3, xp: 310, hp: 112, maxHp: 112 });
  });

  it('loot waits in the top damager’s loot window; /loot puts it in the bags and writes it through', () => {
    const world = worldOf(fighter('ann', 10, 10), wolf(11, 10, { hp: 1, loot: [{ itemId: 'wolf-pelt', chance: 0.6, quantity: 2 }] }));
    const killed = run(world, 1, { inputs: [[command('c:ann', '/attack wolf')]], random: always(0.5) });
    expect(get(killed.world, 'c:ann').combat.state.loot).toMatchObject({ from: 'the Wolf', items: [{ itemId: 'wolf-pelt', quantity: 2 }] });
    expect(killed.effects.filter((effect) => effect.kind === 'inventory')).toEqual([]);
    const { world: after, outgoing, effects } = run(killed.world, 1, { inputs: [[command('c:ann', '/loot')]], random: always(0.5) });
    expect(get(after, 'c:ann').combat.inventory).toEqual([{ slot: 1, itemId: 'wolf-pelt', name: 'Wolf Pelt', quantity: 2 }]);
    expect(effects).toContainEqual({ kind: 'inventory', characterId: 'ann', slot: 1, itemId: 'wolf-pelt', quantity: 2 });
    expect(texts(outgoing, 'c:ann')).toContain('You loot 2 × Wolf Pelt from the Wolf.');
  });
});

describe('reporting', () => {
  it('sends the combat view when it changes, the gauge once per 10 points, and nothing while nothing changes', () => {
    const { outgoing } = run(worldOf(fighter('ann', 10, 10)), 200);
    const views = combatUpdates(outgoing, 'c:ann');
    // The first view, then each 10-point step of the gauge (5 s to fill): 11 in 10 s, not 200.
    expect(views.map((view) => view.atb)).toEqual([1, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    expect(views[0]).toEqual({
      inCombat: false,
      target: null,
      atb: 1,
      atbRate: 20,
      autoAttack: { active: false, ready: true, remaining: 0 },
      effects: [],
    });
  });

  it('sends only the character fields that changed', () => {
    const world = worldOf(fighter('ann', 10, 10, { atb: 100 }), wolf(11, 10, { hp: 100 }));
    const { outgoing } = run(world, 3, { inputs: [[], [command('c:ann', '/ability power-strike wolf')]], random: always(0.5) });
    const updates = characterUpdates(outgoing, 'c:ann');
    expect(updates[0]).toEqual({ hp: 100, maxHp: 100, stamina: 50, maxStamina: 50, mana: 20, maxMana: 20, level: 1, xp: 0 });
    expect(updates.slice(1)).toEqual([{ stamina: 35 }]);
  });

  it('a whole fight is the same for the same seed', () => {
    const world = worldOf(fighter('ann', 10, 10), wolf(11, 10, { hp: 60, retaliate: true }));
    const fight = (seed: number) => run(world, 300, { inputs: [[command('c:ann', '/attack wolf')]], random: seeded(seed) });
    const a = fight(3);
    const b = fight(3);
    expect(texts(a.outgoing, 'c:ann').length).toBeGreaterThan(5);
    expect(a.outgoing.map((o) => (o.event === 'event' ? o.data.text : o.event))).toEqual(b.outgoing.map((o) => (o.event === 'event' ? o.data.text : o.event)));
  });
});
