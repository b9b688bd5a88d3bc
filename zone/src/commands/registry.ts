import type { z } from 'zod';
import type { Effect } from '../world/effects.js';
import type { Rules } from '../rules/rules.js';
import type { Entity, Outgoing, World } from '../world/types.js';
import type { CommandEvent } from './events.js';
import { closest } from './suggest.js';
import { bindArguments, formatSyntax, parseSyntax, type ArgumentSpec, type ParsedArguments } from './syntax.js';

export interface CommandContext {
  world: World;
  actor: Entity;
  rules: Rules;
  registry: CommandRegistry;
  random: () => number;
  /** Wall-clock ms from the step context (never Date.now() in a command). */
  now: () => number;
}

export interface CommandResult {
  /**
   * The world after the command, when it changed anything. Build it with
   * withEntity() (zone/src/world/queries.ts): inside a tick the command may be
   * given the tick's draft, which that edits in place; the step keeps using
   * whatever entity map comes back, so never return a map kept from elsewhere.
   */
  world?: World;
  outgoing: Outgoing[];
  /** Work for the zone host outside this zone (other zones, other servers, the database). */
  effects?: Effect[];
}

/** Turning the words after a command name into its typed event; `message` says what was wrong, for the player. */
export type EventParse<E extends CommandEvent = CommandEvent> = { ok: true; event: E } | { ok: false; message: string };

/** The groups `/help` lists commands in, in this order. */
export const COMMAND_CATEGORIES = ['Chat', 'Movement', 'Combat', 'Items', 'Trade', 'Quests', 'Party', 'General', 'Admin'] as const;
export type CommandCategory = (typeof COMMAND_CATEGORIES)[number];

/** A registered command: how it is written, how its arguments become an event, and what the event does. */
export interface CommandDefinition<E extends CommandEvent = CommandEvent> {
  readonly name: string;
  /** The `/help` group it is listed under. */
  readonly category: CommandCategory;
  readonly aliases: readonly string[];
  /** Every form of the command, e.g. ["/party invite <name>", "/party leave"]; the first is the main one. */
  readonly usage: readonly string[];
  readonly summary: string;
  /** Only accounts with the admin role may run it; anyone else is refused with `forbidden`. */
  readonly admin?: boolean;
  /**
   * For chat: the line the event says, which the executor sanitised and now checks against mute, length and rate.
   * A method like parse and run (TypeScript checks method parameters both ways), so a CommandDefinition<SayEvent>
   * is also a CommandDefinition and lists of commands need no `any`.
   */
  speech?(event: E): string;
  parse(args: string): EventParse<E>;
  run(context: CommandContext, event: E): CommandResult;
}

/** A schema for one kind (or a few variants of one kind) of command event, e.g. `SayEvent` or `PartyActionEvent`. */
export type EventSchema = z.ZodType<CommandEvent>;

export interface CommandSpec<S extends EventSchema> {
  name: string;
  aliases?: readonly string[];
  /** The `/help` group (default: General; Admin for admin commands). */
  category?: CommandCategory;
  summary: string;
  /**
   * The arguments as the usage line shows them, e.g. "<x> <y>", "<name> <message...>" or
   * "[name+] [ordinal#]" (a name of several words, then which one): see syntax.ts.
   */
  syntax: string;
  /** Extra usage forms when one syntax line does not say it all (sub-commands). */
  usage?: readonly string[];
  /** What the command means, from events.ts: validates the arguments and types them. */
  schema: S;
  /** Admin only (see CommandDefinition.admin). */
  admin?: boolean;
  /** Chat: the line to judge (see CommandDefinition.speech). */
  speech?: (event: z.output<S>) => string;
  /** The event before validation: its kind, fixed fields and the argument words as typed. */
  build(args: ParsedArguments): { type: z.output<S>['type'] } & Record<string, unknown>;
  run(context: CommandContext, event: z.output<S>): CommandResult;
}

/**
 * Makes a command from its declaration. Arguments are split by the declared
 * syntax and validated by the declared event schema, so a command's `run`
 * only ever sees a well-formed, typed event.
 */
export function defineCommand<S extends EventSchema>(spec: CommandSpec<S>): CommandDefinition<z.output<S>> {
  const specs: ArgumentSpec[] = parseSyntax(spec.syntax);
  const main = `/${spec.name}${specs.length > 0 ? ` ${formatSyntax(specs)}` : ''}`;
  return {
    name: spec.name,
    category: spec.category ?? (spec.admin ? 'Admin' : 'General'),
    aliases: spec.aliases ?? [],
    usage: spec.usage ?? [main],
    summary: spec.summary,
    ...(spec.admin ? { admin: true } : {}),
    ...(spec.speech ? { speech: spec.speech } : {}),
    parse(args) {
      const bound = bindArguments(specs, args);
      if (!bound.ok) return { ok: false, message: bound.message };
      const checked = spec.schema.safeParse(spec.build(bound.values));
      if (!checked.success) return { ok: false, message: checked.error.issues[0]?.message ?? 'those arguments do not fit' };
      return { ok: true, event: checked.data };
    },
    run: spec.run,
  };
}

/** Name → definition, with aliases; `/help` is generated from what is registered. */
export class CommandRegistry {
  private readonly byName = new Map<string, CommandDefinition>();
  private readonly definitions: CommandDefinition[] = [];

  constructor(definitions: Iterable<CommandDefinition> = []) {
    for (const definition of definitions) this.register(definition);
  }

  register<E extends CommandEvent>(definition: CommandDefinition<E>): void {
    for (const name of [definition.name, ...definition.aliases]) {
      if (this.byName.has(name)) throw new Error(`command name "${name}" is registered twice`);
      this.byName.set(name, definition as unknown as CommandDefinition);
    }
    this.definitions.push(definition as unknown as CommandDefinition);
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
