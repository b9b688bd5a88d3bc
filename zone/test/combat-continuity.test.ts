import { CombatRelogRecord, Keys, type CombatState } from '@aether/shared';
import { until, ZoneWorld, textsOf, type GatewayInbox } from './zone-world.js';

/** The combat view a character was told last. */
function lastCombat(inbox: GatewayInbox, characterId: string): CombatState | undefined {
  for (let i = inbox.messages.length - 1; i >= 0; i--) {
    const message = inbox.messages[i]!;
    if (message.characterId === characterId && message.event === 'state_update' && message.data.combat) return message.data.combat;
  }
  return undefined;
}

const slowed = (inbox: GatewayInbox, characterId: string) => lastCombat(inbox, characterId)?.effects.some((effect) => effect.kind === 'slow') ?? false;

/** The last `/ability` listing a character got. */
const listing = (inbox: GatewayInbox, characterId: string) =>
  textsOf(inbox, characterId)
    .filter((text) => text.startsWith('Your abilities:'))
    .at(-1);

/** "First Aid (first-aid) — …; ready in 17.3 s." → 17.3; 0 once ready. */
function firstAidReadyIn(inbox: GatewayInbox, characterId: string): number {
  const line = listing(inbox, characterId)
    ?.split('\n')
    .find((text) => text.includes('(first-aid)'));
  const match = line && /ready in ([\d.]+) s/.exec(line);
  return match ? Number(match[1]) : 0;
}

/**
 * Combat state survives a relog within COMBAT_RELOG_WINDOW_S and a border
 * crossing between two zone servers (createZoneHost, real Redis and
 * PostgreSQL): logging out or walking away clears no cooldown and no debuff.
 */
describe('combat continuity (Redis, PostgreSQL)', () => {
  let world: ZoneWorld;

  beforeAll(async () => {
    world = await ZoneWorld.start();
    await world.server('zone-server-1', ['zone-crossroads']);
    await world.server('zone-server-2', ['zone-forest']);
  }, 60_000);
  afterAll(async () => {
    await world?.close();
  });

  /** A victim with First Aid on cooldown and a ranger's slow on it, standing at `x` in the crossroads. */
  async function hurtVictim(name: string, x: number, inbox: GatewayInbox, gatewayId: string) {
    const victim = await world.character(name, { zoneId: 'zone-crossroads', x, y: 100 });
    const ranger = await world.character(`${name}Hunter`, { zoneId: 'zone-crossroads', x: x + 5, y: 100 });
    await world.db.client.character.update({ where: { id: ranger.characterId }, data: { archetype: 'ranger', level: 3 } });
    await world.publish('zone-crossroads', 'player.join', { characterId: victim.characterId, gatewayId, sessionId: `session-${name}-1` });
    await world.publish('zone-crossroads', 'player.join', { characterId: ranger.characterId, gatewayId, sessionId: `session-${name}-r` });
    await until(() => (lastCombat(inbox, victim.characterId)?.atb ?? 0) >= 30, 'the victim’s gauge', 10_000);
    await world.command('zone-crossroads', victim.characterId, '/ability first-aid');
    await until(() => textsOf(inbox, victim.characterId).some((text) => text.startsWith('Your First Aid heals you')), 'First Aid to complete');
    await until(() => (lastCombat(inbox, ranger.characterId)?.atb ?? 0) >= 30, 'the ranger’s gauge', 10_000);
    // The crossroads is a duel zone (docs/gameplay.md, "Player versus player"): players fight each other in a duel.
    await world.command('zone-crossroads', ranger.characterId, `/duel ${name}`);
    await until(() => textsOf(inbox, victim.characterId).some((text) => text.includes('challenges you to a duel')), 'the challenge');
    await world.command('zone-crossroads', victim.characterId, '/duel accept');
    await until(() => textsOf(inbox, ranger.characterId).some((text) => text.includes('accepts your challenge')), 'the duel');
    await world.command('zone-crossroads', ranger.characterId, `/ability crippling-shot ${name}`);
    await until(() => slowed(inbox, victim.characterId), 'the slow on the victim');
    return { victim, ranger };
  }

  it('a relog within the window keeps the cooldown and the debuff', async () => {
    const inbox = await world.inbox('gw-relog');
    const { victim } = await hurtVictim('Relogger', 60, inbox, 'gw-relog');

    await world.publish('zone-crossroads', 'player.leave', { characterId: victim.characterId, sessionId: 'session-Relogger-1' });
    await until(async () => (await world.gateway.get(Keys.combatRelog(victim.characterId))) !== null, 'the kept fight');
    const kept = CombatRelogRecord.parse(JSON.parse((await world.gateway.get(Keys.combatRelog(victim.characterId)))!));
    expect(kept.combat.cooldowns['first-aid']).toBeGreaterThan(10);
    expect(kept.combat.effects).toEqual([expect.objectContaining({ kind: 'slow', magnitude: 0.5 })]);

    inbox.messages.length = 0;
    await world.publish('zone-crossroads', 'player.join', { characterId: victim.characterId, gatewayId: 'gw-relog', sessionId: 'session-Relogger-2' });
    await until(() => inbox.messages.some((m) => m.characterId === victim.characterId && m.event === 'world_enter'), 'the relog');
    await world.command('zone-crossroads', victim.characterId, '/ability');
    await until(() => listing(inbox, victim.characterId) !== undefined, 'the ability listing');
    expect(firstAidReadyIn(inbox, victim.characterId)).toBeGreaterThan(5);
    await until(() => slowed(inbox, victim.characterId), 'the slow after the relog');
    // Taken on the way in: a second relog later starts from what the zone has then, not from this record.
    expect(await world.gateway.get(Keys.combatRelog(victim.characterId))).toBeNull();
  }, 40_000);

  it('a border crossing to another zone server keeps the cooldown and the debuff', async () => {
    const inbox = await world.inbox('gw-cross');
    const { victim } = await hurtVictim('Crosser', 4, inbox, 'gw-cross');

    inbox.messages.length = 0;
    await world.command('zone-crossroads', victim.characterId, '/move -10 100');
    await until(async () => (await world.servers[1]!.registry.getLocation(victim.characterId))?.zoneId === 'zone-forest', 'the crossing', 10_000);
    await world.command('zone-forest', victim.characterId, '/ability');
    await until(() => listing(inbox, victim.characterId) !== undefined, 'the ability listing in the forest');
    expect(firstAidReadyIn(inbox, victim.characterId)).toBeGreaterThan(5);
    await until(() => slowed(inbox, victim.characterId), 'the slow in the forest');
    expect(world.servers[1]!.host.playerCount).toBe(1);
  }, 40_000);

  it('a zone handed to another server (a drain) keeps its players’ fights for their re-join there', async () => {
    const inbox = await world.inbox('gw-handoff');
    const { victim } = await hurtVictim('Drained', 100, inbox, 'gw-handoff');

    await world.servers[0]!.host.removeZone('zone-crossroads', 'handoff');
    expect(await world.gateway.get(Keys.combatRelog(victim.characterId))).not.toBeNull();
    // The standby takes the zone; the gateway joins its players there again.
    await world.server('zone-server-3', ['zone-crossroads']);
    inbox.messages.length = 0;
    await world.publish('zone-crossroads', 'player.join', { characterId: victim.characterId, gatewayId: 'gw-handoff', sessionId: 'session-Drained-2' });
    await until(() => inbox.messages.some((m) => m.characterId === victim.characterId && m.event === 'world_enter'), 'the re-join on the new owner');
    await world.command('zone-crossroads', victim.characterId, '/ability');
    await until(() => listing(inbox, victim.characterId) !== undefined, 'the ability listing on the new owner');
    expect(firstAidReadyIn(inbox, victim.characterId)).toBeGreaterThan(5);
    await until(() => slowed(inbox, victim.characterId), 'the slow on the new owner');
  }, 40_000);
});
