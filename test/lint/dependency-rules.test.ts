import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';

// The dependency rules (.dependency-cruiser.cjs and scripts/lint/) run on two small
// trees laid out like the repository: fixtures/clean passes, and fixtures/wrong is
// the same tree with deliberately wrong imports, each of which must be reported.
const here = dirname(fileURLToPath(import.meta.url));
const script = join(here, '../../scripts/lint/dependencies.mjs');

type Report = {
  violations: Array<{ rule: string; from: string; to: string }>;
  cycles: Array<{ kind: 'package' | 'folder'; members: string[]; imports: string[] }>;
};

function lint(fixture: string): Promise<{ code: number; report: Report }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [script, '--json'], { cwd: join(here, 'fixtures', fixture) }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') return reject(new Error(`dependency rules did not run: ${stderr}`, { cause: error }));
      try {
        resolve({ code: error ? Number(error.code) : 0, report: JSON.parse(stdout) as Report });
      } catch (cause) {
        reject(new Error(`dependency rules printed no report: ${stdout}${stderr}`, { cause }));
      }
    });
  });
}

describe('dependency rules', () => {
  it('pass a tree that keeps them, workspace imports resolved to src/', async () => {
    const { code, report } = await lint('clean');
    expect(report).toEqual({ violations: [], cycles: [] });
    expect(code).toBe(0);
  }, 60_000);

  it('report each deliberately wrong import and fail', async () => {
    const { code, report } = await lint('wrong');
    expect(code).toBe(1);
    expect(report.violations).toEqual(
      expect.arrayContaining([
        { rule: 'layer-shared', from: 'shared/src/index.ts', to: 'zone/src/index.ts' },
        { rule: 'no-test-code-in-production', from: 'zone/src/combat/damage.ts', to: 'zone/src/combat/damage.test-helpers.ts' },
        { rule: 'no-test-code-in-production', from: 'zone/src/combat/damage.ts', to: 'testing/src/index.ts' },
        { rule: 'world-is-the-core', from: 'zone/src/world/types.ts', to: 'zone/src/combat/damage.ts' },
      ]),
    );
    // dependency-cruiser reports each module cycle once, from whichever of its imports it met first.
    expect(report.violations.map((violation) => violation.rule)).toContain('no-circular');
    // The test's own imports of test code are fine.
    expect(report.violations.filter((violation) => violation.from.endsWith('.test.ts'))).toEqual([]);
    expect(report.cycles).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'package', members: expect.arrayContaining(['shared', 'zone']) }),
        expect.objectContaining({ kind: 'folder', members: expect.arrayContaining(['zone/src/combat', 'zone/src/world']) }),
      ]),
    );
  }, 60_000);
});
