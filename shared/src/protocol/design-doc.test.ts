import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Channels, Keys } from './internal.js';

/**
 * docs/design.md is the one design contract every comment cites; these checks
 * keep it the only one, and keep its key and channel list in step with the code.
 */
const root = fileURLToPath(new URL('../../../', import.meta.url));
// Spelled in two parts so this file does not itself match the search.
const OUTSIDE_CONTRACT = ['DESIGN', 'md'].join('.');

/** Tracked and new (not ignored) files, as `git ls-files` sees the working tree; never node_modules or dist. */
function repositoryFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return out.split('\0').filter((path) => path && !/(^|\/)(node_modules|dist)\//.test(path));
}

const readDesign = () => readFile(new URL('../../../docs/design.md', import.meta.url), 'utf8');

/** A key or channel as the doc writes it: `zone:{zoneId}:input` for `(zoneId) => \`zone:${zoneId}:input\``. */
function documentedName(entry: string | ((id: string) => string)): string {
  if (typeof entry === 'string') return entry;
  // The builder's parameter name, whether it is compiled as an arrow or a function.
  const parameter = /^(?:function\s*\w*\s*)?\(?\s*(\w+)/.exec(entry.toString())?.[1] ?? 'id';
  return entry(`{${parameter}}`);
}

describe('docs/design.md', () => {
  it('is the only file that names the old outside design contract', async () => {
    const offenders: string[] = [];
    for (const path of repositoryFiles()) {
      if (path === 'docs/design.md') continue;
      let text: string;
      try {
        text = await readFile(`${root}${path}`, 'utf8');
      } catch {
        continue; // listed but deleted in the working tree
      }
      if (text.includes(OUTSIDE_CONTRACT)) offenders.push(path);
    }
    expect(offenders).toEqual([]);
  });

  it.each([...Object.entries(Keys), ...Object.entries(Channels)])('documents %s', async (_name, entry) => {
    const design = await readDesign();
    expect(design).toContain(`\`${documentedName(entry)}\``);
  });
});
