// Shared plumbing for the db:* scripts. They run the compiled workspaces
// (shared/dist; diff.mjs also testing/dist), so `npm run db:generate && npm run
// build` must come first.

/**
 * Imports @aether/shared/db (or another workspace entry, such as the
 * development-only @aether/testing/schema-engine), with a useful message when
 * it has not been built yet.
 */
export async function loadDb(specifier = '@aether/shared/db') {
  try {
    return await import(specifier);
  } catch (error) {
    if (error?.code === 'ERR_MODULE_NOT_FOUND' || error?.code === 'ERR_PACKAGE_PATH_NOT_EXPORTED') {
      fail(new Error(`${specifier} is not built: run \`npm run db:generate && npm run build\` first`, { cause: error }));
    }
    throw error;
  }
}

export function requireEnv(name, purpose) {
  const value = process.env[name];
  if (!value) fail(new Error(`${name} is not set: ${purpose}`));
  return value;
}

/** Prints the error with its chain of causes and exits; the causes carry the engine's own message. */
export function fail(error) {
  let current = error;
  let prefix = 'error:';
  while (current) {
    console.error(`${prefix} ${current instanceof Error ? current.message : String(current)}`);
    current = current instanceof Error ? current.cause : undefined;
    prefix = '  caused by:';
  }
  process.exit(1);
}

/** A logger when LOG_LEVEL asks for detail, otherwise undefined (quiet). */
export function debugLog(source) {
  return process.env.LOG_LEVEL === 'debug' || process.env.LOG_LEVEL === 'trace' ? (line) => console.error(`[${source}] ${line}`) : undefined;
}
