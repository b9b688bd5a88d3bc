import type { NpcRecord } from '@aether/shared/db';
import { compileRule } from './dialogue.js';
import type { NpcDefinition } from './npc-state.js';

/** NPC definitions by zone, keeping only dialogue rules that can match (a bad regex is reported and dropped, not fatal). */
export function npcsByZone(records: readonly NpcRecord[], onProblem: (npcId: string, problem: string) => void): Map<string, NpcDefinition[]> {
  const byZone = new Map<string, NpcDefinition[]>();
  for (const { zoneId, ...record } of records) {
    const dialogue = record.dialogue.filter((rule) => {
      const compiled = compileRule(rule);
      if (!compiled.ok) onProblem(record.id, `dialogue rule ${JSON.stringify(rule.pattern)}: ${compiled.problem}`);
      return compiled.ok;
    });
    byZone.set(zoneId, [...(byZone.get(zoneId) ?? []), { ...record, dialogue }]);
  }
  return byZone;
}
