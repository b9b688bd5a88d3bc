import type { Belongings, ClientMessage, CombatState, LootWindow } from '@aether/shared';
import { until, ZoneWorld, textsOf, type GatewayInbox } from './zone-world.js';

type StateUpdateMessage = Extract<ClientMessage, { event: 'state_update' }>;

function updates(inbox: GatewayInbox, characterId: string): StateUpdateMessage['data'][] {
  return inbox.messages.flatMap((m) => (m.characterId === characterId && m.event === 'state_update' ? [m.data] : []));
}

function lastBelongings(inbox: GatewayInbox, characterId: string): Belongings | undefined {
  return updates(inbox, characterId)
    .flatMap((update) => (update.belongings ? [update.belongings] : []))
    .at(-1);
}

/** The loot window as last told: undefined if never told, null once closed. */
function lastLoot(inbox: GatewayInbox, characterId: string): LootWindow | null | undefined {
  return updates(inbox, characterId)
    .filter((update) => update.loot !== undefined)
    .at(-1)?.loot;
}

function lastCombat(inbox: GatewayInbox, characterId: string): CombatState | undefined {
  return updates(inbox, characterId)
    .flatMap((update) => (update.combat ? [update.combat] : []))
    .at(-1);
}

function lastMaxHp(inbox: GatewayInbox, characterId: string): number | undefined {
  return updates(inbox, characterId)
    .flatMap((update) => (update.character?.maxHp !== undefined ? [update.character.maxHp] : []))
    .at(-1);
}

/**
 * Items in play (createZoneHost, real Redis and PostgreSQL): a player kills a
 * creature with a loot table, takes the loot, equips armour, drinks a
 * draught, logs out and back in, and still has it all: bags, equipment (and
 * its max hp), and the draught's cooldown.
 */
describe('items in play (Redis, PostgreSQL)', () => {
  let world: ZoneWorld;

  beforeAll(async () => {
    world = await ZoneWorld.start();
    // A boar that dies at the first blow, so the test is about its loot (boar-pelt, chance 1), not the fight.
    await world.db.client.species.update({ where: { id: 'boar' }, data: { hp: 3, hpPerLevel: 0 } });
    await world.server('zone-server-1', ['zone-crossroads']);
  }, 60_000);
  afterAll(async () => {
    await world?.close();
  });

  it('kill, /loot, /equip, /use, relog: everything is still there', async () => {
    const inbox = await world.inbox('gw-items');
    const { characterId } = await world.character('Looter', { zoneId: 'zone-crossroads', x: 150, y: 170 }, 'admin');
    await world.db.client.inventoryItem.createMany({
      data: [
        { characterId, slot: 1, itemId: 'padded-jerkin', quantity: 1 },
        { characterId, slot: 2, itemId: 'healing-draught', quantity: 2 },
      ],
    });
    await world.publish('zone-crossroads', 'player.join', { characterId, gatewayId: 'gw-items', sessionId: 'session-items-1' });
    await until(() => lastBelongings(inbox, characterId) !== undefined, 'the belongings on entering');
    expect(lastBelongings(inbox, characterId)).toMatchObject({
      coins: 10,
      bagSlots: 20,
      bags: [
        { slot: 1, itemId: 'padded-jerkin', detail: 'Body · +10 max hp' },
        { slot: 2, itemId: 'healing-draught', quantity: 2 },
      ],
      equipment: [{ slot: 'weapon', itemId: 'rusty-sword' }],
    });
    const baseMaxHp = lastMaxHp(inbox, characterId)!;

    await world.command('zone-crossroads', characterId, '/spawn boar');
    await until(() => textsOf(inbox, characterId).some((text) => text.startsWith('You spawn a level 1 Wild boar')), 'the boar');
    await world.command('zone-crossroads', characterId, '/attack wild boar');
    await until(() => lastLoot(inbox, characterId)?.items.some((stack) => stack.itemId === 'boar-pelt') ?? false, 'the loot window', 15_000);
    expect(lastLoot(inbox, characterId)).toMatchObject({ from: 'the Wild boar', expiresIn: 60 });

    await world.command('zone-crossroads', characterId, '/loot');
    await until(() => lastLoot(inbox, characterId) === null, 'the loot taken');
    expect(lastBelongings(inbox, characterId)!.bags.map((stack) => stack.itemId)).toContain('boar-pelt');

    await world.command('zone-crossroads', characterId, '/equip padded jerkin');
    await until(() => lastBelongings(inbox, characterId)?.equipment.some((stack) => stack.slot === 'body') ?? false, 'the jerkin on');
    expect(lastMaxHp(inbox, characterId)).toBe(baseMaxHp + 10);

    // The jerkin raised the max, not hp: there are 10 hp to heal.
    await world.command('zone-crossroads', characterId, '/use healing draught');
    await until(() => textsOf(inbox, characterId).some((text) => text.startsWith('You use Healing Draught and recover')), 'the draught');
    await until(() => lastCombat(inbox, characterId)?.cooldowns?.some((cooldown) => cooldown.id === 'item:healing-draught') ?? false, 'the cooldown');
    const before = lastBelongings(inbox, characterId)!;
    expect(before.bags.find((stack) => stack.itemId === 'healing-draught')?.quantity).toBe(1);

    await world.publish('zone-crossroads', 'player.leave', { characterId, sessionId: 'session-items-1' });
    await until(async () => (await world.db.client.inventoryItem.count({ where: { characterId, slot: 1002 } })) === 1, 'the jerkin written');
    inbox.messages.length = 0;
    await world.publish('zone-crossroads', 'player.join', { characterId, gatewayId: 'gw-items', sessionId: 'session-items-2' });
    await until(() => lastBelongings(inbox, characterId) !== undefined, 'the belongings after the relog');

    const after = lastBelongings(inbox, characterId)!;
    expect(after).toEqual(before);
    expect(after.equipment).toEqual([
      expect.objectContaining({ slot: 'weapon', itemId: 'rusty-sword' }),
      expect.objectContaining({ slot: 'body', itemId: 'padded-jerkin' }),
    ]);
    expect(lastMaxHp(inbox, characterId)).toBe(baseMaxHp + 10);
    await until(() => lastCombat(inbox, characterId) !== undefined, 'the combat view after the relog');
    expect(lastCombat(inbox, characterId)!.cooldowns).toEqual([expect.objectContaining({ id: 'item:healing-draught', name: 'Healing Draught' })]);
    await world.command('zone-crossroads', characterId, '/use healing draught');
    await until(() => textsOf(inbox, characterId).some((text) => text.includes('not ready yet')), 'the cooldown refusal');
    const rows = await world.db.client.inventoryItem.findMany({ where: { characterId }, orderBy: { slot: 'asc' } });
    expect(rows.map((row) => [row.slot, row.itemId, row.quantity])).toEqual([
      [2, 'healing-draught', 1],
      [3, 'boar-pelt', 1],
      ...(rows.some((row) => row.itemId === 'boar-tusk') ? [[4, 'boar-tusk', rows.find((row) => row.itemId === 'boar-tusk')!.quantity]] : []),
      [1002, 'padded-jerkin', 1],
    ]);
  }, 60_000);
});
