import { SEED_NPCS, SEED_QUESTS, SEED_SPECIES, type QuestRecord } from '@aether/shared/db';
import { ItemCatalog } from '../combat/items/item-catalog.js';

/** A quest as the zone runs it: its row, with the names players see. */
export interface QuestDefinition extends QuestRecord {
  readonly giverName: string;
  /** The species (kill) or item (collect) the objective names, e.g. "Wild boar". */
  readonly targetName: string;
  /** The reward item's name, if there is one. */
  readonly rewardItemName?: string | undefined;
}

/** What gives the ids in a quest row their names (and proves they exist). */
export interface QuestNames {
  npcs: ReadonlyMap<string, string>;
  species: ReadonlyMap<string, string>;
  items: ItemCatalog;
}

/** Every quest the zone offers, by id and by giver: the database's, or the seed's in memory when there is no database. */
export class QuestCatalog {
  private readonly byId: ReadonlyMap<string, QuestDefinition>;
  private readonly byGiver: ReadonlyMap<string, readonly QuestDefinition[]>;

  constructor(definitions: Iterable<QuestDefinition> = defaultQuests()) {
    this.byId = new Map([...definitions].map((quest) => [quest.id, quest]));
    const byGiver = new Map<string, QuestDefinition[]>();
    for (const quest of this.byId.values()) byGiver.set(quest.giverId, [...(byGiver.get(quest.giverId) ?? []), quest]);
    this.byGiver = byGiver;
  }

  /** The rows the zone can run; a row naming an unknown NPC, species or item, or with impossible numbers, is reported and skipped. */
  static fromRecords(records: readonly QuestRecord[], names: QuestNames, onInvalid: (questId: string, problem: string) => void = () => {}): QuestCatalog {
    const definitions: QuestDefinition[] = [];
    for (const record of records) {
      const made = questFromRecord(record, names);
      if (made.ok) definitions.push(made.quest);
      else onInvalid(record.id, made.problem);
    }
    return new QuestCatalog(definitions);
  }

  get(id: string): QuestDefinition | undefined {
    return this.byId.get(id);
  }

  all(): QuestDefinition[] {
    return [...this.byId.values()];
  }

  /** The quests an NPC gives (and takes back). */
  offeredBy(npcId: string): readonly QuestDefinition[] {
    return this.byGiver.get(npcId) ?? [];
  }

  /** The ids of every NPC that gives a quest. */
  givers(): IterableIterator<string> {
    return this.byGiver.keys();
  }
}

type Made = { ok: true; quest: QuestDefinition } | { ok: false; problem: string };

function questFromRecord(record: QuestRecord, names: QuestNames): Made {
  const giverName = names.npcs.get(record.giverId);
  if (giverName === undefined) return { ok: false, problem: `giver ${record.giverId} is no NPC` };
  const targetName = record.objective === 'kill' ? names.species.get(record.targetId) : names.items.get(record.targetId)?.name;
  if (targetName === undefined)
    return { ok: false, problem: `${record.objective} target ${record.targetId} is no ${record.objective === 'kill' ? 'species' : 'item'}` };
  if (!Number.isInteger(record.goal) || record.goal < 1) return { ok: false, problem: `goal ${record.goal} is not a whole number from 1` };
  const { reward } = record;
  if (reward.coins < 0 || reward.xp < 0) return { ok: false, problem: 'a reward of coins or xp is negative' };
  const rewardItem = reward.itemId === null ? undefined : names.items.get(reward.itemId);
  if (reward.itemId !== null && (!rewardItem || reward.quantity < 1))
    return { ok: false, problem: `reward item ${reward.itemId} × ${reward.quantity} cannot be given` };
  return { ok: true, quest: { ...record, giverName, targetName, ...(rewardItem ? { rewardItemName: rewardItem.name } : {}) } };
}

/** The seed's quests, named from the seed's NPCs and species and the in-memory items. */
function defaultQuests(): QuestDefinition[] {
  const names: QuestNames = {
    npcs: new Map(SEED_NPCS.map((npc) => [npc.id, npc.name])),
    species: new Map(SEED_SPECIES.map((species) => [species.id, species.name])),
    items: new ItemCatalog(),
  };
  return SEED_QUESTS.flatMap((record) => {
    const made = questFromRecord(record, names);
    return made.ok ? [made.quest] : [];
  });
}
