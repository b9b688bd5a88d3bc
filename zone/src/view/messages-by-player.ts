import type { Outgoing } from '../world/types.js';

const NO_MESSAGES: ReadonlyMap<string, Outgoing[]> = new Map();

/** A tick's messages grouped by the player they are for, in order: each player's frame carries its own. */
export function messagesByPlayer(outgoing: readonly Outgoing[]): ReadonlyMap<string, Outgoing[]> {
  if (outgoing.length === 0) return NO_MESSAGES;
  const byPlayer = new Map<string, Outgoing[]>();
  for (const message of outgoing) {
    const list = byPlayer.get(message.to);
    if (list) list.push(message);
    else byPlayer.set(message.to, [message]);
  }
  return byPlayer;
}
