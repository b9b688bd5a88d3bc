import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lockfileContent, migrationDirectoryName, readMigrationList, writeMigration } from './migration-files.js';

describe('migrationDirectoryName', () => {
  it('prefixes a UTC timestamp and slugs the name', () => {
    expect(migrationDirectoryName(new Date(Date.UTC(2026, 0, 2, 3, 4, 5)), 'Add Items!')).toBe('20260102030405_add_items');
  });

  it('rejects a name with nothing usable in it', () => {
    expect(() => migrationDirectoryName(new Date(), '  ?? ')).toThrow(/no letters or digits/);
  });
});

describe('migration folder', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aether-migrations-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a missing folder as an empty history', async () => {
    const list = await readMigrationList(join(dir, 'absent'));
    expect(list.migrationDirectories).toEqual([]);
    expect(list.lockfile).toEqual({ path: 'migration_lock.toml', content: null });
  });

  it('lists migrations in name order and reports a missing script instead of skipping it', async () => {
    await writeMigration(dir, '20260102000000_second', 'SELECT 2;\n', 'postgresql');
    await writeMigration(dir, '20260101000000_first', 'SELECT 1;\n', 'postgresql');
    await mkdir(join(dir, '20260103000000_broken'));
    await writeFile(join(dir, 'README'), 'not a migration');

    const list = await readMigrationList(dir);

    expect(list.lockfile.content).toBe(lockfileContent('postgresql'));
    expect(list.migrationDirectories.map((m) => m.path)).toEqual(['20260101000000_first', '20260102000000_second', '20260103000000_broken']);
    expect(list.migrationDirectories[0]?.migrationFile.content).toEqual({ tag: 'ok', value: 'SELECT 1;\n' });
    expect(list.migrationDirectories[2]?.migrationFile.content.tag).toBe('error');
  });

  it('never overwrites an existing migration', async () => {
    await writeMigration(dir, '20260101000000_first', 'SELECT 1;\n', 'postgresql');
    await expect(writeMigration(dir, '20260101000000_first', 'DROP TABLE x;\n', 'postgresql')).rejects.toThrow(/could not create the migration folder/);
    expect(await readFile(join(dir, '20260101000000_first', 'migration.sql'), 'utf8')).toBe('SELECT 1;\n');
  });
});
