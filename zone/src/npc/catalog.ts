import type { NpcRecord } from '@aether/shared/db';
import { compileRule } from './dialogue.js';
import type { NpcDefinition } from './npc-state.js';

/** NPC definitions by zone, keeping only dialogue rules that can match and wares with a fair price (a bad one is reported and dropped, not fatal). */
export function npcsByZone(records: readonly NpcRecord[], onProblem: (npcId: string, problem: string) => void): Map<string, NpcDefinition[]> {
  const byZone = new Map<string, NpcDefinition[]>();
  for (const { zoneId, ...record } of records) {
    const dialogue = record.dialogue.filter((rule) => {
      const compiled = compileRule(rule);
      if (!compiled.ok) onProblem(record.id, `dialogue rule ${JSON.stringify(rule.pattern)}: ${compiled.problem}`);
      return compiled.ok;
    });
    // A price the purse arithmetic cannot take (negative, fractional) would make or lose coins: that ware is dropped.
    const wares = record.wares.filter((ware) => {
      const fair = Number.isInteger(ware.price) && ware.price >= 0;
      if (!fair) onProblem(record.id, `ware ${ware.itemId}: price ${ware.price} is not a whole number of coins from 0`);
      return fair;
    });
    byZone.set(zoneId, [...(byZone.get(zoneId) ?? []), { ...record, dialogue, wares }]);
  }
  return byZone;
}
