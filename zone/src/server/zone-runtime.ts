import { liveGhosts } from '../borders/border-interest.js';
import { messagesByPlayer } from '../view/messages-by-player.js';
import { ZoneView } from '../view/zone-view.js';
import type { Effect } from '../world/effects.js';
import { step, type StepContext } from '../simulation/step.js';
import { emptyWorld, type Entity, type Input, type World, type ZoneDef } from '../world/types.js';
import type { CharacterRecord, PositionSnapshot } from './ports.js';
import { combatantForCharacter } from '../combat/loadout.js';
import { restoreCombat, snapshotCombat, withRefund, type CombatSnapshot, type TargetPresence } from '../combat/combat-snapshot.js';
import type { Combatant, CombatStats } from '../combat/combatant.js';
import { restoreLoot } from '../combat/items/loot-window.js';
import { ARCHETYPES } from '@aether/shared';
import { questLog } from '../quests/quest-log.js';

const PLAYER_PREFIX = 'c:';
export const playerEntityId = (characterId: string) => `${PLAYER_PREFIX}${characterId}`;
export const characterIdOf = (entityId: string) => entityId.slice(PLAYER_PREFIX.length);

/**
 * One zone's mutable shell around the pure `step`: queues inputs between
 * ticks, remembers which gateway and session each player is on and which
 * characters have moved since the last checkpoint.
 */
export class ZoneRuntime {
  private world: World;
  private inputs: Input[] = [];
  private readonly gateways = new Map<string, string>();
  /** Entity id → the session of its latest join (or crossing): only that session's leave takes it out. */
  private readonly sessions = new Map<string, string>();
  private readonly dirty = new Set<string>();
  private readonly view: ZoneView;
  /** The fencing epoch this process owns the zone at; undefined in embedded mode (a single owner). */
  epoch: number | undefined;

  constructor(
    readonly zone: ZoneDef,
    private readonly context: StepContext,
  ) {
    this.world = emptyWorld(zone);
    const { perceptionRange, motionTolerance, viewRangeEveryTicks } = context.rules;
    this.view = new ZoneView({ perceptionRange, motionTolerance, rangeEveryTicks: viewRangeEveryTicks });
  }

  get players(): number {
    return this.gateways.size;
  }

  get entityCount(): number {
    return this.world.entities.size;
  }

  hasEntity(entityId: string): boolean {
    return this.gateways.has(entityId);
  }

  gatewayIds(): Set<string> {
    return new Set(this.gateways.values());
  }

  /** Characters in this zone whose client is on `gatewayId`. */
  charactersOn(gatewayId: string): string[] {
    return [...this.gateways].filter(([, gateway]) => gateway === gatewayId).map(([id]) => characterIdOf(id));
  }

  /** The player's client moved to another gateway or session (or lost messages): point at it and send everything again. */
  rebind(characterId: string, gatewayId: string, sessionId: string): void {
    const id = playerEntityId(characterId);
    this.gateways.set(id, gatewayId);
    this.sessions.set(id, sessionId);
    this.inputs.push({ kind: 'resync', entityId: id });
  }

  /** The session the character is in here, if it is here. */
  sessionOf(characterId: string): string | undefined {
    return this.sessions.get(playerEntityId(characterId));
  }

  /** Every player here by gateway (character ids), for messages to all of them. */
  playersByGateway(): Map<string, string[]> {
    const byGateway = new Map<string, string[]>();
    for (const [id, gatewayId] of this.gateways) {
      const list = byGateway.get(gatewayId);
      if (list) list.push(characterIdOf(id));
      else byGateway.set(gatewayId, [characterIdOf(id)]);
    }
    return byGateway;
  }

  resync(characterId: string): void {
    const id = playerEntityId(characterId);
    if (this.gateways.has(id)) this.inputs.push({ kind: 'resync', entityId: id });
  }

  /** Drops the bookkeeping of a player the tick already handed to another zone; answers its gateway and session. */
  forget(characterId: string): { gatewayId: string; sessionId: string } | undefined {
    const id = playerEntityId(characterId);
    const gatewayId = this.gateways.get(id);
    const sessionId = this.sessions.get(id);
    this.gateways.delete(id);
    this.sessions.delete(id);
    this.dirty.delete(id);
    return gatewayId === undefined || sessionId === undefined ? undefined : { gatewayId, sessionId };
  }

  gatewayOf(entityId: string): string | undefined {
    return this.gateways.get(entityId);
  }

  /**
   * Puts the character in the world with the next tick. `combat` brings its
   * fight along (a crossing, a relog within the window), `elapsed` seconds
   * after it was taken; without it the fight starts fresh.
   */
  join(
    character: CharacterRecord,
    gatewayId: string,
    sessionId: string,
    intent?: Entity['intent'],
    combat?: { snapshot: CombatSnapshot; elapsed: number },
  ): void {
    const placed = intent ? { ...this.entityFor(character), intent } : this.entityFor(character);
    const entity = combat ? this.withCombat(placed, combat.snapshot, combat.elapsed) : placed;
    this.gateways.set(entity.id, gatewayId);
    this.sessions.set(entity.id, sessionId);
    this.inputs.push({ kind: 'join', entity });
  }

  /** The character's fight as it stands (before a leave), to keep for a relog or carry to another zone. */
  combatOf(characterId: string): CombatSnapshot | undefined {
    const state = this.world.entities.get(playerEntityId(characterId))?.combat?.state;
    // Between ticks the world's time is the next tick's: when the fighter would have been simulated next.
    return state ? snapshotCombat(state, this.world.time) : undefined;
  }

  /** Returns the last known snapshot so the caller can save it. */
  leave(characterId: string): PositionSnapshot | undefined {
    const id = playerEntityId(characterId);
    const snapshot = this.snapshotOf(id);
    this.gateways.delete(id);
    this.sessions.delete(id);
    this.dirty.delete(id);
    this.inputs.push({ kind: 'leave', entityId: id });
    return snapshot;
  }

  enqueue(input: Input): void {
    this.inputs.push(input);
  }

  /**
   * Runs one tick; `send` gets each player's frame (its view's changes and the
   * tick's messages for it). Answers the effects for the host to carry out.
   */
  tick(dt: number, send: (entityId: string, frame: Buffer) => void): { effects: Effect[] } {
    const inputs = this.inputs;
    this.inputs = [];
    const before = this.world;
    const { world, outgoing, effects } = step(before, inputs, dt, this.context);
    this.world = world;
    this.view.update(world, world.ghosts.size === 0 ? [] : liveGhosts(world), messagesByPlayer(outgoing), dt, send);
    for (const [id, entity] of world.entities) {
      const previous = before.entities.get(id);
      if (
        entity.player &&
        previous &&
        (previous.x !== entity.x || previous.y !== entity.y || previous.heading !== entity.heading || previous.player?.resources !== entity.player.resources)
      ) {
        this.dirty.add(id);
      }
    }
    return { effects };
  }

  /** Snapshots of every character that moved since the last call. */
  takeDirty(): PositionSnapshot[] {
    const snapshots: PositionSnapshot[] = [];
    for (const id of this.dirty) {
      const snapshot = this.snapshotOf(id);
      if (snapshot) snapshots.push(snapshot);
    }
    this.dirty.clear();
    return snapshots;
  }

  /** Puts snapshots back after a failed save so the next checkpoint retries them. */
  markDirty(snapshots: PositionSnapshot[]): void {
    for (const snapshot of snapshots) {
      const id = playerEntityId(snapshot.id);
      if (this.world.entities.has(id)) this.dirty.add(id);
    }
  }

  /** Everyone currently in the zone, for a final save on shutdown. */
  snapshotAll(): PositionSnapshot[] {
    return [...this.gateways.keys()].flatMap((id) => this.snapshotOf(id) ?? []);
  }

  private snapshotOf(entityId: string): PositionSnapshot | undefined {
    const entity = this.world.entities.get(entityId);
    if (!entity?.player) return undefined;
    const { resources } = entity.player;
    return {
      id: entity.player.characterId,
      zoneId: this.zone.id,
      x: entity.x,
      y: entity.y,
      z: entity.z,
      heading: entity.heading,
      hp: resources.hp,
      stamina: resources.stamina,
      mana: resources.mana,
    };
  }

  /** The fight restored at this zone's time; its target kept if it stands here (or is crossing with it) or is seen across a border. */
  private withCombat(entity: Entity, snapshot: CombatSnapshot, elapsed: number): Entity {
    if (!entity.combat || !entity.player) return entity;
    const target = (id: string): TargetPresence => {
      if (id === entity.id || this.world.entities.has(id)) return 'here';
      for (const report of this.world.ghosts.values()) if (report.entities.some((ghost) => ghost.id === id)) return 'ghost';
      return undefined;
    };
    // The loot window is not part of the fight: it came from the database with the bags it empties into.
    const { loot } = entity.combat.state;
    const state = { ...restoreCombat(snapshot, { now: this.world.time, elapsed, target }), ...(loot ? { loot } : {}) };
    const resources = withRefund(entity.player.resources, snapshot);
    return { ...entity, player: { ...entity.player, resources }, combat: { ...entity.combat, state } };
  }

  private entityFor(character: CharacterRecord): Entity {
    const { account } = character;
    return {
      id: playerEntityId(character.id),
      kind: 'player',
      name: character.name,
      x: character.x,
      y: character.y,
      z: character.z,
      heading: character.heading,
      maxSpeed: this.context.rules.playerSpeed,
      intent: { kind: 'idle' },
      player: {
        characterId: character.id,
        archetype: character.archetype,
        level: character.level,
        resources: {
          hp: character.hp,
          // Worn equipment raises the stored max (zone/src/items/equipment.ts).
          maxHp: character.maxHp + (character.loadout?.bonuses.maxHp ?? 0),
          stamina: character.stamina,
          maxStamina: character.maxStamina,
          mana: character.mana,
          maxMana: character.maxMana,
        },
        ...(account ? { accountId: account.id } : {}),
        ...(account?.admin ? { admin: true as const } : {}),
        ...(account?.mutedUntil !== undefined ? { mutedUntil: account.mutedUntil } : {}),
        ...(character.quests ? { quests: questLog(character.quests) } : {}),
      },
      combat: this.combatantFor(character),
    };
  }

  private combatantFor(character: CharacterRecord): Combatant {
    const combat = combatantForCharacter({ ...character, stats: statsOf(character) });
    const loot = restoreLoot(character.lootWindow, this.world.time, this.context.now());
    return loot ? { ...combat, state: { ...combat.state, loot } } : combat;
  }
}

function statsOf(character: CharacterRecord): CombatStats {
  const { strength, agility, intellect, speed } = character;
  if (strength === undefined || agility === undefined || intellect === undefined || speed === undefined) return ARCHETYPES[character.archetype].stats;
  return { strength, agility, intellect, speed };
}
