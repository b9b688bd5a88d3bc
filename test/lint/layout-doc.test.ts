import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
// @ts-expect-error: a plain .mjs script without declarations
import { ARCHITECTURE_DOC, renderLayout, withLayout } from '../../scripts/docs/layout.mjs';

const require = createRequire(import.meta.url);
const { layers } = require('../../scripts/lint/layers.cjs') as { layers: Record<string, string[]> };

describe('the package layout', () => {
  it('is drawn in docs/architecture.md as the dependency rules have it (run `npm run docs:layout`)', async () => {
    const doc = await readFile(ARCHITECTURE_DOC, 'utf8');
    expect(withLayout(doc)).toBe(doc);
    expect(doc).toContain(renderLayout());
  });

  it.each(Object.entries(layers))("%s's package.json depends on exactly the workspaces it may import", async (name, allowed) => {
    const manifest = JSON.parse(await readFile(new URL(`../../${name}/package.json`, import.meta.url), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    const workspaces = Object.keys(manifest.dependencies ?? {})
      .filter((dependency) => dependency.startsWith('@aether/'))
      .map((dependency) => dependency.slice('@aether/'.length))
      .sort();
    expect(workspaces).toEqual([...allowed].sort());
  });

  it('refuses a document without the markers', () => {
    expect(() => withLayout('# Architecture\n')).toThrow(/layout markers/);
  });
});
