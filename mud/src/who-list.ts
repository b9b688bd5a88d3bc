import type { GameEvent, RosterEntry } from '@aether/shared/protocol';
import { describePlace } from './format.js';
import { formatTable } from './table.js';

/** The server's answer to /who: `2 players in The Crossroads: Ann (level 2 warrior), Bob (level 1 mage)`. */
const WHO_ANSWER = /^(\d+) players? in (.+): (.+)$/;
/** One player in it; older servers send the bare name. */
const WHO_ENTRY = /^(\S+?)(?: \(level (\d+) ([a-z]+)\))?$/;

interface WhoEntry {
  name: string;
  level?: string;
  archetype?: string;
}

function parseEntries(list: string): WhoEntry[] | undefined {
  const entries: WhoEntry[] = [];
  for (const part of list.split(', ')) {
    const match = WHO_ENTRY.exec(part);
    if (!match) return undefined;
    entries.push({ name: match[1]!, level: match[2], archetype: match[3] });
  }
  return entries;
}

/**
 * The /who answer as a table (name, level, archetype, and where each player
 * is if in sight), or undefined when `event` is not one: then it prints as
 * the server wrote it. The server answers in one line of text for every
 * client; parsing it here keeps that line the single source of truth.
 */
export function formatWho(event: GameEvent, nearby: readonly RosterEntry[], me: string | undefined): string[] | undefined {
  if (event.type !== 'system') return undefined;
  const answer = WHO_ANSWER.exec(event.text);
  const entries = answer ? parseEntries(answer[3]!) : undefined;
  if (!answer || !entries) return undefined;
  const detailed = entries.some((entry) => entry.level !== undefined);
  const where = (name: string): string => {
    if (name === me) return 'you';
    const seen = nearby.find((entry) => entry.kind === 'player' && entry.name === name);
    return seen ? describePlace(seen) : 'out of sight';
  };
  const columns = [{ header: 'Name' }, ...(detailed ? [{ header: 'Level', align: 'right' as const }, { header: 'Archetype' }] : []), { header: 'Where' }];
  const rows = entries.map((entry) => [entry.name, ...(detailed ? [entry.level ?? '', entry.archetype ?? ''] : []), where(entry.name)]);
  return [`${answer[1]} ${answer[1] === '1' ? 'player' : 'players'} in ${answer[2]}:`, ...formatTable(columns, rows)];
}
