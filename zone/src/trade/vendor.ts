import type { VendorItemRecord } from '@aether/shared/db';
import type { Entity, World } from '../world/types.js';

/** How near a vendor a player must stand to see its wares and trade, metres (docs/gameplay.md, "Vendors"). */
export const VENDOR_RANGE = 6;

/** An NPC that sells something (its `wares` came with its database row, zone/src/npc). */
export type Vendor = Entity & { readonly npc: { readonly definition: { readonly wares: readonly VendorItemRecord[] } } };

export type VendorSearch = { ok: true; vendor: Vendor } | { ok: false; message: string };

/**
 * The nearest vendor within `range` of the player; otherwise why not: how far
 * the nearest vendor in the zone is, or that there is none here.
 */
export function nearestVendor(world: World, actor: Entity, range = VENDOR_RANGE): VendorSearch {
  let nearest: Vendor | undefined;
  let best = Infinity;
  for (const entity of world.entities.values()) {
    if (!isVendor(entity)) continue;
    const distance = Math.hypot(entity.x - actor.x, entity.y - actor.y);
    if (distance < best) {
      best = distance;
      nearest = entity;
    }
  }
  if (nearest && best <= range) return { ok: true, vendor: nearest };
  if (!nearest) return { ok: false, message: 'There is no vendor in this zone.' };
  return { ok: false, message: `${nearest.name} is ${Math.round(best)} m away; stand within ${range} m of a vendor to trade.` };
}

function isVendor(entity: Entity): entity is Vendor {
  return (entity.npc?.definition.wares.length ?? 0) > 0;
}
