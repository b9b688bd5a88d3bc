import { useEmbeddedServer } from '../../test/fixtures/embedded-fixture.js';

/**
 * Two players fight through the whole embedded server (Socket.IO gateway,
 * in-process bus with its schema checks, zone host with the combat system,
 * real PostgreSQL), the way a browser or the MUD client would.
 */
describe('combat over Socket.IO', () => {
  const embedded = useEmbeddedServer();
  const client = (name: string) => embedded.connect(name);

  it('one player attacks another: both see the blows as events and their combat state change', async () => {
    const alice = await client('alice');
    await alice.enterWorld('Alice');
    const bob = await client('bob');
    await bob.enterWorld('Bob');

    // Players fight each other only where the zone allows it; a duel is allowed wherever the zone is not safe (docs/gameplay.md, "Player versus player").
    const challenged = bob.next('event', (e) => e.text.startsWith('Alice challenges you to a duel'));
    alice.socket.emit('command', { text: '/duel bob' });
    await challenged;
    const accepted = alice.next('event', (e) => e.text.startsWith('Bob accepts your challenge'));
    bob.socket.emit('command', { text: '/duel accept' });
    await accepted;

    const targeted = alice.next('event', (e) => e.type === 'combat' && e.text.startsWith('You target Bob'));
    alice.socket.emit('command', { text: '/target bob' });
    await targeted;

    const aliceSwings = alice.next('event', (e) => e.type === 'combat' && (e.combat?.result === 'hit' || e.combat?.result === 'miss'), 8000);
    const bobFeels = bob.next('event', (e) => e.type === 'combat' && e.combat?.source?.name === 'Alice', 8000);
    const aliceFighting = alice.next('state_update', (u) => u.combat?.inCombat === true && u.combat.target?.name === 'Bob' && u.combat.autoAttack.active, 8000);
    // Being attacked puts Bob in combat too, facing Alice.
    const bobFighting = bob.next('state_update', (u) => u.combat?.inCombat === true && u.combat.target?.name === 'Alice', 8000);
    alice.socket.emit('command', { text: '/attack' });

    const swing = await aliceSwings;
    expect(swing.text).toMatch(/^You (hit Bob for \d+( \(.+\))?|miss Bob)\.$/);
    expect(swing.combat).toMatchObject({ source: { name: 'Alice' }, target: { name: 'Bob' } });
    expect((await bobFeels).text).toMatch(/^Alice (hits you for \d+|misses you)/);
    expect(await aliceFighting).toMatchObject({ combat: { atb: expect.any(Number), atbRate: 20, effects: [] } });
    await bobFighting;

    const stopped = alice.next('event', (e) => e.text === 'You stop attacking.');
    alice.socket.emit('command', { text: '/disengage' });
    await stopped;
  });

  it('abilities: the list, a refusal with its reason, and a self-cast that costs and lands', async () => {
    const carol = await client('carol');
    await carol.enterWorld('Carol');

    const listed = carol.next('event', (e) => e.text.startsWith('Your abilities:'));
    carol.socket.emit('command', { text: '/ability' });
    expect((await listed).text).toContain('Power Strike (power-strike)');

    const refused = carol.next('error', (e) => /needs a target|Not enough ATB/.test(e.message));
    carol.socket.emit('command', { text: '/ability power-strike' });
    await refused;

    // First Aid (30 ATB, 10 stamina, 2 s cast) once the gauge has 30 points: 1.5 s at speed 10.
    await carol.next('state_update', (u) => (u.combat?.atb ?? 0) >= 30, 8000);
    const casting = carol.next('event', (e) => e.text === 'You begin casting First Aid (2 s).');
    const paid = carol.next('state_update', (u) => u.character?.stamina !== undefined && u.character.stamina < 100, 8000);
    const healed = carol.next('event', (e) => e.combat?.result === 'heal' && e.text.startsWith('Your First Aid heals you'), 8000);
    carol.socket.emit('command', { text: '/ability first-aid' });
    await casting;
    await paid;
    await healed;
  });
});
