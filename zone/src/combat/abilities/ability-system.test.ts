import type { Fighter } from '../combatant.js';
import { fighter, wolf } from '../combat-fixtures.test-helpers.js';
import { beginCast, checkUse, finishCast, interruptCast } from './ability-system.js';
import type { AbilityDefinition } from './ability-definition.js';
import { DEFAULT_ABILITIES } from './default-abilities.js';

const byId = (id: string) => DEFAULT_ABILITIES.find((ability) => ability.id === id)!;
const strike = byId('power-strike'); // 40 ATB, 15 stamina, 6 s cooldown, 2.5 m, instant
const firebolt = byId('firebolt'); // 40 ATB, 20 mana, 2 s cast, 25 m

const ready = (overrides: Partial<Fighter['combat']['state']> = {}, resources = {}) => {
  const base = fighter('ann', 10, 10, { atb: 100, resources });
  return { ...base, combat: { ...base.combat, state: { ...base.combat.state, ...overrides } } };
};
const near = wolf(11, 10);
const far = wolf(40, 10);

describe('checkUse', () => {
  it.each<[string, Fighter, AbilityDefinition, ReturnType<typeof wolf> | undefined, number, string | null]>([
    ['ready, in range', ready(), strike, near, 0, null],
    ['on cooldown', ready({ cooldowns: { 'power-strike': 4.25 } }), strike, near, 1, 'Power Strike is ready in 3.3 s.'],
    ['cooldown just over', ready({ cooldowns: { 'power-strike': 4 } }), strike, near, 4, null],
    ['not enough ATB', ready({ atb: 39.9 }), strike, near, 0, 'Not enough ATB for Power Strike (39/40).'],
    ['not enough stamina', ready({}, { stamina: 14 }), strike, near, 0, 'Not enough stamina for Power Strike (14/15).'],
    ['not enough mana', ready({}, { mana: 19 }), firebolt, near, 0, 'Not enough mana for Firebolt (19/20).'],
    ['out of melee range', ready(), strike, wolf(13, 10), 0, 'The Wolf is too far away for Power Strike (3 m; it reaches 2.5 m).'],
    ['a spell reaches further', ready(), firebolt, wolf(34, 10), 0, null],
    ['but not that far', ready(), firebolt, far, 0, 'The Wolf is too far away for Firebolt (30 m; it reaches 25 m).'],
    ['no target', ready(), strike, undefined, 0, 'Power Strike needs a target: /target <name> first, or /ability power-strike <name>.'],
    [
      'while casting',
      ready({ casting: { abilityId: 'firebolt', targetId: 'w:1', startedAt: 0, completesAt: 2, escrow: firebolt.cost } }),
      strike,
      near,
      0,
      'You are already casting.',
    ],
    ['while stunned', ready({ effects: [{ kind: 'stun', magnitude: 1, expiresAt: 5, sourceId: 'w:1' }] }), strike, near, 0, 'You are stunned.'],
    ['while dead', ready({ dead: true }), strike, near, 0, 'You are dead.'],
  ])('%s', (_name, actor, ability, target, now, message) => {
    const check = checkUse(actor, ability, target, now);
    expect(check.ok ? null : check.message).toBe(message);
  });

  it('range refusals carry the too_far code', () => {
    expect(checkUse(ready(), strike, far, 0)).toMatchObject({ ok: false, code: 'too_far' });
  });

  it('a cast with a cast time cannot start while walking; an instant one can', () => {
    const walking = { ...ready(), intent: { kind: 'heading' as const, heading: 90, speed: 5 } };
    expect(checkUse(walking, firebolt, near, 0)).toMatchObject({ ok: false, message: 'You cannot cast Firebolt while moving; /stop first.' });
    expect(checkUse(walking, strike, near, 0)).toEqual({ ok: true });
  });
});

describe('escrow', () => {
  const actor = ready({ atb: 70 }, { stamina: 50, mana: 20 });

  it('begin takes the cost into escrow', () => {
    const casting = beginCast(actor, firebolt, 'w:1', 3);
    expect(casting.combat.state.atb).toBe(30);
    expect(casting.player!.resources.mana).toBe(0);
    expect(casting.combat.state.casting).toEqual({ abilityId: 'firebolt', targetId: 'w:1', startedAt: 3, completesAt: 5, escrow: firebolt.cost });
  });

  it('an interrupt refunds it, never past a full gauge or pool', () => {
    const casting = beginCast(actor, firebolt, 'w:1', 3);
    const refunded = interruptCast(casting);
    expect(refunded.combat.state.atb).toBe(70);
    expect(refunded.player!.resources.mana).toBe(20);
    expect(refunded.combat.state.casting).toBeUndefined();
    const filled = { ...casting, combat: { ...casting.combat, state: { ...casting.combat.state, atb: 90 } } };
    expect(interruptCast(filled).combat.state.atb).toBe(100);
  });

  it('completion spends it and starts the cooldown', () => {
    const done = finishCast(beginCast(actor, firebolt, 'w:1', 3), firebolt, 5);
    expect(done.combat.state.atb).toBe(30);
    expect(done.player!.resources.mana).toBe(0);
    expect(done.combat.state.casting).toBeUndefined();
    expect(done.combat.state.cooldowns).toEqual({ firebolt: 8 });
  });
});
