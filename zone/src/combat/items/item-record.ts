import { EquipSlot, type ItemRecord } from '@aether/shared';
import type { ItemDefinition } from './item.js';

export type ItemParse = { ok: true; item: ItemDefinition } | { ok: false; message: string };

/** A database row as a definition; rows a designer got wrong are refused with the reason instead of breaking a tick later. */
export function itemFromRecord(row: ItemRecord): ItemParse {
  const fail = (why: string): ItemParse => ({ ok: false, message: `item "${row.id}": ${why}` });
  let equipSlot: EquipSlot | undefined;
  if (row.equipSlot !== null) {
    const parsed = EquipSlot.safeParse(row.equipSlot);
    if (!parsed.success) return fail(`unknown equip slot "${row.equipSlot}" (weapon, head, body, hands or feet)`);
    equipSlot = parsed.data;
  }
  if ((equipSlot === 'weapon') !== (row.weapon !== null)) return fail('weapon stats and the "weapon" equip slot go together');
  if (!(row.maxStack >= 1)) return fail('maxStack must be ≥ 1');
  if (equipSlot && row.maxStack !== 1) return fail('equipment does not stack (maxStack 1)');
  if (!(row.value >= 0) || !(row.heal >= 0) || !(row.useCooldown >= 0)) return fail('value, heal and useCooldown must be ≥ 0');
  if (row.weapon && !(row.weapon.delay > 0 && row.weapon.minDamage <= row.weapon.maxDamage && row.weapon.range > 0)) {
    return fail('a weapon needs delay > 0, minDamage ≤ maxDamage and range > 0');
  }
  return {
    ok: true,
    item: {
      id: row.id,
      name: row.name,
      description: row.description,
      kind: row.kind,
      maxStack: row.maxStack,
      value: row.value,
      weapon: row.weapon ?? undefined,
      equipSlot,
      bonuses: { ...row.bonuses },
      heal: row.heal,
      useCooldown: row.useCooldown,
    },
  };
}
