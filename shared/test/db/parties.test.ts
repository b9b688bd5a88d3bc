import { randomUUID } from 'node:crypto';
import { createDatabase, PrismaAccountRepository, PrismaCharacterRepository, PrismaPartyRepository, seedWorld, type Database } from '../../src/db/index.js';
import { createTestDatabase, type TestDatabase } from '@aether/testing';
import { testServerUrl } from './server-url.js';

describe('party membership in PostgreSQL (docs/design.md §4)', () => {
  let testDb: TestDatabase;
  let db: Database;
  let parties: PrismaPartyRepository;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    testDb = await createTestDatabase(testServerUrl());
    db = createDatabase(testDb.url, { poolSize: 2 });
    await seedWorld(db);
    parties = new PrismaPartyRepository(db.client);
    const account = await new PrismaAccountRepository(db.client).findOrCreateByUsername('party');
    const characters = new PrismaCharacterRepository(db.client);
    for (const name of ['Ann', 'Bob', 'Cid']) ids[name] = (await characters.create(account.id, { name, archetype: 'warrior' })).id;
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  const member = (name: string) => ({ characterId: ids[name]!, name });

  it('keeps members in joining order under their names, and replaces them on save', async () => {
    const id = randomUUID();
    await parties.save({ id, leaderId: ids.Ann!, memberIds: [ids.Ann!, ids.Bob!] });
    expect(await parties.findByMember(ids.Bob!)).toEqual({ id, leaderId: ids.Ann!, members: [member('Ann'), member('Bob')] });
    await parties.save({ id, leaderId: ids.Bob!, memberIds: [ids.Bob!, ids.Cid!] });
    expect(await parties.findByMember(ids.Ann!)).toBeNull();
    expect(await parties.findByMember(ids.Cid!)).toEqual({ id, leaderId: ids.Bob!, members: [member('Bob'), member('Cid')] });
    await parties.remove(id);
    expect(await parties.findByMember(ids.Bob!)).toBeNull();
    expect(await db.client.party.count()).toBe(0);
  });

  it('moves a member listed in another party, and drops a party left empty', async () => {
    const first = randomUUID();
    const second = randomUUID();
    await parties.save({ id: first, leaderId: ids.Ann!, memberIds: [ids.Ann!] });
    await parties.save({ id: second, leaderId: ids.Bob!, memberIds: [ids.Bob!, ids.Ann!] });
    expect((await parties.findByMember(ids.Ann!))?.id).toBe(second);
    expect(await db.client.party.findUnique({ where: { id: first } })).toBeNull();
    await parties.remove(second);
  });

  it('answers no party for a malformed id, and forgets parties with their characters', async () => {
    expect(await parties.findByMember('not-a-uuid')).toBeNull();
    await parties.remove('not-a-uuid');
    const id = randomUUID();
    await parties.save({ id, leaderId: ids.Cid!, memberIds: [ids.Cid!, ids.Bob!] });
    await db.client.character.delete({ where: { id: ids.Cid! } });
    expect(await parties.findByMember(ids.Bob!)).toBeNull();
  });
});
