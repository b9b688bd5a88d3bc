import type { Entity } from '../world/types.js';
import type { OutcomeFlag } from './damage-calculator.js';

/** One happening told three ways: to whoever did it, to whoever it was done to, and to bystanders. */
export interface Line {
  actor: string;
  target: string;
  others: string;
}

/**
 * Players and NPCs go by their names; animals are "the Wolf". The name keeps
 * its case, so a client can find the entity's roster name in the line.
 */
export function nameOf(entity: Pick<Entity, 'kind' | 'name'>): string {
  return entity.kind === 'wildlife' ? `the ${entity.name}` : entity.name;
}

export function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function flagsText(flags: readonly OutcomeFlag[]): string {
  return flags.length > 0 ? ` (${flags.join(', ')})` : '';
}

/** "You hit the wolf for 12 (critical)." and its mirror images; `ability` names the move, e.g. "Power Strike". */
export function hitLine(attacker: Entity, defender: Entity, amount: number, flags: readonly OutcomeFlag[], ability?: string): Line {
  const a = nameOf(attacker);
  const d = nameOf(defender);
  const tail = ` for ${amount}${flagsText(flags)}.`;
  if (ability) {
    return {
      actor: `Your ${ability} hits ${d}${tail}`,
      target: sentence(`${a}'s ${ability} hits you${tail}`),
      others: sentence(`${a}'s ${ability} hits ${d}${tail}`),
    };
  }
  return { actor: `You hit ${d}${tail}`, target: sentence(`${a} hits you${tail}`), others: sentence(`${a} hits ${d}${tail}`) };
}

export function missLine(attacker: Entity, defender: Entity, ability?: string): Line {
  const a = nameOf(attacker);
  const d = nameOf(defender);
  if (ability) {
    return { actor: `Your ${ability} misses ${d}.`, target: sentence(`${a}'s ${ability} misses you.`), others: sentence(`${a}'s ${ability} misses ${d}.`) };
  }
  return { actor: `You miss ${d}.`, target: sentence(`${a} misses you.`), others: sentence(`${a} misses ${d}.`) };
}

export function healLine(healer: Entity, amount: number, ability: string): Line {
  const text = `${ability} heals ${nameOf(healer)} for ${amount}.`;
  return { actor: `Your ${ability} heals you for ${amount}.`, target: sentence(text), others: sentence(text) };
}

const VERB = { haste: 'hastens', slow: 'slows', stun: 'stuns' } as const;

export function statusLine(caster: Entity, target: Entity, status: 'haste' | 'slow' | 'stun', duration: number, ability: string): Line {
  const c = nameOf(caster);
  const t = nameOf(target);
  const verb = VERB[status];
  const time = ` for ${duration} s.`;
  if (caster.id === target.id) {
    return {
      actor: `Your ${ability} ${verb} you${time}`,
      target: `Your ${ability} ${verb} you${time}`,
      others: sentence(`${c}'s ${ability} ${verb} ${t}${time}`),
    };
  }
  return {
    actor: `Your ${ability} ${verb} ${t}${time}`,
    target: sentence(`${c}'s ${ability} ${verb} you${time}`),
    others: sentence(`${c}'s ${ability} ${verb} ${t}${time}`),
  };
}

export function deathText(victim: Entity): string {
  return sentence(`${nameOf(victim)} dies.`);
}
