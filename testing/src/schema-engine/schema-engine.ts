import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import { MigrationAdapterFactory } from './migration-adapter.js';
import { loadSchemaEngine } from './schema-engine-wasm.js';

export interface SchemaFile {
  path: string;
  content: string;
}

export interface SchemaEngineOptions {
  /** The database the engine works on; shadow databases are created on the same server. */
  url: string;
  /** Only needed by commands that read the Prisma schema from the engine's own state. */
  schemaFiles?: SchemaFile[];
  log?: (message: string) => void;
}

/**
 * Runs `work` with Prisma's schema engine (the WebAssembly build that ships
 * as @prisma/schema-engine-wasm) connected through our pg driver adapter, and
 * always frees the engine and closes its connections afterwards.
 */
export async function withSchemaEngine<T>(options: SchemaEngineOptions, work: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const SchemaEngineClass = await loadSchemaEngine();
  const factory = new MigrationAdapterFactory(options.url);
  const log = options.log;
  let engine: SchemaEngine | undefined;
  try {
    engine = await SchemaEngineClass.new(
      { datamodels: options.schemaFiles?.map((file): [string, string] => [file.path, file.content]) },
      (line: string) => log?.(engineLogMessage(line)),
      bindMigrationAwareSqlAdapterFactory(factory),
    );
    return await work(engine);
  } finally {
    engine?.free();
    await factory.close();
  }
}

/** The engine logs tracing events as JSON lines; the message is the readable part. */
export function engineLogMessage(line: string): string {
  try {
    const event = JSON.parse(line) as { level?: string; fields?: { message?: string } };
    const message = event.fields?.message;
    if (typeof message === 'string') return event.level ? `${event.level.toLowerCase()}: ${message}` : message;
  } catch {
    // not JSON: pass it through untouched
  }
  return line;
}

export const NO_FILTERS = { externalTables: [], externalEnums: [] };
