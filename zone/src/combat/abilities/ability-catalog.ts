import type { Archetype } from '@aether/shared';
import type { AbilityRecord } from '@aether/shared/db';
import type { AbilityDefinition } from './ability-definition.js';
import { abilityFromRecord } from './ability-record.js';
import { DEFAULT_ABILITIES } from './default-abilities.js';

/**
 * Every ability definition the zone knows: the in-memory defaults, overridden
 * and extended by the database's rows. Immutable; made once at start-up.
 */
export class AbilityCatalog {
  private readonly byId: ReadonlyMap<string, AbilityDefinition>;

  constructor(definitions: Iterable<AbilityDefinition> = DEFAULT_ABILITIES) {
    this.byId = new Map([...definitions].map((definition) => [definition.id, definition]));
  }

  /** Defaults plus the database's rows (a row wins over a default with its id). Bad rows are skipped and reported. */
  static fromRecords(rows: readonly AbilityRecord[], onInvalid: (message: string) => void = () => {}): AbilityCatalog {
    const merged = new Map(DEFAULT_ABILITIES.map((definition) => [definition.id, definition]));
    for (const row of rows) {
      const parsed = abilityFromRecord(row);
      if (parsed.ok) merged.set(parsed.ability.id, parsed.ability);
      else onInvalid(parsed.message);
    }
    return new AbilityCatalog(merged.values());
  }

  get(id: string): AbilityDefinition | undefined {
    return this.byId.get(id);
  }

  all(): AbilityDefinition[] {
    return [...this.byId.values()];
  }

  /** What an archetype knows at a level without being taught: its own and everyone's abilities up to that level. */
  grantedTo(archetype: Archetype, level: number): AbilityDefinition[] {
    return this.all().filter((ability) => (ability.archetype === null || ability.archetype === archetype) && ability.level <= level);
  }

  /** Granted plus learned ids, in level then name order; unknown learned ids are skipped. */
  knownBy(archetype: Archetype, level: number, learned: readonly string[] = []): AbilityDefinition[] {
    const known = new Map(this.grantedTo(archetype, level).map((ability) => [ability.id, ability]));
    for (const id of learned) {
      const ability = this.byId.get(id);
      if (ability) known.set(id, ability);
    }
    return [...known.values()].sort((a, b) => a.level - b.level || a.name.localeCompare(b.name));
  }
}
