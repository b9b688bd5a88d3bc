import { createLogger } from '@aether/shared/observability';
import { Registry } from 'prom-client';
import { defaultCommands } from '../commands/execute.js';
import { DEFAULT_RULES } from '../rules/rules.js';
import { ZoneMetrics } from './metrics.js';
import type { CharacterRecord, CharacterStore } from './ports.js';
import { ZoneHost, type ZoneHostOptions } from './zone-host.js';

export const silentLogger = createLogger({ level: 'silent', base: {} });

/** A level-1 warrior's stored record, at full health, stamina and mana in the middle of the west zone unless `overrides` say otherwise. */
export function characterRecord(id: string, overrides: Partial<CharacterRecord> = {}): CharacterRecord {
  const full = { hp: 100, maxHp: 100, stamina: 50, maxStamina: 50, mana: 20, maxMana: 20 };
  return { id, name: id, level: 1, archetype: 'warrior', zoneId: 'zone-west', x: 100, y: 100, z: 0, heading: 0, ...full, ...overrides };
}

/** A character store that loads from `record` and keeps nothing it is asked to save. */
export function recordStore(record: (id: string) => CharacterRecord | null): CharacterStore {
  return { load: async (id) => record(id), savePositions: async () => {} };
}

/** A zone host as the tests run it (server s1, default rules and commands, 50 Hz, no checkpoint within a test); `options` fill in or override the rest. */
export function testZoneHost(options: Pick<ZoneHostOptions, 'bus' | 'characters'> & Partial<ZoneHostOptions>): ZoneHost {
  return new ZoneHost({
    serverId: 's1',
    rules: DEFAULT_RULES,
    commands: defaultCommands(),
    tickRate: 50,
    checkpointIntervalMs: 60_000,
    metrics: new ZoneMetrics(new Registry()),
    logger: silentLogger,
    ...options,
  });
}

export const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` every `everyMs` until it holds; fails naming `what` after `timeoutMs`. */
export async function until(check: () => boolean, what: string, { timeoutMs = 3000, everyMs = 5 } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await settle(everyMs);
  }
}
