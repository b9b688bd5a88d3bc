import { findGhost, isGhost } from '../../borders/border-interest.js';
import { CombatActionEvent } from '../../commands/events.js';
import { defineCommand } from '../../commands/registry.js';
import { withEntity } from '../../world/queries.js';
import { distance, isAlive, isFighter, withState } from '../combatant.js';
import { nameOf, sentence } from '../narrative.js';
import { mayStrikeAcross } from '../remote/strike-out.js';
import { harmRefusal } from '../pvp/harm.js';
import { findTarget } from '../targeting.js';
import { CANNOT_FIGHT, refuse, reply } from './replies.js';

export const attack = defineCommand({
  name: 'attack',
  category: 'Combat',
  aliases: ['kill'],
  summary: 'Start auto-attacking your target (or the one you name) with your weapon.',
  syntax: '[name+] [ordinal#]',
  schema: CombatActionEvent,
  build: ({ name, ordinal }) => ({ type: 'combat_action', action: 'attack', target: name, ordinal }),
  run({ world, actor, rules, now }, event) {
    if (event.action !== 'attack') return { outgoing: [] };
    if (!isFighter(actor)) return refuse(actor, CANNOT_FIGHT);
    if (actor.combat.state.dead) return refuse(actor, 'You are dead.');
    let victim = world.entities.get(actor.combat.state.targetId ?? '') ?? findGhost(world, actor.combat.state.targetId);
    if (event.target) {
      const found = findTarget(world, actor, event.target, rules.perceptionRange, event.ordinal);
      if (!found.ok) return refuse(actor, found.message, 'not_found');
      victim = found.entity;
    }
    if (!victim) return refuse(actor, 'Attack whom? /target <name> first, or /attack <name>.');
    if (victim.id === actor.id) return refuse(actor, 'You cannot attack yourself.');
    // Across a border (a ghost) its own zone says whether it can be fought and still lives (zone/src/combat/remote/).
    const across = isGhost(victim);
    if (across && !mayStrikeAcross(actor, victim)) return refuse(actor, `You cannot attack ${nameOf(victim)} across a zone border.`);
    if (!across && !isFighter(victim)) return refuse(actor, `You cannot attack ${nameOf(victim)}.`);
    if (across ? victim.ghostHealth === 0 : !isAlive(victim)) return refuse(actor, `${sentence(nameOf(victim))} is already dead.`);
    const pvp = harmRefusal(world.zone, actor, victim);
    if (pvp) return refuse(actor, pvp, 'not_allowed');
    const next = withState(actor, { targetId: victim.id, autoAttacking: true, inCombat: true, lastHostileAt: world.time });
    const { weapon } = actor.combat;
    const reach = distance(actor, victim);
    const far = reach > weapon.range ? ` It is ${Math.round(reach)} m away; your ${weapon.name.toLowerCase()} reaches ${weapon.range} m.` : '';
    return { world: withEntity(world, next), outgoing: [reply(actor, `You attack ${nameOf(victim)}.${far}`, now())] };
  },
});

export const disengage = defineCommand({
  name: 'disengage',
  category: 'Combat',
  summary: 'Stop auto-attacking (you stay in combat until things are quiet).',
  syntax: '',
  schema: CombatActionEvent,
  build: () => ({ type: 'combat_action', action: 'disengage' }),
  run({ world, actor, now }) {
    if (!isFighter(actor)) return refuse(actor, CANNOT_FIGHT);
    if (!actor.combat.state.autoAttacking) return { outgoing: [reply(actor, 'You are not attacking anything.', now())] };
    return { world: withEntity(world, withState(actor, { autoAttacking: false })), outgoing: [reply(actor, 'You stop attacking.', now())] };
  },
});
