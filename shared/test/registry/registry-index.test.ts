import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { type RedisServer, startRedisServer } from '@aether/testing';
import { RedisBus } from '../../src/bus/redis/index.js';
import { Keys } from '../../src/protocol/internal.js';
import { Registry } from '../../src/registry/registry.js';

const beat = { type: 'zone' as const, zones: ['a'], players: 1, tickP99Ms: 1, ts: 1 };
const record = (serverId: string) => ({ serverId, epoch: 1, assignedAt: 1 });

/** The registry's index hashes on a real Redis: listings cost one HGETALL and a GET per record, never a SCAN. */
describe('Registry listings on Redis', () => {
  let server: RedisServer;
  let admin: Redis;
  let bus: RedisBus;
  const calls = async (command: string) => {
    const stats = await admin.info('commandstats');
    return Number(new RegExp(`^cmdstat_${command}:calls=(\\d+)`, 'm').exec(stats)?.[1] ?? 0);
  };

  beforeAll(async () => {
    server = await startRedisServer();
    admin = new Redis(server.url);
    bus = new RedisBus({ source: 'registry-test', url: server.url });
  });
  afterAll(async () => {
    await bus.close();
    await admin.quit();
    await server.stop();
  });
  beforeEach(async () => {
    await admin.flushall();
    await admin.config('RESETSTAT');
  });

  it('lists assignments and heartbeats without scanning, however many other keys there are', async () => {
    const registry = new Registry(bus);
    await registry.setAssignment('a', record('s1'));
    await registry.setAssignment('b', record('s2'));
    await registry.heartbeat('s1', beat);
    const pipeline = admin.pipeline();
    for (let i = 0; i < 20_000; i++) pipeline.set(`unrelated:${i}`, 'x');
    await pipeline.exec();
    await admin.config('RESETSTAT');
    for (let i = 0; i < 10; i++) {
      expect([...(await registry.listAssignments()).keys()]).toEqual(['a', 'b']);
      expect([...(await registry.listHeartbeats()).keys()]).toEqual(['s1']);
    }
    expect(await calls('scan')).toBe(0);
    expect(await calls('hgetall')).toBe(20);
    // One GET per record listed: 2 assignments + 1 heartbeat, ten times.
    expect(await calls('get')).toBe(30);
  });

  it('drops an expired heartbeat from the listing and its entry from the index', async () => {
    const registry = new Registry(bus);
    await registry.heartbeat('s1', beat);
    await registry.heartbeat('s2', beat);
    await admin.pexpire(Keys.serverHeartbeat('s1'), 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect([...(await registry.listHeartbeats()).keys()]).toEqual(['s2']);
    expect(Object.keys(await admin.hgetall(Keys.serverHeartbeatIndex))).toEqual(['s2']);
  });

  it('indexes the records of a version without indexes with one scan, then never scans again', async () => {
    await admin.set(Keys.zoneAssignment('old'), JSON.stringify(record('s1')));
    const registry = new Registry(bus);
    expect([...(await registry.listAssignments()).keys()]).toEqual(['old']);
    expect(Object.keys(await admin.hgetall(Keys.zoneAssignmentIndex))).toEqual(['old']);
    const scans = await calls('scan');
    expect(scans).toBeGreaterThan(0);
    await registry.listAssignments();
    await new Registry(bus).listAssignments();
    expect(await calls('scan')).toBe(scans);
  });
});
