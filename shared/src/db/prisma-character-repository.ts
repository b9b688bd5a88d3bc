import { parseLootWindow } from './loot-window.js';
import type { CharacterRepository, EpochFence, NewCharacter, PositionSave } from './character-repository.js';
import { characterNameKey } from './character-name.js';
import { isForeignKeyViolation, isUniqueViolation, NameTakenError, NotFoundError, StaleEpochError } from './errors.js';
import type { PrismaClient } from './generated/client.js';
import type { Character } from './generated/client.js';
import type { CharacterRecord } from './records.js';
import { STARTING_ZONE_ID } from './seed-world.js';

export interface PrismaCharacterRepositoryOptions {
  /** Where characters are created when NewCharacter has no zoneId. */
  startingZoneId?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class PrismaCharacterRepository implements CharacterRepository {
  private readonly startingZoneId: string;

  constructor(
    private readonly client: PrismaClient,
    options: PrismaCharacterRepositoryOptions = {},
  ) {
    this.startingZoneId = options.startingZoneId ?? STARTING_ZONE_ID;
  }

  async listByAccount(accountId: string): Promise<CharacterRecord[]> {
    if (!UUID.test(accountId)) return [];
    const rows = await this.client.character.findMany({ where: { accountId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    return rows.map(toRecord);
  }

  async create(accountId: string, character: NewCharacter): Promise<CharacterRecord> {
    const zoneId = character.zoneId ?? this.startingZoneId;
    const zone = await this.client.zone.findUnique({ where: { id: zoneId } });
    if (!zone) throw new NotFoundError('zone', zoneId);
    const position = character.position ?? { x: zone.spawnX, y: zone.spawnY };
    try {
      const row = await this.client.character.create({
        data: {
          accountId,
          name: character.name,
          nameKey: characterNameKey(character.name),
          archetype: character.archetype,
          zoneId,
          x: position.x,
          y: position.y,
          z: position.z ?? 0,
          heading: position.heading ?? 0,
          ...character.stats,
          ...character.resources,
        },
      });
      return toRecord(row);
    } catch (error) {
      if (isUniqueViolation(error)) throw new NameTakenError(character.name, { cause: error });
      if (isForeignKeyViolation(error)) throw new NotFoundError('account', accountId, { cause: error });
      throw new Error(`could not create character "${character.name}"`, { cause: error });
    }
  }

  async findById(id: string): Promise<CharacterRecord | null> {
    // A malformed id would be a PostgreSQL cast error; for a lookup it simply matches nothing.
    if (!UUID.test(id)) return null;
    const row = await this.client.character.findUnique({ where: { id } });
    return row ? toRecord(row) : null;
  }

  async findByName(name: string): Promise<CharacterRecord | null> {
    const row = await this.client.character.findUnique({ where: { nameKey: characterNameKey(name) } });
    return row ? toRecord(row) : null;
  }

  async savePositions(batch: readonly PositionSave[], fence?: EpochFence): Promise<number> {
    // Last entry wins for a repeated id, as it would with sequential updates.
    const latest = [...new Map(batch.map((save) => [save.id, save])).values()].filter((save) => UUID.test(save.id));
    if (latest.length === 0) return 0;
    for (const save of latest) assertFinite(save);
    const column = <K extends keyof PositionSave>(key: K) => latest.map((save) => save[key]);
    const whole = (key: 'hp' | 'stamina' | 'mana') => latest.map((save) => Math.round(save[key]));
    // The fence row is read FOR SHARE: a new owner's raiseOwnerEpoch waits for
    // this write to commit, and once it has raised the epoch no older write passes.
    const fenceZone = fence?.zoneId ?? null;
    const fenceEpoch = fence ? BigInt(fence.epoch) : null;
    try {
      const updated = await this.client.$executeRaw`
        WITH fence AS (
          SELECT 1 FROM "zone" WHERE id = ${fenceZone}::text AND owner_epoch = ${fenceEpoch}::bigint FOR SHARE
        )
        UPDATE "character" AS c
        SET zone_id = v.zone_id, x = v.x, y = v.y, z = v.z, heading = v.heading,
            hp = v.hp, stamina = v.stamina, mana = v.mana, updated_at = now()
        FROM unnest(
          ${column('id')}::uuid[], ${column('zoneId')}::text[],
          ${column('x')}::float8[], ${column('y')}::float8[], ${column('z')}::float8[], ${column('heading')}::float8[],
          ${whole('hp')}::int[], ${whole('stamina')}::int[], ${whole('mana')}::int[]
        ) AS v(id, zone_id, x, y, z, heading, hp, stamina, mana)
        WHERE c.id = v.id AND (${fenceZone}::text IS NULL OR EXISTS (SELECT 1 FROM fence))`;
      if (updated === 0 && fence) await this.assertFence(fence);
      return updated;
    } catch (error) {
      if (error instanceof StaleEpochError) throw error;
      throw new Error(`could not save positions of ${latest.length} characters`, { cause: error });
    }
  }

  private async assertFence(fence: EpochFence): Promise<void> {
    const zone = await this.client.zone.findUnique({ where: { id: fence.zoneId }, select: { ownerEpoch: true } });
    const current = zone ? Number(zone.ownerEpoch) : -1;
    if (current !== fence.epoch) throw new StaleEpochError(fence.zoneId, fence.epoch, current);
  }
}

function assertFinite(save: PositionSave): void {
  for (const key of ['x', 'y', 'z', 'heading', 'hp', 'stamina', 'mana'] as const) {
    if (!Number.isFinite(save[key])) throw new Error(`character ${save.id}: ${key} is ${save[key]}, not a finite number`);
  }
}

function toRecord(row: Character): CharacterRecord {
  return {
    id: row.id,
    accountId: row.accountId,
    name: row.name,
    archetype: row.archetype,
    level: row.level,
    xp: row.xp,
    zoneId: row.zoneId,
    x: row.x,
    y: row.y,
    z: row.z,
    heading: row.heading,
    hp: row.hp,
    maxHp: row.maxHp,
    stamina: row.stamina,
    maxStamina: row.maxStamina,
    mana: row.mana,
    maxMana: row.maxMana,
    strength: row.strength,
    agility: row.agility,
    intellect: row.intellect,
    speed: row.speed,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    lastSavedEpoch: row.lastSavedEpoch,
    coins: row.coins,
    lootWindow: parseLootWindow(row.lootWindow),
  };
}
