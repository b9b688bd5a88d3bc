import { z } from 'zod';

/**
 * A character's loot window as stored in `character.loot_window`: what a kill
 * left for /loot, and when it is gone (wall-clock epoch ms).
 */
export const LootWindowSave = z.object({
  from: z.string().max(80),
  items: z
    .array(z.object({ itemId: z.string().min(1).max(64), quantity: z.number().int().min(1).max(10_000) }))
    .min(1)
    .max(32),
  expiresAt: z.number().int().nonnegative(),
});
export type LootWindowSave = z.infer<typeof LootWindowSave>;

/** The stored column as a window; anything else (null, a shape an older version wrote, a hand edit) is no window. */
export function parseLootWindow(value: unknown): LootWindowSave | null {
  const parsed = LootWindowSave.safeParse(value);
  return parsed.success ? parsed.data : null;
}
