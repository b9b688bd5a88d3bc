import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const src = fileURLToPath(new URL('.', import.meta.url));

async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? sources(join(dir, e.name)) : Promise.resolve([join(dir, e.name)]))));
  return nested.flat().filter((file) => file.endsWith('.ts'));
}

describe('operator layering', () => {
  it('only operator/src/k8s/ imports @kubernetes/client-node', async () => {
    const offenders: string[] = [];
    for (const file of await sources(src)) {
      const path = relative(src, file);
      if (path.startsWith('k8s/')) continue;
      if (/from '@kubernetes\/client-node'/.test(await readFile(file, 'utf8'))) offenders.push(path);
    }
    expect(offenders).toEqual([]);
  });

  it('the reconcile core does no I/O: no client library, no Redis, no timers, no clock', async () => {
    for (const file of await sources(join(src, 'reconcile'))) {
      const text = await readFile(file, 'utf8');
      if (file.endsWith('.test.ts') || file.endsWith('.test-helpers.ts')) continue;
      expect([relative(src, file), /ioredis|@aether\/shared\/bus|setTimeout|setInterval|Date\.now\(\)|from 'node:(fs|net|http)/.test(text)]).toEqual([
        relative(src, file),
        false,
      ]);
    }
  });
});
