import type { ErrorCode } from '@aether/shared';
import { judgeChat } from '../chat/chat-allowance.js';
import { withEntity } from '../world/queries.js';
import type { Rules } from '../rules/rules.js';
import type { Entity, World } from '../world/types.js';
import { parseCommand } from './parser.js';
import type { CommandRegistry, CommandResult } from './registry.js';

export { coreCommands, defaultCommands } from './default-commands.js';

/**
 * The command executor: line → (parser) name and argument text → (registry)
 * definition → (definition's declared syntax and event schema) typed event →
 * run. Every failure becomes an `error` for that player, never an exception.
 * Admin commands need the admin role (from the database, on the entity);
 * chat lines from players must pass mute, length and rate first.
 */
export function executeCommand(
  world: World,
  actor: Entity,
  text: string,
  context: { rules: Rules; commands: CommandRegistry; random: () => number; now: () => number },
): CommandResult {
  const registry = context.commands;
  const refuse = (code: ErrorCode, message: string): CommandResult => ({
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
  // Before parsing, so a player learns nothing of an admin command's arguments.
  if (definition.admin && !actor.player?.admin) return refuse('forbidden', `Only administrators can use /${definition.name}.`);
  const event = definition.parse(args);
  if (!event.ok) return refuse('invalid_command', `${sentence(event.message)} Usage: ${definition.usage.join(' | ')}`);
  let speaker = actor;
  let current = world;
  // NPCs say their lines through /say too; only players are held to the chat limits.
  if (definition.speech && actor.player) {
    const verdict = judgeChat(actor.player, definition.speech(event.event), context.now(), context.rules.chat);
    if (!verdict.ok) return { ...refuse(verdict.code, verdict.message), effects: [{ kind: 'chat.refused', reason: verdict.code }] };
    speaker = { ...actor, player: { ...actor.player, chat: verdict.allowance } };
    current = withEntity(world, speaker);
  }
  const result = definition.run({ world: current, actor: speaker, rules: context.rules, registry, random: context.random, now: context.now }, event.event);
  return current !== world && !result.world ? { ...result, world: current } : result;
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
