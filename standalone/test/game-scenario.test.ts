import { jest } from '@jest/globals';
import type { AllyState, GameEvent, ProximityRoster, ProximityRosterDelta, RosterEntry, StateUpdate } from '@aether/shared';
import type { TestClient } from '../../gateway/test/client.js';
import { useEmbeddedServer } from '../../test/fixtures/embedded-fixture.js';
import { buildMudClient, MudProcess } from '../../test/fixtures/mud-process.js';

/**
 * The game end to end on a real embedded server (gateway, every zone with
 * combat, wildlife, NPCs, parties; real PostgreSQL): two players party up,
 * hunt a creature together until it dies, log out and back in with their
 * experience kept; then the same by typed commands in the MUD client.
 */

jest.setTimeout(180_000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What a client currently sees around it, replayed from its roster messages. */
function surroundings(client: TestClient): Map<string, RosterEntry> {
  const seen = new Map<string, RosterEntry>();
  for (const { event, data } of client.received) {
    if (event === 'world_enter') seen.clear();
    if (event === 'proximity_roster') {
      seen.clear();
      for (const entry of (data as ProximityRoster).entities) seen.set(entry.id, entry);
    }
    if (event === 'proximity_roster_delta') {
      const delta = data as ProximityRosterDelta;
      for (const id of delta.removed) seen.delete(id);
      for (const entry of [...delta.added, ...delta.changed]) seen.set(entry.id, entry);
    }
  }
  return seen;
}

/** Resolves with the first matching event, already received or still to come. */
async function seen<T = any>(client: TestClient, event: Parameters<TestClient['events']>[0], match: (data: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const already = client.events<T>(event).find(match);
  return already ?? client.next<T>(event, match, timeoutMs);
}

function say(client: TestClient, text: string): void {
  client.socket.emit('command', { text });
}

const isParty = (text: RegExp) => (e: GameEvent) => e.channel === 'party' && text.test(e.text);
const alliesWith =
  (name: string, check: (ally: AllyState) => boolean = () => true) =>
  (u: StateUpdate) =>
    u.allies?.some((ally) => ally.name === name && ally.online && check(ally)) ?? false;

/** Within this many metres a hunter shoots; a hunting bow reaches 30 m. */
const SHOOTING_RANGE = 20;

/** The hunter's last reported combat view. */
function combatOf(client: TestClient): StateUpdate['combat'] {
  return client
    .events<StateUpdate>('state_update')
    .filter((u) => u.combat)
    .at(-1)?.combat;
}

/**
 * Plays each hunter until the quarry dies: walk into bow range, target it by
 * its roster id and attack; again whenever the auto-attack has stopped (combat
 * times out while a hunter is still walking).
 */
async function hunt(hunters: TestClient[], quarryId: string, until: Promise<unknown>, timeoutMs: number): Promise<void> {
  let over = false;
  void until.then(
    () => (over = true),
    () => (over = true),
  );
  const lastAttack = new Map<TestClient, number>();
  const lastSeen = new Map<TestClient, RosterEntry>();
  const deadline = Date.now() + timeoutMs;
  while (!over && Date.now() < deadline) {
    for (const hunter of hunters) {
      const visible = surroundings(hunter).get(quarryId);
      if (visible) lastSeen.set(hunter, visible);
      // Out of sight: head for where it was last seen (by anyone in the hunt).
      const quarry = visible ?? lastSeen.get(hunter) ?? [...lastSeen.values()][0];
      if (!quarry) continue;
      if (!visible || quarry.range > SHOOTING_RANGE) {
        hunter.socket.emit('move', { target: { x: quarry.x, y: quarry.y } });
        continue;
      }
      const combat = combatOf(hunter);
      const attacking = combat?.autoAttack.active && combat.target?.id === quarryId;
      if (!attacking && Date.now() - (lastAttack.get(hunter) ?? 0) > 2000) {
        hunter.socket.emit('move', { stop: true });
        say(hunter, `/target ${quarryId}`);
        say(hunter, '/attack');
        lastAttack.set(hunter, Date.now());
      }
    }
    await sleep(400);
  }
  if (!over) throw new Error(`the hunt for ${quarryId} did not end:\n${hunters.map((h) => story(h).join('\n')).join('\n---\n')}`);
  await until;
}

/** A client's last events other than roster updates, for failure messages. */
function story(client: TestClient, count = 25): string[] {
  return client.received
    .filter((r) => r.event === 'event' || r.event === 'error' || (r.event === 'state_update' && !(r.data as StateUpdate).character))
    .slice(-count)
    .map((r) => `${r.event} ${JSON.stringify(r.data).slice(0, 300)}`);
}

/**
 * A living wildlife creature in view that fights back rather than running: a
 * boar in the crossroads. Targeting it shows its health, which tells a live
 * one from a body that has not been cleared away yet.
 */
async function findQuarry(client: TestClient): Promise<RosterEntry> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const boars = [...surroundings(client).values()].filter((e) => e.kind === 'wildlife' && /boar/i.test(e.name)).sort((a, b) => a.range - b.range);
    for (const boar of boars) {
      const view = client.next<StateUpdate>('state_update', (u) => u.combat?.target?.id === boar.id, 5000);
      say(client, `/target ${boar.id}`);
      if ((await view).combat!.target!.health > 0) return boar;
    }
    await sleep(500);
  }
  throw new Error(`no living boar in sight; seen: ${[...surroundings(client).values()].map((e) => e.name).join(', ')}`);
}

describe('game scenario', () => {
  const embedded = useEmbeddedServer();
  const connect = (account: string) => embedded.connect(account);
  const create = async (client: TestClient, name: string, archetype: string) => {
    const created = await client.request('character_create', { name, archetype });
    if (!created.ok) throw new Error(`create failed: ${JSON.stringify(created.error)}`);
    return created.character.id as string;
  };
  const select = async (client: TestClient, characterId: string) => {
    const roster = client.next('proximity_roster');
    expect(await client.request('character_select', { characterId })).toMatchObject({ ok: true });
    await roster;
  };

  it('two players party up, kill a creature together, and keep their experience across a re-login', async () => {
    const alice = await connect('alice');
    const aliceId = await create(alice, 'Alice', 'ranger');
    await select(alice, aliceId);
    const bob = await connect('bob');
    const bobId = await create(bob, 'Bob', 'ranger');
    await select(bob, bobId);

    // Party up.
    say(alice, '/party invite bob');
    await seen(bob, 'event', isParty(/^Alice invites you to join a party/));
    say(bob, '/party accept');
    await seen(alice, 'event', isParty(/^Bob joins the party\.$/));
    await seen(bob, 'event', isParty(/^You join Alice's party\. Party \(2\/5\): Alice \(leader\), Bob\.$/));
    const bobAsAlly = await seen<StateUpdate>(
      alice,
      'state_update',
      alliesWith('Bob', (a) => a.hp !== undefined),
    );
    expect(bobAsAlly.allies).toEqual([expect.objectContaining({ characterId: bobId, name: 'Bob', leader: false, online: true, zoneId: 'zone-crossroads' })]);
    await seen<StateUpdate>(
      bob,
      'state_update',
      alliesWith('Alice', (a) => a.leader),
    );

    // Hunt a boar together: both walk into bow range, target it by its roster id and shoot until it dies.
    const quarry = await findQuarry(alice);
    const death = seen<GameEvent>(alice, 'event', (e) => e.type === 'death' && e.text.includes(quarry.name), 100_000);
    await hunt([alice, bob], quarry.id, death, 100_000);
    await seen<GameEvent>(bob, 'event', (e) => e.type === 'death' && e.text.includes(quarry.name));

    // Both saw the fight as events and state updates, allies included.
    for (const hunter of [alice, bob]) {
      const hits = hunter.events<GameEvent>('event').filter((e) => e.type === 'combat' && e.combat?.target.id === quarry.id);
      expect(hits.length).toBeGreaterThan(0);
      expect(hunter.events<StateUpdate>('state_update').some((u) => u.combat?.inCombat)).toBe(true);
    }
    await seen<StateUpdate>(
      alice,
      'state_update',
      alliesWith('Bob', (a) => a.atb !== undefined),
    );
    const aliceXp = (await seen<GameEvent>(alice, 'event', (e) => e.type === 'progress' && /You gain \d+ experience/.test(e.text))).text;
    const gained = Number(/You gain (\d+) experience/.exec(aliceXp)![1]);
    const xpBefore = (await seen<StateUpdate>(alice, 'state_update', (u) => (u.character?.xp ?? 0) >= gained)).character!.xp!;

    // Log out and back in: the experience is still there, and so is the party.
    alice.close();
    await seen<StateUpdate>(bob, 'state_update', (u) => u.allies?.some((a) => a.name === 'Alice' && !a.online) ?? false, 20_000);
    const again = await connect('alice');
    const list = await again.request('character_list');
    expect(list.characters).toEqual([expect.objectContaining({ id: aliceId, name: 'Alice' })]);
    await select(again, aliceId);
    const restored = await seen<StateUpdate>(again, 'state_update', (u) => u.character?.xp !== undefined);
    expect(restored.character!.xp).toBe(xpBefore);
    await seen<StateUpdate>(bob, 'state_update', alliesWith('Alice'));
    say(again, '/party');
    await seen(again, 'event', isParty(/^Party \(2\/5\): Alice \(leader\), Bob\./));
  });

  it('the MUD client plays the same by typed commands', async () => {
    buildMudClient();
    const tank = await connect('tank');
    const tankId = await create(tank, 'Tank', 'ranger');
    await select(tank, tankId);

    const mud = new MudProcess(['--url', embedded.url, '--name', 'muddy', '--create', 'Muddy', '--archetype', 'ranger', '--linger', '500']);
    try {
      await mud.waitFor(/^== .+ ==$/m);
      say(tank, '/party invite Muddy');
      await mud.waitFor(/^Tank invites you to join a party\. Type \/party accept or \/party decline/m);
      mud.type('/party accept');
      await mud.waitFor(/^You join Tank's party\. Party \(2\/5\): Tank \(leader\), Muddy\.$/m);
      await seen(tank, 'event', isParty(/^Muddy joins the party\.$/));

      // Both hunt the same boar: the partner through the protocol, the MUD player by typing what a
      // player would (goto, /target, /attack), steered by where the partner sees the boar and Muddy.
      const quarry = await findQuarry(tank);
      const death = seen<GameEvent>(tank, 'event', (e) => e.type === 'death' && e.text.includes(quarry.name), 100_000);
      let hunting = true;
      void death.finally(() => (hunting = false));
      const typing = (async () => {
        let attackedAt = 0;
        while (hunting) {
          const around = surroundings(tank);
          const boar = around.get(quarry.id);
          const muddy = [...around.values()].find((e) => e.name === 'Muddy');
          if (boar && muddy) {
            const gap = Math.hypot(boar.x - muddy.x, boar.y - muddy.y);
            if (gap > SHOOTING_RANGE) mud.type(`goto ${Math.round(boar.x)} ${Math.round(boar.y)}`);
            else if (Date.now() - attackedAt > 5000) {
              mud.type('stop', `/target ${quarry.id}`, '/attack');
              attackedAt = Date.now();
            }
          }
          await sleep(1000);
        }
      })();
      try {
        await hunt([tank], quarry.id, death, 100_000);
      } catch (error) {
        throw new Error(
          `${(error as Error).message.slice(0, 300)}\nquarry ${JSON.stringify(quarry)}\n--- Tank ---\n${story(tank).join('\n')}\n--- MUD ---\n${mud.stdout.slice(-3000)}`,
        );
      } finally {
        hunting = false;
        await typing;
      }

      const boar = escapeRegExp(quarry.name);
      await mud.waitFor(new RegExp(`^The ${boar} dies\\.$`, 'm'), 30_000);
      expect(mud.stdout).toMatch(new RegExp(`^You attack the ${boar}\\.`, 'm'));
      expect(mud.stdout).toMatch(new RegExp(`^You (hit the ${boar} for \\d+|miss the ${boar})`, 'm'));
      expect(mud.stdout).toMatch(new RegExp(`^Tank (hits the ${boar} for \\d+|misses the ${boar})`, 'm'));
      await mud.waitFor(new RegExp(`^You gain \\d+ experience for the ${boar}\\.$`, 'm'));
      mud.type('/party', '/who');
      await mud.waitFor(/^Party \(2\/5\): Tank \(leader\), Muddy\.$/m);
      mud.type('quit');
      expect(await mud.exited).toBe(0);
      expect(mud.stderr).toBe('');

      // Back in with the same character: still in the party.
      const again = new MudProcess(['--url', embedded.url, '--name', 'muddy', '--character', 'Muddy', '--linger', '1000']);
      try {
        again.type('/party');
        again.endInput();
        expect(await again.exited).toBe(0);
        expect(again.stdout).toMatch(/^Party \(2\/5\): Tank \(leader\), Muddy\.$/m);
      } finally {
        again.kill();
      }
    } finally {
      mud.kill();
    }
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
