import { DuelEvent } from '../../commands/events.js';
import { defineCommand, type CommandResult } from '../../commands/registry.js';
import { withEntity } from '../../world/queries.js';
import type { Entity, World } from '../../world/types.js';
import { isDead } from '../combatant.js';
import { refuse, reply } from '../commands/replies.js';
import { findTarget } from '../targeting.js';
import { policyOf, type DuelState } from './duel-state.js';
import { withPlayer } from './duels.js';
import { PVP_RULES } from './pvp-rules.js';

const POLICY_TEXT = {
  safe: 'a safe zone: nobody fights other players here, not even in a duel',
  duel: 'a duel zone: players fight each other only in a duel',
  open: 'an open zone: players may fight each other, except party members and near the spawn point',
} as const;

/**
 * `/duel <name>` challenges a player within `challengeRange`; they answer
 * `/duel accept` or `/duel decline` within `challengeSeconds`. The duel itself
 * runs in the combat update (duels.ts): it ends at 1 hp, with a walk-off or
 * after `duelSeconds` (a draw).
 */
export const duel = defineCommand({
  name: 'duel',
  category: 'Combat',
  summary: 'Challenge a player near you to a duel, or answer a challenge; /duel alone shows yours and the zone’s rule.',
  schema: DuelEvent,
  syntax: '[name]',
  usage: ['/duel <name>', '/duel accept', '/duel decline', '/duel'],
  build: ({ name }) => {
    const word = name?.toLowerCase();
    if (word === undefined || word === 'show') return { type: 'duel', action: 'show' };
    if (word === 'accept' || word === 'decline') return { type: 'duel', action: word };
    return { type: 'duel', action: 'challenge', name };
  },
  run({ world, actor, now }, event) {
    const player = actor.player;
    if (!player) return { outgoing: [] };
    const say = (text: string): CommandResult => ({ outgoing: [reply(actor, text, now(), 'system')] });
    const mine = player.duel;
    switch (event.action) {
      case 'show': {
        const rule = `${world.zone.name} is ${POLICY_TEXT[policyOf(world.zone)]}.`;
        if (!mine) return say(`You are not in a duel. ${rule}`);
        const left = Math.max(0, Math.ceil(mine.until - world.time));
        const state = {
          challenging: `You have challenged ${mine.name}; the challenge lapses in ${left} s.`,
          challenged: `${mine.name} has challenged you: /duel accept or /duel decline (${left} s left).`,
          dueling: `You are in a duel with ${mine.name} (${left} s left; then it is a draw).`,
        }[mine.kind];
        return say(`${state} ${rule}`);
      }
      case 'challenge': {
        if (policyOf(world.zone) === 'safe') return refuse(actor, `${world.zone.name} is a safe zone: no duels here.`, 'not_allowed');
        if (mine) return refuse(actor, busy(mine, 'You'), 'not_allowed');
        if (actor.combat && isDead(actor)) return refuse(actor, 'You are dead.');
        const found = findTarget(world, actor, event.name, PVP_RULES.challengeRange);
        if (!found.ok) return refuse(actor, `${found.message} (A challenge reaches ${PVP_RULES.challengeRange} m.)`, 'not_found');
        const other = found.entity;
        if (other.id === actor.id) return refuse(actor, 'You cannot duel yourself.');
        if (!other.player || !other.combat || other.ghostOf !== undefined) return refuse(actor, `You cannot duel ${other.name}.`);
        if (isDead(other)) return refuse(actor, `${other.name} is dead.`);
        if (other.player.duel) return refuse(actor, busy(other.player.duel, other.name), 'not_allowed');
        const until = world.time + PVP_RULES.challengeSeconds;
        const next = pair(
          world,
          actor,
          other,
          { kind: 'challenging', with: other.id, name: other.name, until },
          { kind: 'challenged', with: actor.id, name: actor.name, until },
        );
        return {
          world: next,
          outgoing: [
            reply(actor, `You challenge ${other.name} to a duel; they have ${PVP_RULES.challengeSeconds} s to accept.`, now(), 'system'),
            reply(
              other,
              `${actor.name} challenges you to a duel. Type /duel accept or /duel decline (within ${PVP_RULES.challengeSeconds} s).`,
              now(),
              'system',
            ),
          ],
        };
      }
      case 'accept':
      case 'decline': {
        const other = mine?.kind === 'challenged' ? world.entities.get(mine.with) : undefined;
        if (mine?.kind !== 'challenged' || other?.player?.duel?.with !== actor.id) return refuse(actor, 'Nobody has challenged you to a duel.');
        if (event.action === 'decline') {
          const next = pair(world, actor, other, undefined, undefined);
          return {
            world: next,
            outgoing: [
              reply(actor, `You decline ${other.name}'s challenge.`, now(), 'system'),
              reply(other, `${actor.name} declines your challenge.`, now(), 'system'),
            ],
          };
        }
        if (isDead(actor) || isDead(other)) return refuse(actor, 'A duel needs both of you alive.');
        const until = world.time + PVP_RULES.duelSeconds;
        const at = { x: (actor.x + other.x) / 2, y: (actor.y + other.y) / 2 };
        const next = pair(
          world,
          actor,
          other,
          { kind: 'dueling', with: other.id, name: other.name, until, at },
          { kind: 'dueling', with: actor.id, name: actor.name, until, at },
        );
        const rules = `It ends when one of you would drop to 0 hp (they keep 1), when one goes ${PVP_RULES.duelLeash} m away, or after ${PVP_RULES.duelSeconds / 60} minutes (a draw).`;
        return {
          world: next,
          outgoing: [
            reply(actor, `You accept ${other.name}'s challenge: fight! ${rules}`, now()),
            reply(other, `${actor.name} accepts your challenge: fight! ${rules}`, now()),
          ],
        };
      }
    }
  },
});

function busy(duel: DuelState, who: string): string {
  const you = who === 'You';
  switch (duel.kind) {
    case 'dueling':
      return `${who} ${you ? 'are' : 'is'} already in a duel${you ? ` with ${duel.name}` : ''}.`;
    case 'challenging':
      return you ? `You have challenged ${duel.name} already; wait for an answer.` : `${who} is waiting for an answer to another challenge.`;
    case 'challenged':
      return you ? `${duel.name} has challenged you: /duel accept or /duel decline first.` : `${who} is considering another challenge.`;
  }
}

function pair(world: World, a: Entity, b: Entity, duelA: DuelState | undefined, duelB: DuelState | undefined): World {
  return withEntity(withEntity(world, withPlayer(a, { duel: duelA })), withPlayer(b, { duel: duelB }));
}
