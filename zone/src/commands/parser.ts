interface ParsedCommand {
  /** Lower-case command name without the slash. */
  name: string;
  /** Everything after the name, trimmed. */
  args: string;
}

export type ParseResult = { ok: true; command: ParsedCommand } | { ok: false; message: string };

/** Plain text is speech; `/name rest` is a command. Never throws. */
export function parseCommand(text: string): ParseResult {
  const trimmed = text.trim();
  if (trimmed.length === 0) return { ok: false, message: 'Type something to say, or /help for commands.' };
  if (!trimmed.startsWith('/')) return { ok: true, command: { name: 'say', args: trimmed } };
  const match = /^\/(\S*)\s*([\s\S]*)$/.exec(trimmed);
  const name = match?.[1]?.toLowerCase() ?? '';
  if (name.length === 0) return { ok: false, message: 'A command needs a name after the slash, e.g. /say hello. Try /help.' };
  return { ok: true, command: { name, args: match?.[2]?.trim() ?? '' } };
}
