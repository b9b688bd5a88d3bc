// The reusable bot client: benchmarks and load tests import from here.
export { Bot, PROTOCOL_VERSION, type BotOptions } from './bot.js';
export { VIEW_ADAPTERS } from './view-adapters.js';
export { WireTap } from './wire-tap.js';
export { BARE_BINARY_EVENT, countingParser } from './packet-parser.js';
export type { Identity, OwnState, SeenEntity, ViewAdapter, ViewObserver, ViewSink } from './view.js';
