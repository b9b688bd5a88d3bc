/**
 * Which socket speaks for which character on this gateway. A character can be
 * in the world through one connection only: a newer login takes over and the
 * older connection is told and closed.
 */
export class ConnectedPlayers<S> {
  private readonly byCharacter = new Map<string, S>();

  get size(): number {
    return this.byCharacter.size;
  }

  get(characterId: string): S | undefined {
    return this.byCharacter.get(characterId);
  }

  /** Makes `socket` the owner; returns the socket it displaced, if any. */
  claim(characterId: string, socket: S): S | undefined {
    const previous = this.byCharacter.get(characterId);
    this.byCharacter.set(characterId, socket);
    return previous === socket ? undefined : previous;
  }

  /** Releases only if `socket` still owns the character; answers whether it did. */
  release(characterId: string, socket: S): boolean {
    if (this.byCharacter.get(characterId) !== socket) return false;
    this.byCharacter.delete(characterId);
    return true;
  }
}
