import type { Outgoing, World } from '../../world/types.js';
import { command, fighter, get, run, texts, worldOf } from '../combat-fixtures.test-helpers.js';
import type { PvpPolicy } from './pvp-rules.js';

/** Ann and Bob, 2 m apart and far from the test zone's spawn point (100, 100). */
function arena(policy: PvpPolicy, bob: { hp?: number; partyId?: string } = {}, ann: { partyId?: string } = {}): World {
  const a = fighter('Ann', 20, 20);
  const b = fighter('Bob', 22, 20, { resources: { hp: bob.hp ?? 100 } });
  const world = worldOf(
    ann.partyId ? { ...a, player: { ...a.player!, partyId: ann.partyId } } : a,
    bob.partyId ? { ...b, player: { ...b.player!, partyId: bob.partyId } } : b,
  );
  return { ...world, zone: { ...world.zone, pvp: policy } };
}

/** One tick with these commands in it (always a hit: random 0.5). */
function tick(world: World, ...commands: Array<[who: string, text: string]>) {
  return run(world, 1, { inputs: [commands.map(([who, text]) => command(`c:${who}`, text))], random: () => 0.5 });
}

function lines(outgoing: readonly Outgoing[], who: string): string[] {
  return texts(outgoing, `c:${who}`);
}

function errors(outgoing: readonly Outgoing[], who: string) {
  return outgoing.flatMap((o) => (o.to === `c:${who}` && o.event === 'error' ? [o.data] : []));
}

/** Runs `seconds` of ticks with no input, gathering what was said. */
function wait(world: World, seconds: number) {
  return run(world, Math.round(seconds * 20), { random: () => 0.5 });
}

function duelling(policy: PvpPolicy = 'duel', bob: { hp?: number } = {}): World {
  const challenged = tick(arena(policy, bob), ['Ann', '/duel Bob']).world;
  return tick(challenged, ['Bob', '/duel accept']).world;
}

describe('player versus player: who may harm whom', () => {
  it('a safe zone refuses /target, /attack and abilities on another player', () => {
    const world = arena('safe');
    for (const text of ['/target Bob', '/attack Bob', '/ability power-strike Bob']) {
      expect(errors(tick(world, ['Ann', text]).outgoing, 'Ann')).toEqual([
        { code: 'not_allowed', message: 'Test Field is a safe zone: no fighting other players.' },
      ]);
    }
  });

  it('a duel zone refuses a fight outside a duel and says how to have one', () => {
    expect(errors(tick(arena('duel'), ['Ann', '/attack Bob']).outgoing, 'Ann')).toEqual([
      { code: 'not_allowed', message: 'In Test Field players fight only in a duel: /duel Bob to challenge them.' },
    ]);
  });

  it('an open zone refuses an attack on a party member, and allows one on anyone else', () => {
    const party = arena('open', { partyId: 'p1' }, { partyId: 'p1' });
    expect(errors(tick(party, ['Ann', '/attack Bob']).outgoing, 'Ann')).toEqual([{ code: 'not_allowed', message: 'Bob is in your party.' }]);
    const strangers = tick(arena('open', { partyId: 'p2' }, { partyId: 'p1' }), ['Ann', '/attack Bob']);
    expect(lines(strangers.outgoing, 'Ann')).toContain('You attack Bob.');
  });

  it('party membership comes in as input (from the party service): joining forbids the fight, leaving allows it again', () => {
    const joined = run(arena('open', {}, { partyId: 'p1' }), 1, { inputs: [[{ kind: 'party', entityId: 'c:Bob', partyId: 'p1' }]] }).world;
    expect(get(joined, 'c:Bob').player!.partyId).toBe('p1');
    expect(errors(tick(joined, ['Ann', '/attack Bob']).outgoing, 'Ann')[0]?.message).toBe('Bob is in your party.');
    const left = run(joined, 1, { inputs: [[{ kind: 'party', entityId: 'c:Bob', partyId: null }]] }).world;
    expect(get(left, 'c:Bob').player!.partyId).toBeUndefined();
    expect(lines(tick(left, ['Ann', '/attack Bob']).outgoing, 'Ann')).toContain('You attack Bob.');
  });

  it('an open zone protects a player near its spawn point', () => {
    const world = arena('open');
    const bob = get(world, 'c:Bob');
    const near = { ...world, entities: new Map(world.entities).set(bob.id, { ...bob, x: 100, y: 105 }) };
    const ann = get(near, 'c:Ann');
    const close = { ...near, entities: new Map(near.entities).set(ann.id, { ...ann, x: 100, y: 107 }) };
    expect(errors(tick(close, ['Ann', '/attack Bob']).outgoing, 'Ann')[0]?.message).toBe(
      "Bob is under spawn protection (within 15 m of Test Field's spawn point).",
    );
  });

  it('auto-attacks check every swing: joining the party stops the fight', () => {
    const attacking = tick(arena('open', {}, { partyId: 'p1' }), ['Ann', '/attack Bob']).world;
    const bob = get(attacking, 'c:Bob');
    const hp = bob.player!.resources.hp;
    const joined = { ...attacking, entities: new Map(attacking.entities).set(bob.id, { ...bob, player: { ...bob.player!, partyId: 'p1' } }) };
    const after = wait(joined, 3);
    expect(lines(after.outgoing, 'Ann')).toContain('You stop attacking. Bob is in your party.');
    expect(get(after.world, 'c:Ann').combat.state.autoAttacking).toBe(false);
    expect(get(after.world, 'c:Bob').player!.resources.hp).toBe(hp);
  });

  it('an ability checks again as it lands: a cast begun in a duel that ended meanwhile is interrupted and refunded', () => {
    const start = duelling('duel');
    const ann = get(start, 'c:Ann');
    const ready = { ...start, entities: new Map(start.entities).set(ann.id, { ...ann, combat: { ...ann.combat, state: { ...ann.combat.state, atb: 100 } } }) };
    const casting = tick(ready, ['Ann', '/ability firebolt Bob']);
    expect(lines(casting.outgoing, 'Ann')).toEqual(['You begin casting Firebolt at Bob (2 s).']);
    // The duel's time runs out (a draw) half a second later, before the cast completes.
    const entities = new Map(casting.world.entities);
    for (const id of ['c:Ann', 'c:Bob']) {
      const duelist = get(casting.world, id);
      entities.set(id, { ...duelist, player: { ...duelist.player!, duel: { ...duelist.player!.duel!, until: casting.world.time + 0.5 } } });
    }
    const after = wait({ ...casting.world, entities }, 2.5);
    expect(lines(after.outgoing, 'Ann')).toEqual(
      expect.arrayContaining([
        'The duel between Ann and Bob ends in a draw.',
        'Your Firebolt is interrupted: In Test Field players fight only in a duel: /duel Bob to challenge them. Its cost is refunded.',
      ]),
    );
    expect(get(after.world, 'c:Bob').player!.resources.hp).toBe(100);
  });

  it('killing a player in an open zone gives no experience', () => {
    const fight = tick(arena('open', { hp: 4 }), ['Ann', '/attack Bob']);
    const after = wait(fight.world, 3);
    expect(get(after.world, 'c:Bob').combat.state.dead).toBe(true);
    expect(get(after.world, 'c:Ann').combat.xp).toBe(0);
    expect(after.effects.filter((effect) => effect.kind === 'progress')).toEqual([]);
  });
});

describe('/duel', () => {
  it('challenges a player near you; they accept; the two may fight', () => {
    const challenge = tick(arena('duel'), ['Ann', '/duel Bob']);
    expect(lines(challenge.outgoing, 'Ann')).toContain('You challenge Bob to a duel; they have 30 s to accept.');
    expect(lines(challenge.outgoing, 'Bob')).toContain('Ann challenges you to a duel. Type /duel accept or /duel decline (within 30 s).');
    const accept = tick(challenge.world, ['Bob', '/duel accept']);
    expect(lines(accept.outgoing, 'Bob')[0]).toMatch(/^You accept Ann's challenge: fight!/);
    expect(lines(accept.outgoing, 'Ann')[0]).toMatch(/^Bob accepts your challenge: fight!/);
    expect(get(accept.world, 'c:Ann').player!.duel).toMatchObject({ kind: 'dueling', with: 'c:Bob' });
    expect(lines(tick(accept.world, ['Ann', '/attack Bob']).outgoing, 'Ann')).toContain('You attack Bob.');
  });

  it('tells you your duel and the zone’s rule', () => {
    expect(lines(tick(arena('duel'), ['Ann', '/duel']).outgoing, 'Ann')).toEqual([
      'You are not in a duel. Test Field is a duel zone: players fight each other only in a duel.',
    ]);
    expect(lines(tick(duelling(), ['Ann', '/duel']).outgoing, 'Ann')[0]).toMatch(/^You are in a duel with Bob \(180 s left; then it is a draw\)\./);
  });

  it('ends when a blow would drop one to 0 hp: they keep 1 hp, nobody dies or gains experience', () => {
    const fight = tick(duelling('duel', { hp: 4 }), ['Ann', '/attack Bob']);
    const after = wait(fight.world, 3);
    const said = [...fight.outgoing, ...after.outgoing];
    const bob = get(after.world, 'c:Bob');
    expect(bob.player!.resources.hp).toBe(1);
    expect(bob.combat.state.dead).toBe(false);
    expect(bob.player!.duel).toBeUndefined();
    expect(get(after.world, 'c:Ann').player!.duel).toBeUndefined();
    expect(get(after.world, 'c:Ann').combat.state.autoAttacking).toBe(false);
    expect(get(after.world, 'c:Ann').combat.xp).toBe(0);
    expect(lines(said, 'Ann')).toContain('Ann wins the duel against Bob.');
    expect(lines(said, 'Bob')).toContain('Ann wins the duel against Bob.');
    expect(said.filter((o) => o.event === 'event' && o.data.type === 'death')).toEqual([]);
    // The duel is over: in a duel zone they may not fight on.
    expect(errors(tick(after.world, ['Ann', '/attack Bob']).outgoing, 'Ann')[0]?.code).toBe('not_allowed');
  });

  it('a challenge nobody answers lapses after 30 s', () => {
    const challenged = tick(arena('duel'), ['Ann', '/duel Bob']).world;
    const later = wait(challenged, 30.1);
    expect(lines(later.outgoing, 'Ann')).toContain('Bob did not answer your challenge.');
    expect(lines(later.outgoing, 'Bob')).toContain("Ann's challenge lapses.");
    expect(get(later.world, 'c:Bob').player!.duel).toBeUndefined();
    expect(errors(tick(later.world, ['Bob', '/duel accept']).outgoing, 'Bob')[0]?.message).toBe('Nobody has challenged you to a duel.');
  });

  it('a declined challenge is gone for both', () => {
    const declined = tick(tick(arena('duel'), ['Ann', '/duel Bob']).world, ['Bob', '/duel decline']);
    expect(lines(declined.outgoing, 'Ann')).toEqual(['Bob declines your challenge.']);
    expect(get(declined.world, 'c:Ann').player!.duel).toBeUndefined();
  });

  it('one who leaves the zone forfeits', () => {
    const left = run(duelling(), 2, { inputs: [[{ kind: 'leave', entityId: 'c:Bob' }]] });
    expect(lines(left.outgoing, 'Ann')).toContain('Bob has left: you win the duel.');
    expect(get(left.world, 'c:Ann').player!.duel).toBeUndefined();
  });

  it('one who goes more than 40 m away forfeits', () => {
    const walked = run(duelling(), 2, { inputs: [[{ kind: 'teleport', entityId: 'c:Bob', x: 70, y: 20 }]] });
    expect(lines(walked.outgoing, 'Ann')).toContain('Ann wins the duel: Bob walked away.');
  });

  it('a duel still going after 3 minutes is a draw', () => {
    const later = wait(duelling(), 180.1);
    expect(lines(later.outgoing, 'Ann')).toContain('The duel between Ann and Bob ends in a draw.');
    expect(get(later.world, 'c:Bob').player!.duel).toBeUndefined();
  });

  it.each([
    ['a safe zone', 'safe', '/duel Bob', 'Test Field is a safe zone: no duels here.'],
    ['someone out of reach', 'duel', '/duel Cid', 'There is no "Cid" near you. (A challenge reaches 20 m.)'],
    ['yourself', 'duel', '/duel Ann', 'You cannot duel yourself.'],
  ] as const)('refuses a challenge in %s', (_what, policy, text, message) => {
    const world = arena(policy);
    const cid = fighter('Cid', 60, 20);
    const withCid = { ...world, entities: new Map(world.entities).set(cid.id, cid) };
    expect(errors(tick(withCid, ['Ann', text]).outgoing, 'Ann')[0]?.message).toBe(message);
  });

  it('refuses a second challenge while one is pending', () => {
    const challenged = tick(arena('duel'), ['Ann', '/duel Bob']).world;
    expect(errors(tick(challenged, ['Bob', '/duel Ann']).outgoing, 'Bob')[0]?.message).toBe('Ann has challenged you: /duel accept or /duel decline first.');
  });

  it('sends state_update.pvp on entering and when a duel starts or ends', () => {
    const pvp = (outgoing: readonly Outgoing[]) => outgoing.flatMap((o) => (o.to === 'c:Ann' && o.event === 'state_update' && o.data.pvp ? [o.data.pvp] : []));
    const first = tick(arena('duel'), ['Ann', '/duel Bob']);
    expect(pvp(first.outgoing)).toEqual([{ policy: 'duel' }]);
    expect(pvp(wait(first.world, 1).outgoing)).toEqual([]);
    const accepted = tick(first.world, ['Bob', '/duel accept']);
    expect(pvp(accepted.outgoing)).toEqual([{ policy: 'duel', duelWith: 'Bob' }]);
    const left = run(accepted.world, 1, { inputs: [[{ kind: 'leave', entityId: 'c:Bob' }]] });
    expect(pvp(left.outgoing)).toEqual([{ policy: 'duel' }]);
  });
});
