// The reusable bot client: benchmarks and load tests import from here.
export { Bot } from './bot.js';
export type { OwnState } from './view.js';
