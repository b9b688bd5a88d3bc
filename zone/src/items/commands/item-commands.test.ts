import type { StateUpdate } from '@aether/shared';
import { command, fighter, get, run, texts, wolf, worldOf } from '../../combat/combat-fixtures.test-helpers.js';
import { atbRate } from '../../combat/atb.js';
import { DEFAULT_COMBAT_RULES } from '../../combat/combat-rules.js';
import { fightingStats, type Fighter } from '../../combat/combatant.js';
import { ItemCatalog } from '../../combat/items/item-catalog.js';
import type { InventoryEntry } from '../../combat/items/item.js';
import type { Outgoing } from '../../world/types.js';

const items = new ItemCatalog();
const stack = (slot: number, itemId: string, quantity = 1): InventoryEntry => ({ slot, itemId, name: items.get(itemId)!.name, quantity });
const always = (value: number) => () => value;

function carrying(inventory: InventoryEntry[], hp = 100): Fighter {
  const ann = fighter('ann', 10, 10);
  return { ...ann, player: { ...ann.player!, resources: { ...ann.player!.resources, hp } }, combat: { ...ann.combat, inventory } };
}

/** Runs one command (then `ticks` − 1 quiet ticks) for Ann. */
function type(ann: Fighter, text: string, ticks = 1) {
  const result = run(worldOf(ann), ticks, { inputs: [[command('c:ann', text)]] });
  return { ...result, ann: get(result.world, 'c:ann'), lines: texts(result.outgoing, 'c:ann'), errors: errors(result.outgoing) };
}

const errors = (outgoing: Outgoing[]) => outgoing.flatMap((o) => (o.to === 'c:ann' && o.event === 'error' ? [o.data] : []));
const updates = (outgoing: Outgoing[]) => outgoing.flatMap((o) => (o.to === 'c:ann' && o.event === 'state_update' ? [o.data as StateUpdate] : []));
const slots = (effects: readonly { kind: string }[]) => effects.filter((effect) => effect.kind === 'inventory');

describe('/equip and /unequip', () => {
  it('equips by a part of the name, writes both slots in one pass, and changes stats, weapon and max hp', () => {
    const { ann, lines, effects } = type(carrying([stack(1, 'iron-sword'), stack(2, 'padded-jerkin')]), '/equip iron');
    expect(lines).toEqual(['You wield Iron Sword.']);
    expect(ann.combat.weapon.name).toBe('Iron Sword');
    expect(fightingStats(ann.combat).strength).toBe(11);
    expect(slots(effects)).toEqual([
      { kind: 'inventory', characterId: 'ann', slot: 0, itemId: 'iron-sword', quantity: 1 },
      { kind: 'inventory', characterId: 'ann', slot: 1, itemId: 'iron-sword', quantity: 0 },
    ]);
    const jerkin = type(ann, '/wear padded jerkin');
    expect(jerkin.ann.player!.resources.maxHp).toBe(110);
  });

  it('unequips by slot name or by item name', () => {
    const worn = carrying([stack(0, 'iron-sword'), stack(1001, 'leather-cap')]);
    expect(type(worn, '/unequip head').ann.combat.inventory).toEqual([stack(0, 'iron-sword'), stack(1, 'leather-cap')]);
    const bySword = type(worn, '/unequip "Iron Sword"');
    expect(bySword.ann.combat.weapon.name).toBe('Rusty Sword');
    expect(bySword.lines).toEqual(['You put away Iron Sword. You fight with your Rusty Sword again.']);
  });

  it.each([
    { text: '/equip wolf pelt', inventory: [stack(1, 'wolf-pelt')], code: 'invalid_command' },
    { text: '/equip crown', inventory: [stack(1, 'wolf-pelt')], code: 'not_found' },
    { text: '/unequip feet', inventory: [], code: 'not_found' },
    { text: '/equip', inventory: [], code: 'invalid_command' },
  ])('$text is refused with $code', ({ text, inventory, code }) => {
    const { errors: refused, effects } = type(carrying(inventory), text);
    expect(refused).toEqual([expect.objectContaining({ code })]);
    expect(slots(effects)).toEqual([]);
  });

  it('boots with speed fill the gauge faster', () => {
    const { ann } = type(carrying([stack(1, 'travellers-boots')]), '/equip boots');
    expect(atbRate(fightingStats(ann.combat), [], DEFAULT_COMBAT_RULES)).toBeGreaterThan(atbRate(ann.combat.stats, [], DEFAULT_COMBAT_RULES));
  });
});

describe('/use', () => {
  it('heals (never past max), spends one and starts the cooldown; a second use is refused with the time left', () => {
    const first = type(carrying([stack(1, 'healing-draught', 2)], 70), '/use healing draught');
    expect(first.lines).toEqual(['You use Healing Draught and recover 30 hp.']);
    expect(first.ann.player!.resources.hp).toBe(100);
    expect(first.ann.combat.inventory).toEqual([stack(1, 'healing-draught', 1)]);
    expect(first.ann.combat.state.cooldowns['item:healing-draught']).toBeCloseTo(30, 5);
    const cooldown = updates(first.outgoing).flatMap((update) => update.combat?.cooldowns ?? []);
    expect(cooldown[0]).toMatchObject({ id: 'item:healing-draught', name: 'Healing Draught', total: 30 });

    const hurt = { ...first.ann, player: { ...first.ann.player!, resources: { ...first.ann.player!.resources, hp: 50 } } };
    const again = type(hurt, '/drink heal');
    expect(again.errors).toEqual([{ code: 'cooldown', message: 'Healing Draught is not ready yet: 30 s left.' }]);
  });

  it.each([
    { case: 'at full health', hp: 100, inventory: [stack(1, 'healing-draught')], text: '/use healing draught', code: 'not_allowed' },
    { case: 'not a consumable', hp: 50, inventory: [stack(1, 'rope')], text: '/use rope', code: 'invalid_command' },
    { case: 'not carried', hp: 50, inventory: [], text: '/use healing draught', code: 'not_found' },
  ])('refused: $case', ({ hp, inventory, text, code }) => {
    expect(type(carrying(inventory, hp), text).errors).toEqual([expect.objectContaining({ code })]);
  });

  it('the dead cannot use items', () => {
    const ann = carrying([stack(1, 'healing-draught')], 0);
    const dead = { ...ann, combat: { ...ann.combat, state: { ...ann.combat.state, dead: true, diedAt: 0 } } };
    expect(type(dead, '/use healing draught').errors).toEqual([expect.objectContaining({ code: 'not_allowed', message: 'You are dead.' })]);
  });
});

describe('/drop', () => {
  it.each([
    { text: '/drop pelt', left: [stack(1, 'wolf-pelt', 3)], line: 'You drop 1 × Wolf Pelt; it is gone.' },
    { text: '/drop wolf pelt 4', left: [], line: 'You drop 4 × Wolf Pelt; it is gone.' },
  ])('$text', ({ text, left, line }) => {
    const { ann, lines } = type(carrying([stack(1, 'wolf-pelt', 4)]), text);
    expect(ann.combat.inventory).toEqual(left);
    expect(lines).toEqual([line]);
  });

  it('refuses more than held, and worn equipment', () => {
    expect(type(carrying([stack(1, 'wolf-pelt', 2)]), '/drop wolf-pelt 5').errors).toEqual([{ code: 'not_found', message: 'You have only 2 × Wolf Pelt.' }]);
    expect(type(carrying([stack(0, 'iron-sword')]), '/drop iron sword').errors).toEqual([expect.objectContaining({ code: 'not_found' })]);
  });
});

describe('loot window', () => {
  const killed = () => {
    const world = worldOf(
      carrying([]),
      wolf(11, 10, {
        hp: 1,
        loot: [
          { itemId: 'wolf-pelt', chance: 1, quantity: 2 },
          { itemId: 'healing-draught', chance: 1, quantity: 1 },
        ],
      }),
    );
    return run(world, 1, { inputs: [[command('c:ann', '/attack wolf')]], random: always(0.5) });
  };

  it('a kill opens it (state_update.loot); /loot <item> takes one kind, /loot the rest, and the window closes (null)', () => {
    const kill = killed();
    const window = updates(kill.outgoing).find((update) => update.loot)?.loot;
    expect(window).toMatchObject({
      from: 'the Wolf',
      expiresIn: 60,
      items: [
        { itemId: 'wolf-pelt', quantity: 2 },
        { itemId: 'healing-draught', quantity: 1 },
      ],
    });
    const one = run(kill.world, 1, { inputs: [[command('c:ann', '/loot draught')]] });
    expect(get(one.world, 'c:ann').combat.inventory).toEqual([stack(1, 'healing-draught')]);
    expect(updates(one.outgoing).find((update) => update.loot)?.loot?.items).toEqual([expect.objectContaining({ itemId: 'wolf-pelt', quantity: 2 })]);
    const rest = run(one.world, 1, { inputs: [[command('c:ann', '/loot')]] });
    expect(get(rest.world, 'c:ann').combat.inventory).toEqual([stack(1, 'healing-draught'), stack(2, 'wolf-pelt', 2)]);
    const last = updates(rest.outgoing);
    expect(last.some((update) => update.loot === null)).toBe(true);
    expect(last.find((update) => update.belongings)?.belongings?.bags.map((bag) => bag.itemId)).toEqual(['healing-draught', 'wolf-pelt']);
  });

  it('runs out after 60 s', () => {
    const kill = killed();
    const later = run(kill.world, 60 * 20 + 1);
    expect(get(later.world, 'c:ann').combat.state.loot).toBeUndefined();
    expect(texts(later.outgoing, 'c:ann')).toContain('The loot from the Wolf is gone.');
    expect(type(get(later.world, 'c:ann'), '/loot').errors).toEqual([{ code: 'not_found', message: 'There is nothing to loot.' }]);
  });

  it('bags full: what does not fit stays in the window', () => {
    const kill = killed();
    const full = Array.from({ length: 20 }, (_, i) => stack(i + 1, 'rope', 20));
    const ann = get(kill.world, 'c:ann');
    const stuffed = { ...ann, combat: { ...ann.combat, inventory: full } };
    const { ann: after, lines } = type(stuffed, '/loot');
    expect(after.combat.state.loot?.items).toHaveLength(2);
    expect(lines).toEqual(['Your bags are full: the rest stays in the loot until you make room (or it is gone).']);
  });
});

describe('belongings in state_update', () => {
  it('sent on the first report and after a change, not every tick', () => {
    const { outgoing } = run(worldOf(carrying([stack(1, 'rope')])), 40, { inputs: [[], [], [command('c:ann', '/drop rope')]] });
    const sent = updates(outgoing).flatMap((update) => (update.belongings ? [update.belongings] : []));
    expect(sent).toHaveLength(2);
    // Nothing in the weapon slot: the warrior's starting weapon is what the sheet shows there.
    expect(sent[0]).toMatchObject({ coins: 0, bagSlots: 20, bags: [{ slot: 1, itemId: 'rope' }], equipment: [{ slot: 'weapon', itemId: 'rusty-sword' }] });
    expect(sent[1]!.bags).toEqual([]);
  });
});

describe('/inventory', () => {
  it('lists coins, what is worn and the bags', () => {
    const { lines } = type(carrying([stack(0, 'iron-sword'), stack(3, 'wolf-pelt', 2)]), '/i');
    expect(lines[0]!.split('\n')).toEqual([
      'Coins: 0',
      'Wielding: Sword',
      '  weapon: Iron Sword (Weapon · 2.2 s · 7–12 damage · +1 strength)',
      'Bags (1/20 slots used):',
      '  [3] 2 × Wolf Pelt (Material · sells for 10)',
    ]);
  });
});
