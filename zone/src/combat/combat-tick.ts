import type { CombatEventDetail, GameEventType } from '@aether/shared';
import { findGhost } from '../borders/border-interest.js';
import type { Effect } from '../world/effects.js';
import { gameEvent, type Entity, type Outgoing, type World } from '../world/types.js';
import type { AbilityCatalog } from './abilities/ability-catalog.js';
import type { CombatRules } from './combat-rules.js';
import { isFighter, type Fighter } from './combatant.js';
import type { DamageCalculator } from './damage-calculator.js';
import type { ItemCatalog } from './items/item-catalog.js';
import type { Line } from './narrative.js';
import type { Kill } from './kills.js';
import { StrikeReplies } from './remote/strike-replies.js';

export interface CombatDeps {
  rules: CombatRules;
  calculator: DamageCalculator;
  abilities: AbilityCatalog;
  items: ItemCatalog;
  /**
   * Players at rest when last reported, by their (immutable) combat
   * component: what it held then, so report() can skip a fighter whose
   * component, pools and level are the very same objects. A cache of a pure
   * answer, not state: dropping it changes no output.
   */
  atRest: WeakMap<object, { resources: object | undefined; level: number | undefined }>;
}

/**
 * The working state of one combat update: a private copy of the entity map
 * that the update edits in place, plus what it has to say and ask for. Nothing
 * outside the update sees it, so the update as a whole stays pure.
 */
export class CombatTick {
  readonly outgoing: Outgoing[] = [];
  readonly effects: Effect[] = [];
  /** Who died this update, for systems after combat (quests count kills); on the world until the tick ends. */
  readonly kills: Kill[] = [];
  private readonly entities: Map<string, Entity>;
  /** What strikes from across a border came to; made at the first one, so a quiet tick makes none. */
  private strikeReplies: StrikeReplies | undefined;

  constructor(
    private readonly start: World,
    readonly now: number,
    readonly random: () => number,
    readonly deps: CombatDeps,
    /** Wall-clock ms for the events' timestamps, read once per update from the step context. */
    readonly stamp: number,
  ) {
    this.entities = new Map(start.entities);
  }

  get rules(): CombatRules {
    return this.deps.rules;
  }

  get zone(): World['zone'] {
    return this.start.zone;
  }

  ids(): string[] {
    return [...this.entities.keys()];
  }

  get(id: string | undefined): Entity | undefined {
    return id === undefined ? undefined : this.entities.get(id);
  }

  /** A ghost across a border by id (zone/src/borders): only for an id not found here, since it scans the border reports. */
  ghost(id: string | undefined): Entity | undefined {
    return findGhost(this.start, id);
  }

  /** Where the results for strikes from across a border gather until the update ends. */
  replies(): StrikeReplies {
    this.strikeReplies ??= new StrikeReplies(this.start.zone.id);
    return this.strikeReplies;
  }

  fighter(id: string | undefined): Fighter | undefined {
    const entity = this.get(id);
    return isFighter(entity) ? entity : undefined;
  }

  put(entity: Entity): void {
    this.entities.set(entity.id, entity);
  }

  remove(id: string): void {
    this.entities.delete(id);
  }

  fighters(): Fighter[] {
    return [...this.entities.values()].filter(isFighter);
  }

  /** An `event` for one entity's client; nothing for entities without one. */
  tell(entity: Entity, type: GameEventType, text: string, combat?: CombatEventDetail): void {
    if (!entity.player) return;
    this.outgoing.push({ to: entity.id, event: 'event', data: gameEvent(this.stamp, type, text, combat ? { combat } : {}) });
  }

  /** Tells the actor, the target and every player within `messageRange` of either, each in their own words. */
  narrate(actor: Entity, target: Entity, line: Line, type: GameEventType, combat?: CombatEventDetail): void {
    this.tell(actor, type, line.actor, combat);
    if (target.id !== actor.id) this.tell(target, type, line.target, combat);
    for (const other of this.bystanders(actor, target)) this.tell(other, type, line.others, combat);
  }

  /** Tells everyone near `about` the same thing, `about` included. */
  announce(about: Entity, type: GameEventType, text: string, combat?: CombatEventDetail): void {
    this.tell(about, type, text, combat);
    for (const other of this.bystanders(about, about)) this.tell(other, type, text, combat);
  }

  result(): { world: World; outgoing: Outgoing[]; effects: Effect[] } {
    const effects = this.strikeReplies ? [...this.effects, ...this.strikeReplies.effects()] : this.effects;
    const world = this.kills.length > 0 ? { ...this.start, entities: this.entities, kills: this.kills } : { ...this.start, entities: this.entities };
    return { world, outgoing: this.outgoing, effects };
  }

  private bystanders(a: Entity, b: Entity): Entity[] {
    const r2 = this.rules.messageRange ** 2;
    const near = (e: Entity, o: Entity) => (e.x - o.x) ** 2 + (e.y - o.y) ** 2 <= r2;
    return [...this.entities.values()].filter((e) => e.player && e.id !== a.id && e.id !== b.id && (near(e, a) || near(e, b)));
  }
}

export function participant(entity: Entity): { id: string; name: string } {
  return { id: entity.id, name: entity.name };
}
