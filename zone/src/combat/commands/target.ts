import { CombatActionEvent } from '../../commands/events.js';
import { defineCommand } from '../../commands/registry.js';
import { compassPoint } from '../../movement/compass.js';
import { bearing } from '../../movement/geometry.js';
import { withEntity } from '../../world/queries.js';
import { distance, isFighter, withState } from '../combatant.js';
import { nameOf } from '../narrative.js';
import { harmRefusal } from '../pvp/harm.js';
import { findTarget } from '../targeting.js';
import { CANNOT_FIGHT, refuse, reply } from './replies.js';

export const target = defineCommand({
  name: 'target',
  category: 'Combat',
  summary: 'Pick whom to fight: the nearest one whose name matches (or a roster id); /target alone clears it.',
  syntax: '[name+] [ordinal#]',
  schema: CombatActionEvent,
  build: ({ name, ordinal }) => ({ type: 'combat_action', action: 'target', target: name, ordinal }),
  run({ world, actor, rules, now }, event) {
    if (event.action !== 'target') return { outgoing: [] };
    if (!isFighter(actor)) return refuse(actor, CANNOT_FIGHT);
    if (!event.target) {
      const cleared = withState(actor, { targetId: undefined, autoAttacking: false });
      return { world: withEntity(world, cleared), outgoing: [reply(actor, 'You clear your target.', now())] };
    }
    const found = findTarget(world, actor, event.target, rules.perceptionRange, event.ordinal);
    if (!found.ok) return refuse(actor, found.message, 'not_found');
    const chosen = found.entity;
    // Another player is a target only where one may fight them (zone/src/combat/pvp).
    const pvp = harmRefusal(world.zone, actor, chosen);
    if (pvp) return refuse(actor, pvp, 'not_allowed');
    // A new target ends the auto-attack on the old one: nobody should start hitting a bystander by retargeting.
    const changed = actor.combat.state.targetId !== chosen.id;
    const next = withState(actor, { targetId: chosen.id, autoAttacking: changed ? false : actor.combat.state.autoAttacking });
    const where = `${Math.round(distance(actor, chosen))} m ${compassPoint(bearing(actor.x, actor.y, chosen.x, chosen.y))}`;
    return { world: withEntity(world, next), outgoing: [reply(actor, `You target ${nameOf(chosen)} (${where}).`, now())] };
  },
});
