import type { Rules } from '../world/rules.js';
import type { Entity, World } from '../world/types.js';
import { parseCommand } from './parser.js';
import type { CommandRegistry, CommandResult } from './registry.js';

export { coreCommands, defaultCommands } from './default-commands.js';

/**
 * The command executor: line → (parser) name and argument text → (registry)
 * definition → (definition's declared syntax and event schema) typed event →
 * run. Every failure becomes an `error` for that player, never an exception.
 */
export function executeCommand(
  world: World,
  actor: Entity,
  text: string,
  context: { rules: Rules; commands: CommandRegistry; random: () => number },
): CommandResult {
  const registry = context.commands;
  const refuse = (code: 'invalid_command' | 'unknown_command', message: string): CommandResult => ({
    outgoing: [{ to: actor.id, event: 'error', data: { code, message } }],
  });
  const parsed = parseCommand(text);
  if (!parsed.ok) return refuse('invalid_command', parsed.message);
  const { name, args } = parsed.command;
  const definition = registry.resolve(name);
  if (!definition) {
    const suggestion = registry.suggest(name);
    const hint = suggestion ? ` Did you mean /${suggestion}?` : ' Type /help for the list.';
    return refuse('unknown_command', `Unknown command /${clip(name)}.${hint}`);
  }
  const event = definition.parse(args);
  if (!event.ok) return refuse('invalid_command', `${sentence(event.message)} Usage: ${definition.usage.join(' | ')}`);
  return definition.run({ world, actor, rules: context.rules, registry, random: context.random }, event.event);
}

/** "x is missing" → "X is missing." */
function sentence(message: string): string {
  const capital = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** A pasted paragraph after the slash should not come back whole in the error. */
function clip(name: string, max = 32): string {
  return name.length <= max ? name : `${name.slice(0, max)}…`;
}
