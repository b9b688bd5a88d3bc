import type { Belongings, QuestEntry, Resources, StateUpdate, WorldEnter } from '@aether/shared/protocol';
import { formatInventory, formatLoot } from './belongings.js';
import { formatQuestLog } from './quest-log.js';
import { formatStatus, type StatusView } from './status-line.js';

const RESOURCE_KEYS = ['hp', 'maxHp', 'stamina', 'maxStamina', 'mana', 'maxMana'] as const satisfies readonly (keyof Resources)[];

/**
 * What the client knows about its own character beyond where it stands
 * (MudNarrator has that): pools, combat view, PvP state, belongings, quest
 * log, loot window. state_update parts are partial or absent when unchanged,
 * so each is kept until the next one replaces it.
 */
export class PlayerState {
  private view: StatusView | undefined;
  private belongings: Belongings | undefined;
  private quests: readonly QuestEntry[] | undefined;
  /** The loot window last printed, so a resend of the same one is not printed again. */
  private lootShown: string | undefined;

  enter(world: WorldEnter): void {
    // A new zone reports its own combat and PvP state; belongings and quests belong to the character and stay until resent.
    this.view = { resources: { ...world.character.resources } };
    this.lootShown = undefined;
  }

  /** Takes in one state_update; returns the lines it is worth printing (a new loot window). */
  update(update: StateUpdate): string[] {
    const { view } = this;
    const c = update.character;
    if (view && c) for (const key of RESOURCE_KEYS) if (c[key] !== undefined) view.resources[key] = c[key];
    if (view && update.combat) view.combat = update.combat;
    if (view && update.pvp) view.pvp = update.pvp;
    if (update.belongings) this.belongings = update.belongings;
    if (update.quests) this.quests = update.quests;
    if (update.loot === undefined) return [];
    if (update.loot === null) {
      this.lootShown = undefined;
      return [];
    }
    // The countdown changes on every resend; the window is the same while its source and items are.
    const shown = JSON.stringify([update.loot.from, update.loot.items]);
    if (shown === this.lootShown) return [];
    this.lootShown = shown;
    return formatLoot(update.loot);
  }

  /** Your target's entity id, while you have one. */
  targetId(): string | undefined {
    return this.view?.combat?.target?.id;
  }

  /** The status prompt's text; undefined before the character is in the world. */
  status(): string | undefined {
    return this.view && formatStatus(this.view);
  }

  /** `/inventory` as tables; undefined until the server has sent the belongings. */
  inventory(): string[] | undefined {
    return this.belongings && formatInventory(this.belongings);
  }

  /** `/quests` as a table; undefined until the server has sent the quest log. */
  questLog(): string[] | undefined {
    return this.quests && formatQuestLog(this.quests);
  }
}
