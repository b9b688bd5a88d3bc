import type { Kill } from '../combat/kills.js';
import type { Effect } from '../world/effects.js';
import type { StepContext, System, SystemResult } from '../world/system.js';
import { gameEvent, type Entity, type Outgoing, type World } from '../world/types.js';
import type { QuestCatalog } from './quest-catalog.js';
import { EMPTY_QUEST_LOG, withEntry } from './quest-log.js';
import { countKill, progressLine } from './quest-rules.js';
import { giversIn, showQuests, viewKey, viewStale } from './quest-view.js';

export interface QuestSystemOptions {
  /** Bag slots 1..bagSlots (combat rules), where collect quests count their items. */
  bagSlots: number;
  /** Every how many ticks players' quest lists are checked for a change (givers come into reach, items into the bags). */
  refreshEveryTicks?: number;
}

/**
 * Quests as a game system, after combat: each kill this tick (world.kills,
 * from zone/src/combat/death.ts) counts for the kill quests of the players
 * who hurt the creature; and every few ticks each player whose quest list
 * would read differently (a giver in reach, pelts in the bags, a first look
 * on entering) is sent it again. A quiet tick between checks does nothing.
 */
export class QuestSystem implements System {
  readonly name = 'quests';
  private readonly every: number;

  constructor(
    private readonly catalog: QuestCatalog,
    private readonly options: QuestSystemOptions,
  ) {
    this.every = options.refreshEveryTicks ?? 5;
  }

  update(world: World, _dt: number, context: StepContext): SystemResult {
    const refresh = world.tick % this.every === 0;
    if (!world.kills && !refresh) return { world, outgoing: [] };
    const outgoing: Outgoing[] = [];
    const effects: Effect[] = [];
    let entities: Map<string, Entity> | undefined;
    const get = (id: string) => (entities ?? world.entities).get(id);
    const put = (entity: Entity) => {
      entities ??= new Map(world.entities);
      entities.set(entity.id, entity);
    };
    const current = () => (entities ? { ...world, entities } : world);

    for (const kill of world.kills ?? []) {
      const speciesId = kill.victim.wildlife?.speciesId;
      if (!speciesId) continue;
      for (const id of creditedFor(kill, world)) {
        const player = get(id);
        if (!player?.player) continue;
        const log = player.player.quests ?? EMPTY_QUEST_LOG;
        const advanced = countKill(log, (questId) => this.catalog.get(questId), speciesId);
        if (advanced.length === 0) continue;
        let next = log;
        for (const entry of advanced) {
          next = withEntry(next, entry);
          const quest = this.catalog.get(entry.questId)!;
          effects.push({ kind: 'quest', characterId: player.player.characterId, questId: entry.questId, status: 'active', progress: entry.progress });
          const done = entry.progress >= quest.goal ? ` Return to ${quest.giverName} to turn it in.` : '';
          outgoing.push({ to: player.id, event: 'event', data: gameEvent(context.now(), 'quest', `${progressLine(quest, entry.progress)}.${done}`) });
        }
        const updated = { ...player, player: { ...player.player, quests: next } };
        const shown = showQuests(this.catalog, current(), updated, this.options.bagSlots);
        put(shown.entity);
        outgoing.push(shown.update);
      }
    }

    if (refresh) {
      const givers = giversIn(this.catalog, world);
      for (const entity of world.entities.values()) {
        if (!entity.player) continue;
        const player = get(entity.id)!;
        const key = viewKey(this.catalog, givers, player, this.options.bagSlots);
        const before = player.player!.quests?.shown;
        if (!viewStale(player.player!.quests, key)) continue;
        if (before) outgoing.push(...this.collected(before.key, key, player, context.now()));
        const shown = showQuests(this.catalog, current(), player, this.options.bagSlots);
        put(shown.entity);
        outgoing.push(shown.update);
      }
    }
    return { world: current(), outgoing, effects };
  }

  /** "Wolf Pelt Bounty: 2/3 Wolf Pelt." for each active collect quest whose count in the bags rose since the list was last shown. */
  private collected(before: string, now: string, player: Entity, stamp: number): Outgoing[] {
    const lines: Outgoing[] = [];
    for (const entry of player.player?.quests?.entries ?? []) {
      const quest = entry.status === 'active' ? this.catalog.get(entry.questId) : undefined;
      if (quest?.objective !== 'collect') continue;
      const count = collectCount(now, quest.id);
      if (count === undefined || count <= (collectCount(before, quest.id) ?? count)) continue;
      const done = count >= quest.goal ? ` Return to ${quest.giverName} to turn it in.` : '';
      lines.push({ to: player.id, event: 'event', data: gameEvent(stamp, 'quest', `${progressLine(quest, count)}.${done}`) });
    }
    return lines;
  }
}

/** The count viewKey() noted for a collect quest, if it noted one. */
function collectCount(key: string, questId: string): number | undefined {
  const tag = `c:${questId}=`;
  const at = key.indexOf(tag);
  return at < 0 ? undefined : Number(key.slice(at + tag.length, key.indexOf(';', at)));
}

/** How near the creature a party member of someone who hurt it must be for the kill to count for them too, metres. */
const PARTY_KILL_RANGE = 40;

/**
 * The players a kill counts for: everyone who hurt the creature, whoever
 * dealt the blow, and their party members (zone/src/combat/pvp/duel-state.ts,
 * `partyId`) within PARTY_KILL_RANGE of it.
 */
function creditedFor(kill: Kill, world: World): Set<string> {
  const { victim } = kill;
  const ids = new Set(Object.keys(victim.combat.state.damagedBy));
  if (kill.killerId) ids.add(kill.killerId);
  ids.delete(victim.id);
  const parties = new Set<string>();
  for (const id of ids) {
    const partyId = world.entities.get(id)?.player?.partyId;
    if (partyId) parties.add(partyId);
  }
  if (parties.size === 0) return ids;
  for (const entity of world.entities.values()) {
    const partyId = entity.player?.partyId;
    if (partyId && parties.has(partyId) && Math.hypot(entity.x - victim.x, entity.y - victim.y) <= PARTY_KILL_RANGE) ids.add(entity.id);
  }
  return ids;
}
