import type { Effect } from '../world/effects.js';
import type { Rules } from '../world/rules.js';
import type { Entity, Outgoing, World } from '../world/types.js';
import { closest } from './suggest.js';

export interface CommandContext {
  world: World;
  actor: Entity;
  rules: Rules;
  registry: CommandRegistry;
  random: () => number;
}

export interface CommandResult {
  /** The world after the command, when it changed anything. */
  world?: World;
  outgoing: Outgoing[];
  /** Work for the zone host outside this zone (other zones, other servers, the database). */
  effects?: Effect[];
}

export interface CommandDefinition {
  name: string;
  aliases?: string[];
  usage: string;
  summary: string;
  run(context: CommandContext, args: string): CommandResult;
}

/** Name → definition, with aliases; `/help` is generated from what is registered. */
export class CommandRegistry {
  private readonly byName = new Map<string, CommandDefinition>();
  private readonly definitions: CommandDefinition[] = [];

  constructor(definitions: CommandDefinition[] = []) {
    for (const definition of definitions) this.register(definition);
  }

  register(definition: CommandDefinition): void {
    for (const name of [definition.name, ...(definition.aliases ?? [])]) {
      if (this.byName.has(name)) throw new Error(`command name "${name}" is registered twice`);
      this.byName.set(name, definition);
    }
    this.definitions.push(definition);
  }

  resolve(name: string): CommandDefinition | undefined {
    return this.byName.get(name);
  }

  suggest(name: string): string | undefined {
    return closest(name, this.byName.keys());
  }

  list(): readonly CommandDefinition[] {
    return this.definitions;
  }
}
