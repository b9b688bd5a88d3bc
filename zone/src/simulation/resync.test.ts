import type { StateUpdate } from '@aether/shared';
import { fighter, run, worldOf } from '../combat/combat-fixtures.test-helpers.js';
import type { Outgoing } from '../world/types.js';
import { forgetShown } from './resync.js';

const updatesTo = (outgoing: readonly Outgoing[], to: string): StateUpdate[] =>
  outgoing.flatMap((message) => (message.to === to && message.event === 'state_update' ? [message.data as StateUpdate] : []));

describe('a resync', () => {
  it('makes every part of state_update go out again, not only world_enter', () => {
    const settled = run(worldOf(fighter('ann', 10, 10)), 3);
    const first = updatesTo(settled.outgoing, 'c:ann');
    expect(first.some((update) => update.belongings)).toBe(true);
    expect(first.some((update) => update.combat)).toBe(true);
    expect(first.some((update) => update.pvp)).toBe(true);
    // Quiet ticks send nothing more…
    const quiet = run(settled.world, 2);
    expect(updatesTo(quiet.outgoing, 'c:ann')).toEqual([]);

    // …until the client comes back through another gateway.
    const again = run(quiet.world, 2, { inputs: [[{ kind: 'resync', entityId: 'c:ann' }]] });
    expect(again.outgoing.some((message) => message.to === 'c:ann' && message.event === 'world_enter')).toBe(true);
    const resent = updatesTo(again.outgoing, 'c:ann');
    expect(resent.some((update) => update.belongings)).toBe(true);
    expect(resent.some((update) => update.combat)).toBe(true);
    expect(resent.some((update) => update.pvp)).toBe(true);
  });

  it('clears the quest list’s shown mark and keeps its entries', () => {
    const ann = fighter('ann', 10, 10);
    const entries = [{ questId: 'boar-bounty', status: 'active' as const, progress: 0 }];
    const shown = { ...ann, player: { ...ann.player!, quests: { entries, shown: { entries, key: 'k' } } } };
    expect(forgetShown(shown).player!.quests).toEqual({ entries });
  });
});
