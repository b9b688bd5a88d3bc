import type { ClientEventName } from '@aether/shared';

/**
 * What each client event costs against the rate limits, roughly by the work
 * it makes: a move or a command is relayed to a zone; listing reads the
 * database; selecting reads it, talks to the registry and loads the
 * character in a zone; creating writes it. Unknown events cost more than a
 * move so that junk is not the cheapest thing to send.
 */
export const EVENT_COSTS: Record<ClientEventName, number> = {
  move: 1,
  command: 1,
  character_list: 2,
  character_select: 5,
  character_create: 10,
};

export const UNKNOWN_EVENT_COST = 2;
