import type { MoveRequest } from '@aether/shared/protocol';

/**
 * What one typed line means. Most lines go to the server untouched (it owns
 * the command language); only a few MUD habits are handled on this side.
 */
export type MudAction =
  | { kind: 'none' }
  | { kind: 'command'; text: string }
  | { kind: 'move'; move: MoveRequest }
  | { kind: 'wait'; ms: number }
  | { kind: 'help' }
  /** Shown by the client from the latest state when it has one, otherwise asked of the server as `text`. */
  | { kind: 'table'; what: 'inventory' | 'quests'; text: string }
  /** Walk to where your target was last seen. */
  | { kind: 'approach' }
  | { kind: 'quit' };

/** Walking pace in m/s; the zone clamps whatever we ask for anyway. */
const WALK_SPEED = 5;

const HEADINGS: Record<string, number> = {
  n: 0,
  north: 0,
  ne: 45,
  northeast: 45,
  'north-east': 45,
  e: 90,
  east: 90,
  se: 135,
  southeast: 135,
  'south-east': 135,
  s: 180,
  south: 180,
  sw: 225,
  southwest: 225,
  'south-west': 225,
  w: 270,
  west: 270,
  nw: 315,
  northwest: 315,
  'north-west': 315,
};

/** A typo like "wait 3000" should not freeze a script for an hour. */
const MAX_WAIT_S = 60;

export const SHORTCUT_HELP = [
  'Client shortcuts:',
  '  n s e w ne nw se sw   walk that way (until you stop or meet the zone edge)',
  '  stop                  stop walking',
  '  goto <x> <y>          walk to a point (metres, x east, y north)',
  '  approach              walk to your target (/target <name> first)',
  '  look, l               same as /look',
  '  i, inv, /inventory    your coins, equipment and bags as a table',
  '  /quests               your quest log (and quests offered nearby) as a table',
  '  who                   same as /who (printed as a table)',
  '  wait <seconds>        pause before the next line (handy in piped scripts)',
  '  quit, exit            leave the game',
  '  ?, help               this list (/help asks the server)',
  'Anything else is sent to the server: /say, /look, ... and plain text is said aloud.',
];

export function parseInput(line: string, walkSpeed = WALK_SPEED): MudAction {
  const text = line.trim();
  if (text === '') return { kind: 'none' };
  const lower = text.toLowerCase();

  const heading = HEADINGS[lower];
  if (heading !== undefined) return { kind: 'move', move: { heading, speed: walkSpeed } };

  switch (lower) {
    case 'stop':
      return { kind: 'move', move: { stop: true } };
    case 'approach':
      return { kind: 'approach' };
    case 'l':
    case 'look':
      return { kind: 'command', text: '/look' };
    case 'who':
      return { kind: 'command', text: '/who' };
    case 'i':
    case 'inv':
    case 'inventory':
    case '/i':
    case '/inv':
    case '/inventory':
      return { kind: 'table', what: 'inventory', text: '/inventory' };
    case 'quests':
    case '/quests':
    case '/questlog':
      return { kind: 'table', what: 'quests', text: '/quests' };
    case 'quit':
    case 'exit':
    case '/quit':
      return { kind: 'quit' };
    case '?':
    case 'help':
      return { kind: 'help' };
  }

  const goto = /^goto\s+(-?\d+(?:\.\d+)?)\s*[, ]\s*(-?\d+(?:\.\d+)?)$/i.exec(text);
  if (goto) return { kind: 'move', move: { target: { x: Number(goto[1]), y: Number(goto[2]) } } };

  const wait = /^wait\s+(\d+(?:\.\d+)?)$/i.exec(text);
  if (wait) return { kind: 'wait', ms: Math.min(Number(wait[1]), MAX_WAIT_S) * 1000 };

  return { kind: 'command', text };
}
