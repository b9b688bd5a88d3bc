import { findGhost, isGhost } from '../../borders/border-interest.js';
import { CombatActionEvent } from '../../commands/events.js';
import { defineCommand } from '../../commands/registry.js';
import type { Entity } from '../../world/types.js';
import { withEntity } from '../../world/queries.js';
import type { AbilityDefinition } from '../abilities/ability-definition.js';
import { beginCast, checkUse } from '../abilities/ability-system.js';
import { findAbility } from '../abilities/find-ability.js';
import { isFighter, withState, type Fighter } from '../combatant.js';
import { nameOf } from '../narrative.js';
import { mayStrikeAcross } from '../remote/strike-out.js';
import { harmRefusal } from '../pvp/harm.js';
import { findTarget } from '../targeting.js';
import { isDue } from '../timing.js';
import { CANNOT_FIGHT, refuse, reply } from './replies.js';

export const ability = defineCommand({
  name: 'ability',
  category: 'Combat',
  aliases: ['cast', 'abilities'],
  summary: 'Use an ability on your target (or the one you name); /ability alone lists yours.',
  syntax: '[ability] [target+] [ordinal#]',
  schema: CombatActionEvent,
  build: ({ ability: name, target, ordinal }) => ({ type: 'combat_action', action: 'ability', ability: name, target, ordinal }),
  run({ world, actor, rules, now }, event) {
    if (event.action !== 'ability') return { outgoing: [] };
    if (!isFighter(actor)) return refuse(actor, CANNOT_FIGHT);
    if (!event.ability) return { outgoing: [reply(actor, listing(actor, world.time), now(), 'system')] };
    const found = findAbility(actor.combat.abilities, event.ability);
    if (!found.ok) return refuse(actor, found.message, 'not_found');
    const chosen = found.ability;

    let victim: Entity | undefined = actor;
    if (chosen.target === 'enemy') {
      victim = world.entities.get(actor.combat.state.targetId ?? '') ?? findGhost(world, actor.combat.state.targetId);
      if (event.target) {
        const lookup = findTarget(world, actor, event.target, rules.perceptionRange, event.ordinal);
        if (!lookup.ok) return refuse(actor, lookup.message, 'not_found');
        victim = lookup.entity;
      }
    }
    if (isGhost(victim) && !mayStrikeAcross(actor, victim!)) return refuse(actor, `You cannot use ${chosen.name} on ${nameOf(victim!)} across a zone border.`);
    const pvp = chosen.target === 'enemy' && victim ? harmRefusal(world.zone, actor, victim) : undefined;
    if (pvp) return refuse(actor, pvp, 'not_allowed');
    const check = checkUse(actor, chosen, victim, world.time);
    if (!check.ok) return refuse(actor, check.message, check.code);

    const aimed = chosen.target === 'enemy' ? withState(actor, { targetId: victim!.id }) : actor;
    const casting = beginCast(aimed, chosen, victim!.id, world.time);
    const outgoing =
      chosen.castTime > 0
        ? [reply(actor, `You begin casting ${chosen.name}${victim!.id === actor.id ? '' : ` at ${nameOf(victim!)}`} (${chosen.castTime} s).`, now())]
        : [];
    return { world: withEntity(world, casting), outgoing };
  },
});

function listing(actor: Fighter, now: number): string {
  const known = actor.combat.abilities;
  if (known.length === 0) return 'You know no abilities yet.';
  return ['Your abilities:', ...known.map((a) => `  ${describe(a, actor.combat.state.cooldowns[a.id] ?? -Infinity, now)}`)].join('\n');
}

function describe(ability: AbilityDefinition, readyAt: number, now: number): string {
  const { cost } = ability;
  const costs = [cost.atb && `${cost.atb} ATB`, cost.stamina && `${cost.stamina} stamina`, cost.mana && `${cost.mana} mana`].filter(Boolean).join(', ');
  const cast = ability.castTime > 0 ? `${ability.castTime} s cast` : 'instant';
  const reach = ability.target === 'self' ? 'on yourself' : `reach ${ability.range} m`;
  const ready = !isDue(now, readyAt) ? `ready in ${Math.ceil((readyAt - now) * 10) / 10} s` : 'ready';
  return `${ability.name} (${ability.id}) — ${costs || 'free'}; ${cast}; ${ability.cooldown} s cooldown; ${reach}; ${ready}. ${ability.description}`;
}
