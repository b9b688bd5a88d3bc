import { checksumMatches, migrationChecksum, MigrationHistoryError, planMigrations, type MigrationHistoryRow } from './migration-plan.js';

const files = [
  { name: '20250101000000_init', script: 'CREATE TABLE a (id int);\n' },
  { name: '20250102000000_more', script: 'CREATE TABLE b (id int);\n' },
];
const done = (name: string, script: string, extra: Partial<MigrationHistoryRow> = {}): MigrationHistoryRow => ({
  migration_name: name,
  checksum: migrationChecksum(script),
  finished_at: new Date(0),
  rolled_back_at: null,
  ...extra,
});

function refusal(history: MigrationHistoryRow[]): MigrationHistoryError {
  try {
    planMigrations(files, history);
  } catch (error) {
    if (error instanceof MigrationHistoryError) return error;
    throw error;
  }
  throw new Error('planMigrations did not refuse');
}

describe('migrationChecksum', () => {
  it('is the hex SHA-256 of the script, as Prisma records it', () => {
    expect(migrationChecksum('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('matches a script whose line endings alone were converted either way', () => {
    expect(checksumMatches('a;\r\nb;\r\n', migrationChecksum('a;\nb;\n'))).toBe(true);
    expect(checksumMatches('a;\nb;\n', migrationChecksum('a;\r\nb;\r\n'))).toBe(true);
    expect(checksumMatches('a;\nc;\n', migrationChecksum('a;\nb;\n'))).toBe(false);
  });
});

describe('planMigrations', () => {
  it('returns every migration, in order, for an empty history, and none when all are finished', () => {
    expect(planMigrations(files, []).map((file) => file.name)).toEqual(['20250101000000_init', '20250102000000_more']);
    expect(
      planMigrations(
        files,
        files.map((file) => done(file.name, file.script)),
      ),
    ).toEqual([]);
  });

  it('returns what is still pending, also when it sorts before an applied one', () => {
    expect(planMigrations(files, [done('20250102000000_more', 'CREATE TABLE b (id int);\n')])).toEqual([files[0]]);
  });

  it('refuses a changed migration, naming it', () => {
    const error = refusal([done('20250101000000_init', 'CREATE TABLE a (id bigint);\n')]);
    expect(error.migrationName).toBe('20250101000000_init');
    expect(error.message).toMatch(/20250101000000_init was changed after it was applied/);
  });

  it('refuses a finished migration the files do not know, naming it', () => {
    const error = refusal([done('20250103000000_newer', 'x')]);
    expect(error.migrationName).toBe('20250103000000_newer');
    expect(error.message).toMatch(/no such migration folder/);
  });

  it('refuses while a failed migration is unresolved, and re-applies it once marked rolled back', () => {
    const failed = done('20250102000000_more', 'CREATE TABLE b (id int);\n', { finished_at: null });
    expect(refusal([failed]).message).toMatch(/20250102000000_more failed or was interrupted/);
    const resolved = { ...failed, rolled_back_at: new Date(0) };
    expect(planMigrations(files, [done(files[0]!.name, files[0]!.script), resolved])).toEqual([files[1]]);
  });
});
