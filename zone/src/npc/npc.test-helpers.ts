// Builders for NPC tests (not used by the running zone).
import type { NpcDefinition } from './npc-state.js';

export function testNpc(overrides: Partial<NpcDefinition> = {}): NpcDefinition {
  return {
    id: 'guard',
    name: 'Guard Aldric',
    x: 100,
    y: 100,
    heading: 180,
    greeting: 'Halt, {player}.',
    fallback: 'Move along, {player}.',
    persona: 'A stern guard.',
    dialogue: [
      { match: 'regex', pattern: String.raw`\bwol(f|ves)\b`, reply: 'Wolves in the forest.', priority: 10 },
      { match: 'regex', pattern: String.raw`\b(hello|hi)\b`, reply: 'Well met, {player}.', priority: 0 },
    ],
    wares: [],
    ...overrides,
  };
}
