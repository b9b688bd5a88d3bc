import { COMMAND_MAX_LENGTH } from '@aether/shared';
import type { CommandContext } from '../commands/registry.js';
import type { Entity, Outgoing } from '../world/types.js';

/**
 * The NPC says `text` through the zone's own `/say`, so its lines read, and
 * carry, exactly like a player's. `onlyTo` keeps one listener's copy (a
 * greeting is for the newcomer, not the whole square).
 */
export function npcSays(context: Omit<CommandContext, 'actor'>, npc: Entity, text: string, onlyTo?: string): Outgoing[] {
  const say = context.registry.resolve('say');
  if (!say) return [];
  const parsed = say.parse(clip(text));
  if (!parsed.ok) return [];
  const { outgoing } = say.run({ ...context, actor: npc }, parsed.event);
  return onlyTo === undefined ? outgoing : outgoing.filter((message) => message.to === onlyTo);
}

function clip(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= COMMAND_MAX_LENGTH ? line : `${line.slice(0, COMMAND_MAX_LENGTH - 1)}…`;
}
