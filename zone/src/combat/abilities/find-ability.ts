import { closest } from '../../commands/suggest.js';
import type { AbilityDefinition } from './ability-definition.js';

export type AbilityLookup = { ok: true; ability: AbilityDefinition } | { ok: false; message: string };

/** "Power Strike", "power-strike" and "powerstrike" are one name. */
function key(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** One of the fighter's abilities by id or name, exactly or by a unique prefix; a miss suggests the closest id. */
export function findAbility(known: readonly AbilityDefinition[], query: string): AbilityLookup {
  const q = key(query);
  const exact = known.find((ability) => key(ability.id) === q || key(ability.name) === q);
  if (exact) return { ok: true, ability: exact };
  const prefixed = q.length > 0 ? known.filter((ability) => key(ability.id).startsWith(q) || key(ability.name).startsWith(q)) : [];
  if (prefixed.length === 1) return { ok: true, ability: prefixed[0]! };
  if (prefixed.length > 1) return { ok: false, message: `"${query}" could be ${prefixed.map((ability) => ability.id).join(' or ')}.` };
  const suggestion = closest(
    query.toLowerCase(),
    known.map((ability) => ability.id),
  );
  return { ok: false, message: `You do not know "${query}".${suggestion ? ` Did you mean ${suggestion}?` : ''} Type /ability for your list.` };
}
