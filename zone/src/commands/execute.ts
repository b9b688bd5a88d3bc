import type { Rules } from '../world/rules.js';
import type { Entity, World } from '../world/types.js';
import { parseCommand } from './parser.js';
import type { CommandRegistry, CommandResult } from './registry.js';
import { emote, say } from './definitions/speech.js';
import { look } from './definitions/look.js';
import { help } from './definitions/help.js';
import { move, stop } from './definitions/movement.js';
import { who } from './definitions/who.js';
import { CommandRegistry as Registry } from './registry.js';

export function defaultCommands(): CommandRegistry {
  return new Registry([say, emote, look, move, stop, who, help]);
}

/** Parses and runs one line of player input. Every failure becomes an `error` for that player, never an exception. */
export function executeCommand(
  world: World,
  actor: Entity,
  text: string,
  context: { rules: Rules; commands: CommandRegistry; random: () => number },
): CommandResult {
  const registry = context.commands;
  const parsed = parseCommand(text);
  if (!parsed.ok) return { outgoing: [{ to: actor.id, event: 'error', data: { code: 'invalid_command', message: parsed.message } }] };
  const definition = registry.resolve(parsed.command.name);
  if (!definition) {
    const suggestion = registry.suggest(parsed.command.name);
    const hint = suggestion ? ` Did you mean /${suggestion}?` : ' Type /help for the list.';
    return {
      outgoing: [{ to: actor.id, event: 'error', data: { code: 'unknown_command', message: `Unknown command /${parsed.command.name}.${hint}` } }],
    };
  }
  return definition.run({ world, actor, rules: context.rules, registry, random: context.random }, parsed.command.args);
}
