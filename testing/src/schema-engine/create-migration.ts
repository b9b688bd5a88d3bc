import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { DEFAULT_MIGRATIONS_DIR, DEFAULT_SCHEMA_PATH, lockfileContent, migrationDirectoryName, readMigrationList, writeMigration } from '@aether/shared/db';
import { NO_FILTERS, withSchemaEngine } from './schema-engine.js';

export interface SchemaDiffOptions {
  /**
   * A server the engine may create (and drop) a temporary shadow database on,
   * to replay the existing migrations. Nothing else on it is touched.
   */
  shadowServerUrl: string;
  migrationsDir?: string;
  schemaPath?: string;
  log?: (message: string) => void;
}

/**
 * The SQL that takes a database built from the migrations folder to what
 * schema.prisma describes, or null when they already agree (`prisma migrate
 * diff --from-migrations --to-schema`).
 */
export async function diffMigrationsToSchema(options: SchemaDiffOptions): Promise<string | null> {
  const migrationsDir = options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR;
  const schemaPath = options.schemaPath ?? DEFAULT_SCHEMA_PATH;
  try {
    const schema = { path: basename(schemaPath), content: await readFile(schemaPath, 'utf8') };
    const migrationsList = await readMigrationList(migrationsDir);
    // The engine reads the provider from the lock file; before the first
    // migration there is none, and there is only one provider we use.
    migrationsList.lockfile.content ??= lockfileContent('postgresql');
    const log = options.log;
    // The wasm engine's createMigration cannot open a shadow database on
    // PostgreSQL; diff from the migrations folder can, and yields the same SQL.
    const result = await withSchemaEngine({ url: options.shadowServerUrl, ...(log ? { log } : {}) }, (engine) =>
      engine.diff({
        from: { tag: 'migrations', ...migrationsList },
        to: { tag: 'schemaDatamodel', files: [schema] },
        script: true,
        exitCode: true,
        filters: NO_FILTERS,
      }),
    );
    // With exitCode set, 2 means "there are differences" and 0 means none.
    return result.exitCode === 2 ? (result.stdout ?? '') : null;
  } catch (error) {
    throw new Error(`could not diff ${migrationsDir} against ${schemaPath}`, { cause: error });
  }
}

export interface CreateMigrationOptions extends SchemaDiffOptions {
  name: string;
  now?: Date;
}

/** `prisma migrate dev --create-only`: writes the next migration folder, or returns null when nothing changed. */
export async function createMigration(options: CreateMigrationOptions): Promise<string | null> {
  const script = await diffMigrationsToSchema(options);
  if (script === null) return null;
  const directoryName = migrationDirectoryName(options.now ?? new Date(), options.name);
  return writeMigration(options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR, directoryName, script, 'postgresql');
}
