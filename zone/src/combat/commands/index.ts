import type { CommandDefinition } from '../../commands/registry.js';
import { ability } from './ability.js';
import { attack, disengage } from './attack.js';
import { target } from './target.js';
import { duel } from '../pvp/duel-command.js';

/** Combat's commands, for `defaultCommands(combatCommands())`. */
export function combatCommands(): CommandDefinition[] {
  return [target, attack, disengage, ability, duel];
}
