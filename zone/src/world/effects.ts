/**
 * Things a tick asks the world outside this zone to do: the pure core cannot
 * reach the bus or the database, so it returns effects and the zone host
 * carries them out after the tick (docs/design.md §1: pure core, thin I/O shell).
 *
 * The kernel names no effect: each feature adds its own, where it defines
 * them, by declaration merging (the key is only a name for the entry):
 *
 *   declare module '../world/effects.js' {
 *     interface EffectMap { chat: ChatEffect }
 *   }
 */
// biome-ignore lint/suspicious/noEmptyInterface: features add their effects by declaration merging, which a type alias cannot take
export interface EffectMap {}

/** Every effect any registered feature declared. */
export type Effect = EffectMap[keyof EffectMap];
