// Development-time only: Prisma's schema engine (WebAssembly) to create and
// check migrations (scripts/db/diff.mjs), exported as
// @aether/testing/schema-engine so that no image carries it. Nothing the game
// runs imports this; runtime migrations use @aether/shared/db's
// migration-runner.ts, which needs no engine.
export * from './create-migration.js';
export { engineLogMessage, NO_FILTERS, withSchemaEngine, type SchemaEngineOptions, type SchemaFile } from './schema-engine.js';
