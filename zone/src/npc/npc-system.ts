import type { StepContext } from '../world/system.js';
import type { System, SystemResult } from '../world/system.js';
import type { Entity, Outgoing, World } from '../world/types.js';
import { renderReply } from './dialogue.js';
import { npcEntityId, type NpcDefinition } from './npc-state.js';
import { npcSays } from './speak.js';
import { DEFAULT_NPC_TUNING, type NpcTuning } from './tuning.js';

/**
 * Puts the zone's NPCs in the world (and back, should anything remove one),
 * greets players who come within earshot, and forgets old greetings and
 * conversations. Answering speech is `/say`'s part (hearing.ts): it runs when
 * the words are said, so replies need no extra tick.
 */
export class NpcSystem implements System {
  readonly name = 'npcs';
  private readonly tuning: NpcTuning;

  constructor(
    private readonly definitions: readonly NpcDefinition[],
    options: { tuning?: NpcTuning } = {},
  ) {
    this.tuning = options.tuning ?? DEFAULT_NPC_TUNING;
  }

  update(world: World, _dt: number, context: StepContext): SystemResult {
    if (this.definitions.length === 0) return { world, outgoing: [] };
    const now = world.time;
    const entities = new Map(world.entities);
    const outgoing: Outgoing[] = [];
    const speaking = { world, rules: context.rules, registry: context.commands, random: context.random, now: context.now };
    for (const definition of this.definitions) {
      const id = npcEntityId(definition.id);
      const npc = entities.get(id) ?? placed(definition);
      const state = npc.npc!;
      const nearby = new Set<string>();
      const greeted = new Map([...state.greeted].filter(([, at]) => now - at < this.tuning.regreetSeconds));
      for (const other of world.entities.values()) {
        if (other.kind !== 'player' || Math.hypot(other.x - npc.x, other.y - npc.y) > context.rules.sayRange) continue;
        nearby.add(other.id);
        if (state.nearby.has(other.id) || greeted.has(other.id)) continue;
        greeted.set(other.id, now);
        outgoing.push(...npcSays(speaking, npc, renderReply(definition.greeting, { player: other.name, npc: definition.name }), other.id));
      }
      const talking = new Map([...state.talking].filter(([, at]) => now - at <= this.tuning.conversationSeconds));
      entities.set(id, { ...npc, npc: { ...state, nearby, greeted, talking } });
    }
    return { world: { ...world, entities }, outgoing };
  }
}

function placed(definition: NpcDefinition): Entity {
  return {
    id: npcEntityId(definition.id),
    kind: 'npc',
    name: definition.name,
    x: definition.x,
    y: definition.y,
    z: 0,
    heading: definition.heading,
    maxSpeed: 0,
    intent: { kind: 'idle' },
    npc: { definition, nearby: new Set(), greeted: new Map(), talking: new Map() },
  };
}
