import type { CommandDefinition } from './registry.js';
import { CommandRegistry } from './registry.js';
import { adminCommands } from './definitions/admin.js';
import { help } from './definitions/help.js';
import { look } from './definitions/look.js';
import { move, stop } from './definitions/movement.js';
import { party } from './definitions/party.js';
import { emote, say, shout } from './definitions/speech.js';
import { whisper } from './definitions/whisper.js';
import { who } from './definitions/who.js';

/** Chat, movement, looking around and parties: the commands every zone has, in /help order. */
export function coreCommands(): CommandDefinition[] {
  return [say, shout, emote, whisper, move, stop, look, who, party, help];
}

/**
 * The registry a zone runs with: the core commands plus each game system's own
 * (combat adds /target, /attack, /ability), then the admin commands (only
 * admins may run them, or see them in /help). `/help` stays last in the listing.
 */
export function defaultCommands(...extra: ReadonlyArray<readonly CommandDefinition[]>): CommandRegistry {
  const core = coreCommands();
  const helpLast = core.filter((definition) => definition !== help);
  return new CommandRegistry([...helpLast, ...extra.flat(), ...adminCommands(), help]);
}
