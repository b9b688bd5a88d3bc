import type { Entity, PlayerProfile } from '../../world/types.js';
import { resourcesOf, withResources, withState, type Fighter } from '../combatant.js';
import type { CombatTick } from '../combat-tick.js';
import { isDue } from '../timing.js';
import { policyOf, type DuelState } from './duel-state.js';
import { PVP_RULES } from './pvp-rules.js';

/** The entity with its player profile changed (duel, what was shown). */
export function withPlayer<E extends Entity>(entity: E, change: Partial<PlayerProfile>): E {
  return entity.player ? { ...entity, player: { ...entity.player, ...change } } : entity;
}

/** Clears a player's duel and stops them attacking `other`: the fight between the two is over. */
function standDown(entity: Entity, otherId: string): Entity {
  const { duel: _over, ...player } = entity.player!;
  const calm = { ...entity, player };
  if (!calm.combat || calm.combat.state.targetId !== otherId) return calm;
  return withState(calm as Fighter, { autoAttacking: false, targetId: undefined });
}

/** Both duelists stand down; `loserId` keeps 1 hp when a blow would have killed them; everyone near hears how it ended. */
function endDuel(tick: CombatTick, a: Entity, b: Entity, text: string): void {
  tick.put(standDown(a, b.id));
  tick.put(standDown(b, a.id));
  tick.announce(a, 'combat', text);
  // Bystanders near only the other duelist, and the other duelist, hear it too.
  const near = (e: Entity) => (e.x - a.x) ** 2 + (e.y - a.y) ** 2 <= tick.rules.messageRange ** 2;
  if (!near(b)) tick.announce(b, 'combat', text);
}

/**
 * A blow would drop `loserId` to 0 hp in a duel with `winnerId`: no death, no
 * experience, no loot; they keep 1 hp and the duel is over.
 */
export function loseDuel(tick: CombatTick, loserId: string, winnerId: string): void {
  const loser = tick.fighter(loserId);
  const winner = tick.get(winnerId);
  if (!loser || !winner) return;
  tick.put(withResources(loser, { ...resourcesOf(loser), hp: 1 }));
  endDuel(tick, winner, tick.get(loserId)!, `${winner.name} wins the duel against ${loser.name}.`);
}

/**
 * Each tick, for one fighter: a player's `state_update.pvp` when it changed
 * (and on entering), and their duel's clock and leash. A pair is settled by
 * the duelist with the smaller id when both are here, so it ends once; one
 * whose partner has gone (left the zone, logged out) settles alone.
 */
export function keepDuel(tick: CombatTick, id: string): void {
  const entity = tick.get(id);
  const player = entity?.player;
  if (!entity || !player) return;
  const duel = player.duel;
  if (duel) settle(tick, entity, duel);
  showPvp(tick, id);
}

function settle(tick: CombatTick, entity: Entity, duel: DuelState): void {
  const other = tick.get(duel.with);
  const mutual = other?.player?.duel?.with === entity.id ? other : undefined;
  if (duel.kind !== 'dueling') {
    if (!mutual) {
      tick.put(withPlayer(entity, { duel: undefined }));
      tick.tell(
        entity,
        'system',
        duel.kind === 'challenging' ? `Your challenge to ${duel.name} is withdrawn: they are gone.` : `${duel.name} is gone; their challenge is withdrawn.`,
      );
    } else if (isDue(tick.now, duel.until)) {
      // Both sides at once, so the second does not take the first's cleared state for a withdrawal.
      const [challenger, challenged] = duel.kind === 'challenging' ? [entity, mutual] : [mutual, entity];
      tick.put(withPlayer(entity, { duel: undefined }));
      tick.put(withPlayer(mutual, { duel: undefined }));
      tick.tell(challenger, 'system', `${challenged.name} did not answer your challenge.`);
      tick.tell(challenged, 'system', `${challenger.name}'s challenge lapses.`);
    }
    return;
  }
  if (mutual?.player?.duel?.kind !== 'dueling') {
    tick.put(standDown(entity, duel.with));
    tick.tell(entity, 'combat', `${duel.name} has left: you win the duel.`);
    return;
  }
  if (mutual.id < entity.id) return;
  const deadA = entity.combat?.state.dead === true;
  const deadB = mutual.combat?.state.dead === true;
  if (deadA || deadB) {
    endDuel(
      tick,
      entity,
      mutual,
      deadA && deadB
        ? 'The duel ends: both duelists are dead.'
        : `${deadA ? mutual.name : entity.name} wins the duel: ${deadA ? entity.name : mutual.name} died.`,
    );
    return;
  }
  const apart = Math.hypot(entity.x - mutual.x, entity.y - mutual.y);
  if (apart > PVP_RULES.duelLeash) {
    // Whoever is farther from where the duel began walked off; standing your ground never loses a duel.
    const at = duel.at ?? { x: mutual.x, y: mutual.y };
    const away = (e: Entity) => Math.hypot(e.x - at.x, e.y - at.y);
    const [quitter, stayer] = away(entity) >= away(mutual) ? [entity, mutual] : [mutual, entity];
    endDuel(tick, stayer, quitter, `${stayer.name} wins the duel: ${quitter.name} walked away.`);
    return;
  }
  if (isDue(tick.now, duel.until)) endDuel(tick, entity, mutual, `The duel between ${entity.name} and ${mutual.name} ends in a draw.`);
}

/** `state_update.pvp` when the zone's rule or the duel partner differs from what the player was last shown. */
function showPvp(tick: CombatTick, id: string): void {
  const entity = tick.get(id)!;
  const player = entity.player!;
  const policy = policyOf(tick.zone);
  const duelWith = player.duel?.kind === 'dueling' ? player.duel.name : undefined;
  const shown = player.pvpShown;
  if (shown?.policy === policy && shown.duelWith === duelWith) return;
  tick.put(withPlayer(entity, { pvpShown: { policy, ...(duelWith ? { duelWith } : {}) } }));
  tick.outgoing.push({ to: id, event: 'state_update', data: { pvp: { policy, ...(duelWith ? { duelWith } : {}) } } });
}
