import { baselineJsonView } from './baseline-json-view.js';
import { frameView } from './frame-view.js';
import { legacyJsonView } from './legacy-json-view.js';
import type { ViewAdapter } from './view.js';

/**
 * Every wire format a bot understands. Each adapter listens only for its own
 * events, so a bot attaches them all and needs no flag to pick one; a new
 * format is one more file and one more line here. (A format that sends
 * bare binary WebSocket messages, as Aether's protocol-2 frames, receives
 * them as the BARE_BINARY_EVENT event: see packet-parser.ts.)
 */
export const VIEW_ADAPTERS: readonly ViewAdapter[] = [legacyJsonView, baselineJsonView, frameView];
