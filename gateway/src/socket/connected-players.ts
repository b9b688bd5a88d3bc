interface Presence<S> {
  socket: S;
  /** The zone that simulates the character now; border crossings and failovers change it. */
  zoneId: string;
  /** The session id the zone knows this stay by (PlayerJoin.sessionId). */
  sessionId: string;
}

/**
 * Which socket speaks for which character on this gateway, and in which zone
 * that character is. A character is in the world through one connection only:
 * a newer login takes over and the older connection is told and closed.
 */
export class ConnectedPlayers<S> {
  private readonly byCharacter = new Map<string, Presence<S>>();

  get size(): number {
    return this.byCharacter.size;
  }

  get(characterId: string): S | undefined {
    return this.byCharacter.get(characterId)?.socket;
  }

  zoneOf(characterId: string): string | undefined {
    return this.byCharacter.get(characterId)?.zoneId;
  }

  sessionOf(characterId: string): string | undefined {
    return this.byCharacter.get(characterId)?.sessionId;
  }

  /** Makes `socket` the owner; returns the socket it displaced, if any. */
  claim(characterId: string, socket: S, zoneId: string, sessionId: string): S | undefined {
    const previous = this.byCharacter.get(characterId)?.socket;
    this.byCharacter.set(characterId, { socket, zoneId, sessionId });
    return previous === socket ? undefined : previous;
  }

  /** Re-routes a character after a border crossing; unknown characters are ignored. */
  moveTo(characterId: string, zoneId: string): void {
    const presence = this.byCharacter.get(characterId);
    if (presence) presence.zoneId = zoneId;
  }

  /** Releases only if `socket` still owns the character; answers whether it did. */
  release(characterId: string, socket: S): boolean {
    if (this.byCharacter.get(characterId)?.socket !== socket) return false;
    this.byCharacter.delete(characterId);
    return true;
  }

  /** Characters (with their session ids) grouped by the zone they are in. */
  byZone(): Map<string, Array<{ characterId: string; sessionId: string }>> {
    const zones = new Map<string, Array<{ characterId: string; sessionId: string }>>();
    for (const [characterId, { zoneId, sessionId }] of this.byCharacter) {
      const list = zones.get(zoneId) ?? [];
      list.push({ characterId, sessionId });
      zones.set(zoneId, list);
    }
    return zones;
  }
}
