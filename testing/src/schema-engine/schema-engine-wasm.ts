import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';

type SchemaEngineClass = typeof SchemaEngine;

type WasmExports = Record<string, unknown>;

/** The wasm-bindgen glue: the class plus the hook its own entry module would call. */
interface SchemaEngineGlue {
  SchemaEngine: SchemaEngineClass;
  __wbg_set_wasm(exports: WasmExports): void;
}

// Our lib setting (es2023, no DOM) has no WebAssembly typings; this is the one call we make.
interface WebAssemblyApi {
  instantiate(bytes: Uint8Array, imports: Record<string, Record<string, unknown>>): Promise<{ instance: { exports: WasmExports } }>;
}
const { WebAssembly } = globalThis as unknown as { WebAssembly: WebAssemblyApi };

const GLUE_SPECIFIER = '@prisma/schema-engine-wasm/schema_engine_bg';

// The package's entry does `import * as wasm from "./x.wasm"`, which Node 20
// only allows behind --experimental-wasm-modules. Instantiating the module
// here instead needs no flag and behaves the same on Node 20 and 24.
//
// Memoised on purpose: the glue keeps the instance in a module variable, so a
// second instantiation would pull memory out from under live engines.
let loading: Promise<SchemaEngineClass> | undefined;

export function loadSchemaEngine(): Promise<SchemaEngineClass> {
  loading ??= instantiate().catch((error: unknown) => {
    loading = undefined;
    throw new Error('could not load the Prisma schema engine (WebAssembly)', { cause: error });
  });
  return loading;
}

async function instantiate(): Promise<SchemaEngineClass> {
  const gluePath = createRequire(import.meta.url).resolve(GLUE_SPECIFIER);
  const glue = (await import(GLUE_SPECIFIER)) as unknown as SchemaEngineGlue;
  const bytes = await readFile(join(dirname(gluePath), 'schema_engine_bg.wasm'));
  const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': withUnrefTimers(glue) });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return glue.SchemaEngine;
}

/**
 * The engine arms timers it never clears (a 10 s advisory-lock timeout on
 * every run), which would keep a finished script alive for 10 s. Unref'd they
 * still fire while the engine's connections keep the process busy.
 */
function withUnrefTimers(glue: SchemaEngineGlue): Record<string, unknown> {
  const imports: Record<string, unknown> = { ...glue };
  for (const [name, value] of Object.entries(imports)) {
    if (name.startsWith('__wbg_setTimeout_') && typeof value === 'function') {
      imports[name] = (...args: unknown[]) => {
        const timer = (value as (...a: unknown[]) => unknown)(...args);
        (timer as { unref?: () => void } | undefined)?.unref?.();
        return timer;
      };
    }
  }
  return imports;
}
