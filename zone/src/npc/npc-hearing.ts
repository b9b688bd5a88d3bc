import { CommandRegistry, type CommandContext, type CommandDefinition, type CommandResult } from '../commands/registry.js';
import type { Effect } from '../world/effects.js';
import { withEntity } from '../world/queries.js';
import type { Entity, Outgoing } from '../world/types.js';
import { matchRule, mentions, renderReply } from './dialogue.js';
import type { NpcState } from './npc-state.js';
import { npcSays } from './speak.js';
import { DEFAULT_NPC_TUNING, type NpcTuning } from './tuning.js';

export interface HearingOptions {
  /** An LLM answers what no rule does; otherwise the NPC's fallback line. */
  llm: boolean;
  tuning?: NpcTuning;
}

type Npc = Entity & { readonly npc: NpcState };

/**
 * NPCs within say range of a player who spoke answer: a matching scripted
 * rule at once; words addressed to them (by name, or within a conversation)
 * that no rule covers through the LLM (an effect; the reply comes back later)
 * or with their fallback line. Other chatter nearby is left alone.
 */
function npcsHear(context: CommandContext, text: string, options: HearingOptions): CommandResult {
  const { actor, rules } = context;
  if (actor.kind !== 'player') return { outgoing: [] };
  const tuning = options.tuning ?? DEFAULT_NPC_TUNING;
  let world = context.world;
  const now = world.time;
  const outgoing: Outgoing[] = [];
  const effects: Effect[] = [];
  for (const entity of context.world.entities.values()) {
    if (!entity.npc || Math.hypot(entity.x - actor.x, entity.y - actor.y) > rules.sayRange) continue;
    const npc = entity as Npc;
    const { definition, talking } = npc.npc;
    const rule = matchRule(definition.dialogue, text);
    const lastExchange = talking.get(actor.id);
    const inConversation = lastExchange !== undefined && now - lastExchange <= tuning.conversationSeconds;
    if (!rule && !inConversation && !mentions(text, definition.name)) continue;

    world = withEntity(world, { ...npc, npc: { ...npc.npc, talking: new Map(talking).set(actor.id, now) } });
    const names = { player: actor.name, npc: definition.name };
    const fallback = renderReply(definition.fallback, names);
    const speaking = { ...context, world };
    if (rule) outgoing.push(...npcSays(speaking, npc, renderReply(rule.reply, names)));
    else if (!options.llm) outgoing.push(...npcSays(speaking, npc, fallback));
    else {
      effects.push({
        kind: 'npc_reply_request',
        npc: { id: definition.id, entityId: npc.id, name: definition.name, persona: definition.persona },
        zone: { id: world.zone.id, name: world.zone.name },
        speaker: { id: actor.id, name: actor.name },
        text,
        fallback,
      });
    }
  }
  return world === context.world ? { outgoing, effects } : { world, outgoing, effects };
}

/** `/say` that NPCs hear: the player's line goes out as before, then the NPCs' answers. */
function listeningSay(say: CommandDefinition, options: HearingOptions): CommandDefinition {
  return {
    ...say,
    run(context, event) {
      const spoken = say.run(context, event);
      const text = (event as { text?: unknown }).text;
      if (typeof text !== 'string') return spoken;
      const heard = npcsHear({ ...context, world: spoken.world ?? context.world }, text, options);
      const world = heard.world ?? spoken.world;
      const result: CommandResult = {
        outgoing: [...spoken.outgoing, ...heard.outgoing],
        effects: [...(spoken.effects ?? []), ...(heard.effects ?? [])],
      };
      return world ? { ...result, world } : result;
    },
  };
}

/** The same commands with a `/say` that NPCs hear; everything else, aliases and `/help` order included, unchanged. */
export function withNpcListening(registry: CommandRegistry, options: HearingOptions): CommandRegistry {
  return new CommandRegistry(registry.list().map((definition) => (definition.name === 'say' ? listeningSay(definition, options) : definition)));
}
