// The terminal client as a library; players run main.ts (`npm run mud`).
export { parseMudArgs, USAGE, UsageError, type MudLogin, type MudOptions } from './args.js';
export { MudSession, type MudIo, type MudSocket } from './session.js';
