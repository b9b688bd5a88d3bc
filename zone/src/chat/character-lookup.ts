/** Finds a character by name (any letter case); the composition root adapts the database to it. */
export interface CharacterLookup {
  findByName(name: string): Promise<{ id: string; name: string } | null>;
}
