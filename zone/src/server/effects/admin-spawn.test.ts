import type { ClientMessage, MessageBus } from '@aether/shared';
import type { AccountStanding, AuditLogRepository, ModerationRepository, SpeciesRecord } from '@aether/shared/db';
import { createLogger } from '@aether/shared/observability';
import { defaultCommands, executeCommand } from '../../commands/execute.js';
import { DEFAULT_RULES } from '../../rules/rules.js';
import { player, testZone } from '../../world/fixtures.test-helpers.js';
import { emptyWorld, type Entity } from '../../world/types.js';
import { testSpecies } from '../../wildlife/wildlife.test-helpers.js';
import { AdminActions, type CreatureSpawner } from './admin-actions.js';

/** /spawn: the command in the tick (admins only) and the host carrying it out (role checked again, audited, spawned). */
describe('/spawn', () => {
  const context = { rules: DEFAULT_RULES, commands: defaultCommands(), random: () => 0.5, now: () => 0 };
  const admin: Entity = (() => {
    const entity = player('Root', 120, 80);
    return { ...entity, player: { ...entity.player!, admin: true as const, accountId: 'acc-root' } };
  })();
  const world = { ...emptyWorld(testZone), entities: new Map([admin, player('Pleb', 125, 80)].map((e) => [e.id, e])) };
  const run = (actorId: string, text: string) => executeCommand(world, world.entities.get(actorId)!, text, context);

  it.each([
    ['/spawn wolf', { species: 'wolf', level: undefined }],
    ['/spawn Grey Wolf 3', { species: 'grey wolf', level: 3 }],
  ])('%j from an admin becomes an admin effect at the admin’s position', (text, expected) => {
    expect(run('c:Root', text).effects).toEqual([
      {
        kind: 'admin',
        actor: { entityId: 'c:Root', characterId: 'Root', accountId: 'acc-root', name: 'Root' },
        action: { type: 'admin', action: 'spawn', ...expected },
        at: { zoneId: 'zone-test', x: 120, y: 80 },
      },
    ]);
  });

  it('is refused to a player without the admin role', () => {
    const result = run('c:Pleb', '/spawn wolf');
    expect(result.outgoing).toEqual([{ to: 'c:Pleb', event: 'error', data: { code: 'forbidden', message: 'Only administrators can use /spawn.' } }]);
    expect(result.effects).toBeUndefined();
  });

  it.each([
    ['/spawn', 'Species is missing'],
    ['/spawn wolf 0', 'Levels start at 1'],
    ['/spawn wolf 99', 'At most level 60'],
  ])('%j is refused with the usage', (text, message) => {
    expect(run('c:Root', text).outgoing[0]).toMatchObject({ event: 'error', data: { code: 'invalid_command', message: expect.stringContaining(message) } });
  });

  describe('carried out by the host', () => {
    const standing = (role: string): AccountStanding => ({
      accountId: 'acc-root',
      username: 'root',
      characterId: 'Root',
      characterName: 'Root',
      role,
      mutedUntil: null,
      bannedUntil: null,
    });
    function host(role = 'admin', simulated = true) {
      const audited: unknown[] = [];
      const told: ClientMessage[] = [];
      const spawned: Array<{ species: string; level: number; at: unknown }> = [];
      const species: SpeciesRecord[] = [testSpecies(), testSpecies({ id: 'boar', name: 'Wild Boar' })];
      const spawner: CreatureSpawner = {
        species: () => species,
        spawn: (kind, level, at) => {
          spawned.push({ species: kind.id, level, at });
          return simulated;
        },
      };
      const actions = new AdminActions({
        bus: {} as MessageBus,
        locate: async () => null,
        deliver: async (messages) => told.push(...messages),
        moderation: { standingOfCharacter: async () => standing(role) } as unknown as ModerationRepository,
        audit: { record: async (entry: unknown) => void audited.push(entry) } as unknown as AuditLogRepository,
        zones: async () => [],
        now: () => 0,
        logger: createLogger({ level: 'silent', base: {} }),
        spawner,
      });
      const spawn = (species: string, level?: number) =>
        actions.handle({
          kind: 'admin',
          actor: { entityId: 'c:Root', characterId: 'Root', name: 'Root' },
          action: { type: 'admin', action: 'spawn', species, level },
          at: { zoneId: 'zone-test', x: 120, y: 80 },
        });
      const lines = () => told.map((m) => (m.event === 'event' ? m.data.text : m.event === 'error' ? `! ${m.data.code}: ${m.data.message}` : m.event));
      return { spawn, audited, spawned, lines };
    }

    it('spawns the species named by id or name at the admin’s position, audited first', async () => {
      const root = host();
      await root.spawn('wild-boar', 4);
      await root.spawn('wolf');
      expect(root.spawned).toEqual([
        { species: 'boar', level: 4, at: { zoneId: 'zone-test', x: 120, y: 80 } },
        { species: 'wolf', level: 1, at: { zoneId: 'zone-test', x: 120, y: 80 } },
      ]);
      expect(root.audited).toEqual([
        {
          actorId: 'acc-root',
          actorName: 'root',
          action: 'spawn',
          target: 'Wild Boar',
          details: { as: 'Root', speciesId: 'boar', level: 4, zoneId: 'zone-test', x: 120, y: 80 },
        },
        {
          actorId: 'acc-root',
          actorName: 'root',
          action: 'spawn',
          target: 'Grey wolf',
          details: { as: 'Root', speciesId: 'wolf', level: 1, zoneId: 'zone-test', x: 120, y: 80 },
        },
      ]);
      expect(root.lines()).toEqual(['You spawn a level 4 Wild Boar at (120, 80).', 'You spawn a level 1 Grey wolf at (120, 80).']);
    });

    it('refuses an unknown species, naming the known ones', async () => {
      const root = host();
      await root.spawn('dragon');
      expect(root.lines()).toEqual(['! not_found: There is no species dragon. Species: wolf, boar.']);
      expect(root.spawned).toEqual([]);
      expect(root.audited).toEqual([]);
    });

    it('refuses an account whose admin role was revoked since it joined', async () => {
      const revoked = host('player');
      await revoked.spawn('wolf');
      expect(revoked.lines()).toEqual(['! forbidden: Only administrators can use /spawn.']);
      expect(revoked.spawned).toEqual([]);
    });
  });
});
