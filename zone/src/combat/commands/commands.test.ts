import { player } from '../../world/fixtures.test-helpers.js';
import { command, fighter, get, run, texts, wolf, worldOf } from '../combat-fixtures.test-helpers.js';

const answer = (world: ReturnType<typeof worldOf>, text: string, who = 'c:ann') => {
  const result = run(world, 1, { inputs: [[command(who, text)]], random: () => 0.5 });
  return { world: result.world, lines: texts(result.outgoing, who) };
};

describe('/target', () => {
  const world = worldOf(
    fighter('ann', 100, 100),
    { ...wolf(110, 100), id: 'w:1', name: 'Wolf' },
    { ...wolf(104, 100), id: 'w:2', name: 'Wolf' },
    { ...wolf(100, 130), id: 'w:3', name: 'Wild Boar' },
    player('Bob', 100, 90),
  );

  it.each([
    ['wolf', 'w:2', 'You target the Wolf (4 m east).'],
    ['WOL', 'w:2', 'You target the Wolf (4 m east).'],
    ['boar', 'w:3', 'You target the Wild Boar (30 m north).'],
    ['w:1', 'w:1', 'You target the Wolf (10 m east).'],
  ])('/target %s picks the nearest match', (query, id, line) => {
    const { world: after, lines } = answer(world, `/target ${query}`);
    expect(get(after, 'c:ann').combat.state.targetId).toBe(id);
    expect(lines).toContain(line);
  });

  it('an unknown name suggests a near one', () => {
    expect(answer(world, '/target wlof').lines).toEqual(['error: There is no "wlof" near you. Did you mean Wolf?']);
  });

  it.each([
    ['wild boar', 'w:3'],
    ['Wild Boar', 'w:3'],
    ["'wild boar'", 'w:3'],
    ['"Wild boar" 1', 'w:3'],
    ['wolf 2', 'w:1'],
    ['"wolf" 2', 'w:1'],
  ])('/target %s reads names of several words, quotes and ordinals', (query, id) => {
    expect(get(answer(world, `/target ${query}`).world, 'c:ann').combat.state.targetId).toBe(id);
  });

  it.each([
    ['wolf 3', 'error: There are only 2 "wolf" near you.'],
    ['"wild boar', 'error: A quote is not closed: "wild boar. Usage: /target [name] [ordinal]'],
  ])('/target %s is refused clearly', (query, line) => {
    expect(answer(world, `/target ${query}`).lines).toEqual([line]);
  });

  it('/target alone clears the target', () => {
    const targeted = answer(world, '/target wolf').world;
    const { world: after, lines } = answer(targeted, '/target');
    expect(get(after, 'c:ann').combat.state.targetId).toBeUndefined();
    expect(lines).toEqual(['You clear your target.']);
  });
});

describe('/attack and /disengage', () => {
  it('/attack without a target asks for one', () => {
    expect(answer(worldOf(fighter('ann', 10, 10)), '/attack').lines).toEqual(['error: Attack whom? /target <name> first, or /attack <name>.']);
  });

  it('/attack uses the current target and starts auto-attacking; /disengage stops', () => {
    const world = worldOf(fighter('ann', 10, 10), wolf(11, 10, { hp: 100 }));
    const targeted = answer(world, '/target wolf').world;
    const attacking = answer(targeted, '/attack');
    expect(attacking.lines[0]).toBe('You attack the Wolf.');
    expect(get(attacking.world, 'c:ann').combat.state).toMatchObject({ autoAttacking: true, inCombat: true });
    const stopped = answer(attacking.world, '/disengage');
    expect(stopped.lines).toEqual(['You stop attacking.']);
    expect(answer(stopped.world, '/disengage').lines).toEqual(['You are not attacking anything.']);
  });

  it.each([
    ['yourself', '/attack ann', 'error: You cannot attack yourself.'],
    ['someone who cannot fight', '/attack bob', 'error: You cannot attack bob.'],
  ])('refuses to attack %s', (_name, text, line) => {
    expect(answer(worldOf(fighter('ann', 10, 10), player('bob', 11, 10)), text).lines).toEqual([line]);
  });

  it('/attack takes a name of several words and which one of them (in the roster order, by distance)', () => {
    const world = worldOf(fighter('ann', 10, 10), { ...wolf(12, 10), id: 'w:1', name: 'Wild boar' }, { ...wolf(14, 10), id: 'w:2', name: 'Wild boar' });
    expect(get(answer(world, '/attack Wild boar').world, 'c:ann').combat.state.targetId).toBe('w:1');
    expect(get(answer(world, '/attack "Wild boar" 2').world, 'c:ann').combat.state.targetId).toBe('w:2');
    expect(answer(world, '/attack wild boar 3').lines).toEqual(['error: There are only 2 "wild boar" near you.']);
  });

  it('a character without a combat component cannot fight', () => {
    expect(answer(worldOf(player('ann', 10, 10), wolf(11, 10)), '/attack wolf').lines).toEqual(['error: You cannot fight.']);
  });
});

describe('/ability', () => {
  it('alone lists the abilities with costs, cast times, cooldowns and readiness', () => {
    const { lines } = answer(worldOf(fighter('ann', 10, 10)), '/ability');
    expect(lines[0]).toContain('Your abilities:');
    expect(lines[0]).toContain('Power Strike (power-strike) — 40 ATB, 15 stamina; instant; 6 s cooldown; reach 2.5 m; ready.');
    expect(lines[0]).toContain('Firebolt (firebolt) — 40 ATB, 20 mana; 2 s cast; 3 s cooldown; reach 25 m; ready.');
  });

  it.each([
    ['an unknown ability', '/ability powr-strike wolf', 'error: You do not know "powr-strike". Did you mean power-strike? Type /ability for your list.'],
    ['an unknown target', '/ability power-strike bear', 'error: There is no "bear" near you.'],
    ['too little ATB', '/ability power-strike wolf', 'error: Not enough ATB for Power Strike (0/40).'],
  ])('refuses %s', (_name, text, line) => {
    expect(answer(worldOf(fighter('ann', 10, 10), wolf(11, 10)), text).lines).toEqual([line]);
  });

  it('names the target it aims at and makes it the current target', () => {
    const { world, lines } = answer(worldOf(fighter('ann', 10, 10, { atb: 100 }), wolf(30, 10)), '/ability firebolt wolf');
    expect(lines).toEqual(['You begin casting Firebolt at the Wolf (2 s).']);
    expect(get(world, 'c:ann').combat.state).toMatchObject({ targetId: 'w:1', casting: { abilityId: 'firebolt' } });
  });
});
