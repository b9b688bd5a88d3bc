import { player, testZone } from '../world/fixtures.test-helpers.js';
import { DEFAULT_RULES } from '../rules/rules.js';
import { step } from '../simulation/step.js';
import { emptyWorld, type Entity, type World } from '../world/types.js';
import { defaultCommands, executeCommand } from './execute.js';

/** Admin commands in the tick: who may run them, what they parse into, and the effect the host carries out. */
const registry = defaultCommands();
const context = { rules: DEFAULT_RULES, commands: registry, random: () => 0.5, now: () => 0 };
const admin = (name: string): Entity => {
  const entity = player(name, 100, 100);
  return { ...entity, player: { ...entity.player!, admin: true, accountId: 'acc-root' } };
};
function worldWith(...entities: Entity[]): World {
  return { ...emptyWorld(testZone), entities: new Map(entities.map((e) => [e.id, e])) };
}
const world = worldWith(admin('Root'), player('Pleb', 105, 100));
const run = (actorId: string, text: string) => executeCommand(world, world.entities.get(actorId)!, text, context);
const HOUR = 3_600_000;

describe('admin commands', () => {
  it.each([
    '/kick Pleb',
    '/mute Pleb 10',
    '/unmute Pleb',
    '/ban Pleb perm',
    '/unban Pleb',
    '/announce hello',
    '/teleport me city',
    '/tp Pleb city 1 2',
    '/kick',
  ])('%s from a player without the admin role: forbidden, before the arguments are even read', (text) => {
    const result = run('c:Pleb', text);
    expect(result.outgoing).toEqual([
      { to: 'c:Pleb', event: 'error', data: { code: 'forbidden', message: expect.stringMatching(/^Only administrators can use \/\w+\.$/) } },
    ]);
    expect(result.effects).toBeUndefined();
  });

  it.each([
    ['/kick Pleb', { action: 'kick', name: 'Pleb', reason: undefined }],
    ['/kick Pleb spamming the square', { action: 'kick', name: 'Pleb', reason: 'spamming the square' }],
    ['/mute Pleb 30 rude', { action: 'mute', name: 'Pleb', minutes: 30, reason: 'rude' }],
    ['/unmute Pleb', { action: 'unmute', name: 'Pleb' }],
    ['/ban Pleb 2h cheating', { action: 'ban', name: 'Pleb', durationMs: 2 * HOUR, reason: 'cheating' }],
    ['/ban Pleb 30m', { action: 'ban', name: 'Pleb', durationMs: 30 * 60_000, reason: undefined }],
    ['/ban Pleb 3D', { action: 'ban', name: 'Pleb', durationMs: 72 * HOUR, reason: undefined }],
    ['/ban Pleb 1w', { action: 'ban', name: 'Pleb', durationMs: 168 * HOUR, reason: undefined }],
    ['/ban Pleb perm bot', { action: 'ban', name: 'Pleb', durationMs: null, reason: 'bot' }],
    ['/ban Pleb permanent', { action: 'ban', name: 'Pleb', durationMs: null, reason: undefined }],
    ['/unban Pleb', { action: 'unban', name: 'Pleb' }],
    ['/announce Restart in 5 minutes\u202E!', { action: 'announce', text: 'Restart in 5 minutes!' }],
    ['/teleport me city', { action: 'teleport', who: { kind: 'me' }, zone: 'city', x: undefined, y: undefined }],
    ['/teleport ME zone-city 250 100', { action: 'teleport', who: { kind: 'me' }, zone: 'zone-city', x: 250, y: 100 }],
    ['/tp Pleb Zone-Forest -50.5,20', { action: 'teleport', who: { kind: 'name', name: 'Pleb' }, zone: 'zone-forest', x: -50.5, y: 20 }],
    ['/kick Pleb why\nnot', { action: 'kick', name: 'Pleb', reason: 'why not' }],
  ])('%j from an admin becomes an admin effect', (text, action) => {
    const result = run('c:Root', text);
    expect(result.outgoing).toEqual([]);
    expect(result.effects).toEqual([
      { kind: 'admin', actor: { entityId: 'c:Root', characterId: 'Root', accountId: 'acc-root', name: 'Root' }, action: { type: 'admin', ...action } },
    ]);
  });

  it.each([
    ['/kick', 'Name is missing'],
    ['/kick no', 'A name is 3 to 16 letters'],
    ['/mute Pleb', 'Minutes is missing'],
    ['/mute Pleb soon', 'Minutes must be a whole number'],
    ['/mute Pleb 0', 'at least 1 minute'],
    ['/mute Pleb 600000', 'at most a year'],
    ['/ban Pleb', 'Duration is missing'],
    ['/ban Pleb 2y', 'A duration is a number with m, h, d or w'],
    ['/ban Pleb 0m', 'at least a minute'],
    ['/ban Pleb 99999d', 'use perm for longer'],
    [`/kick Pleb ${'x'.repeat(201)}`, 'A reason is at most 200 characters'],
    ['/announce', 'Message is missing'],
    ['/teleport me', 'Zone is missing'],
    ['/teleport me city 10', 'Give both x and y'],
    ['/teleport me city x y', 'X must be a number of metres'],
    ['/teleport me ../etc', 'A zone id is lowercase letters'],
  ])('%j is refused with the usage', (text, message) => {
    const result = run('c:Root', text);
    expect(result.outgoing).toEqual([{ to: 'c:Root', event: 'error', data: { code: 'invalid_command', message: expect.stringContaining(message) } }]);
    expect(result.outgoing[0]!.event === 'error' && result.outgoing[0]!.data.message).toMatch(/Usage: \//);
    expect(result.effects).toBeUndefined();
  });

  it('admins are not held to the chat rate for announcements', () => {
    let current = world;
    for (let i = 0; i < 20; i += 1) {
      const result = executeCommand(current, current.entities.get('c:Root')!, `/announce number ${i}`, context);
      expect(result.effects?.[0]).toMatchObject({ kind: 'admin' });
      current = result.world ?? current;
    }
  });
});

describe('inputs admin actions feed the tick', () => {
  const tick = (inputs: Parameters<typeof step>[1], from = world) => step(from, inputs, 0.05, context);

  it('teleport moves the player within the zone (clamped to its bounds), stops it, and resends the world', () => {
    const walking = worldWith({ ...player('Pleb', 10, 10), intent: { kind: 'target', x: 50, y: 50 } });
    const { world: after, outgoing } = tick([{ kind: 'teleport', entityId: 'c:Pleb', x: 150, y: 999 }], walking);
    expect(after.entities.get('c:Pleb')).toMatchObject({ x: 150, y: 200, intent: { kind: 'idle' } });
    expect(outgoing.map((o) => o.event)).toEqual(['event', 'world_enter']);
    expect(outgoing[0]).toMatchObject({ to: 'c:Pleb', data: { type: 'movement', text: 'You are teleported to (150, 200).' } });
  });

  it.each([
    ['a mute', { mutedUntil: 5_000 }, { mutedUntil: 5_000 }],
    ['an unmute', { mutedUntil: null }, { mutedUntil: undefined }],
    ['made admin', { admin: true }, { admin: true }],
    ['no longer admin', { admin: false }, { admin: undefined }],
  ])('account standing changes: %s', (_, change, expected) => {
    const start = worldWith({ ...admin('Root'), player: { ...admin('Root').player!, mutedUntil: 1_000 } });
    const { world: after } = tick([{ kind: 'account', entityId: 'c:Root', ...change }], start);
    const profile = after.entities.get('c:Root')!.player!;
    for (const [key, value] of Object.entries(expected)) expect(profile[key as 'admin' | 'mutedUntil']).toBe(value);
  });
});
