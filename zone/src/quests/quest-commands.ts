import type { ErrorCode } from '@aether/shared';
import { AbilityCatalog } from '../combat/abilities/ability-catalog.js';
import { DEFAULT_COMBAT_RULES } from '../combat/combat-rules.js';
import { CombatTick, type CombatDeps } from '../combat/combat-tick.js';
import { isFighter, withCombat } from '../combat/combatant.js';
import { DamageCalculator } from '../combat/damage-calculator.js';
import { ItemCatalog } from '../combat/items/item-catalog.js';
import { gainExperience } from '../combat/rewards.js';
import { QuestActionEvent } from '../commands/events.js';
import { matchName } from '../commands/name-match.js';
import { defineCommand, type CommandContext, type CommandDefinition, type CommandResult } from '../commands/registry.js';
import type { Effect } from '../world/effects.js';
import { withEntity } from '../world/queries.js';
import { gameEvent, type Entity, type Outgoing } from '../world/types.js';
import { QuestCatalog, type QuestDefinition } from './quest-catalog.js';
import type { QuestEffect } from './quest-effects.js';
import { EMPTY_QUEST_LOG, entryOf, withEntry, withoutEntry, type QuestLog } from './quest-log.js';
import { acceptRefusal, objectiveText, progressLine, progressOf, rewardText, turnIn } from './quest-rules.js';
import { giverNear, offersNear, QUEST_RANGE, showQuests } from './quest-view.js';

export interface QuestDeps {
  /** Defaults to the seed's quests in memory. */
  catalog?: QuestCatalog;
  /** What experience and reward items go through (level-ups, the item catalog, bag slots); defaults to the in-memory combat content. */
  combat?: CombatDeps;
}

/** Combat's rules and catalogs as the zone runs them, for a quest's experience and items. */
export function questCombatDeps(catalogs: { abilities: AbilityCatalog; items: ItemCatalog }, rules = DEFAULT_COMBAT_RULES): CombatDeps {
  return { rules, calculator: new DamageCalculator(rules), abilities: catalogs.abilities, items: catalogs.items, atRest: new WeakMap() };
}

/** The quest commands, /quests, /accept, /turnin and /abandon (docs/gameplay.md, "Quests"), for `defaultCommands(...)`. */
export function questCommands(deps: QuestDeps = {}): CommandDefinition[] {
  const catalog = deps.catalog ?? new QuestCatalog();
  const combat = deps.combat ?? questCombatDeps({ abilities: new AbilityCatalog(), items: new ItemCatalog() });
  const { bagSlots } = combat.rules;

  /** The reply, with the player's list shown anew (the log changed) and the world holding the player as it now is. */
  const answer = (context: CommandContext, player: Entity, lines: Outgoing[], effects: Effect[] = []): CommandResult => {
    const shown = showQuests(catalog, context.world, player, bagSlots);
    return { world: withEntity(context.world, shown.entity), outgoing: [...lines, shown.update], effects };
  };

  const quests = defineCommand({
    name: 'quests',
    category: 'Quests',
    aliases: ['questlog'],
    summary: `Show your quest log, and the quests NPCs near you (within ${QUEST_RANGE} m) offer.`,
    syntax: '',
    schema: QuestActionEvent,
    build: () => ({ type: 'quest', action: 'list' }),
    run(context) {
      const { world, actor, now } = context;
      const log = actor.player?.quests ?? EMPTY_QUEST_LOG;
      const inventory = actor.combat?.inventory ?? [];
      const lines: string[] = [];
      for (const entry of log.entries) {
        const quest = catalog.get(entry.questId);
        if (!quest) continue;
        if (entry.status === 'done') {
          lines.push(`  ${quest.name} (done)${quest.repeatable ? ': may be taken again' : ''}`);
          continue;
        }
        const progress = progressOf(quest, entry, inventory, bagSlots);
        const state = progress >= quest.goal ? `ready: turn it in to ${quest.giverName}` : `${objectiveText(quest)} for ${quest.giverName}`;
        lines.push(`  ${progressLine(quest, progress)}: ${state}. Reward: ${rewardText(quest)}.`);
      }
      const text = [lines.length > 0 ? 'Your quests:' : 'Your quest log is empty.', ...lines];
      const offers = offersNear(catalog, world, actor);
      if (offers.length > 0) {
        text.push('Offered near you:');
        for (const quest of offers)
          text.push(`  ${quest.name} from ${quest.giverName}: ${quest.description} Reward: ${rewardText(quest)}. /accept ${quest.name}`);
      } else if (lines.length === 0) {
        text.push('Quest givers offer theirs when you stand near them.');
      }
      return answer(context, actor, [tell(actor, text.join('\n'), now())]);
    },
  });

  const accept = defineCommand({
    name: 'accept',
    category: 'Quests',
    summary: 'Take on a quest from the NPC near you who offers it.',
    syntax: '<quest+>',
    schema: QuestActionEvent,
    build: ({ quest }) => ({ type: 'quest', action: 'accept', quest }),
    run(context, event) {
      if (event.action !== 'accept') return { outgoing: [] };
      const { world, actor, now } = context;
      if (!actor.player) return refuse(actor, 'Only players take quests.', 'not_allowed');
      const candidates = catalog.all().map((quest, order) => ({ id: quest.id, name: quest.name, order, quest }));
      const match = matchName({ name: event.quest, where: 'to be had' }, candidates);
      if (!match.ok) return refuse(actor, match.message, 'not_found');
      const { quest } = match.match;
      if (!giverNear(world, actor, quest.giverId))
        return refuse(actor, `${quest.giverName} gives ${quest.name}: go to them (within ${QUEST_RANGE} m).`, 'too_far');
      const log = actor.player.quests ?? EMPTY_QUEST_LOG;
      const refusal = acceptRefusal(quest, log, actor.player.level);
      if (refusal) return refuse(actor, refusal.message, refusal.code);
      const next = withEntry(log, { questId: quest.id, status: 'active', progress: 0 });
      const player = withLog(actor, next);
      const line = `Quest accepted: ${quest.name}. ${objectiveText(quest)}, then return to ${quest.giverName}.`;
      return answer(context, player, [tell(actor, line, now())], [questEffect(actor, quest, 'active', 0)]);
    },
  });

  const turnin = defineCommand({
    name: 'turnin',
    category: 'Quests',
    aliases: ['complete'],
    summary: 'Turn in a quest whose objective you have met, to the NPC who gave it, for its reward.',
    syntax: '<quest+>',
    schema: QuestActionEvent,
    build: ({ quest }) => ({ type: 'quest', action: 'turnin', quest }),
    run(context, event) {
      if (event.action !== 'turnin') return { outgoing: [] };
      const { world, actor, now } = context;
      if (!isFighter(actor) || !actor.player) return refuse(actor, 'Only players turn in quests.', 'not_allowed');
      if (actor.combat.state.dead) return refuse(actor, 'You are dead.', 'not_allowed');
      const log = actor.player.quests ?? EMPTY_QUEST_LOG;
      const found = activeQuest(catalog, log, event.quest);
      if (!found.ok) return refuse(actor, found.message, 'not_found');
      const { quest } = found;
      if (!giverNear(world, actor, quest.giverId)) return refuse(actor, `Turn ${quest.name} in to ${quest.giverName} (within ${QUEST_RANGE} m).`, 'too_far');
      const rewardItem = quest.reward.itemId ? combat.items.get(quest.reward.itemId) : undefined;
      const outcome = turnIn(quest, entryOf(log, quest.id)!, actor.combat, rewardItem, bagSlots);
      if (!outcome.ok) return refuse(actor, outcome.message, outcome.code);

      const { characterId } = actor.player;
      const effects: Effect[] = outcome.changed.map((slot) => ({
        kind: 'inventory',
        characterId,
        slot: slot.slot,
        itemId: slot.itemId,
        quantity: slot.quantity,
      }));
      if (outcome.coins !== actor.combat.coins) effects.push({ kind: 'coins', characterId, coins: outcome.coins });
      effects.push(questEffect(actor, quest, 'done', quest.goal));
      const rewarded = withLog(
        withCombat(actor, { inventory: outcome.inventory, coins: outcome.coins }),
        withEntry(log, { questId: quest.id, status: 'done', progress: quest.goal }),
      );
      const lines = [tell(actor, `Quest complete! You receive ${rewardText(quest)}.`, now())];
      const shown = showQuests(catalog, world, rewarded, bagSlots);
      let after = withEntity(world, shown.entity);
      if (quest.reward.xp > 0) {
        // Through combat's own path, so a level-up grows stats and teaches abilities as a kill's experience does.
        const tick = new CombatTick(after, after.time, context.random, combat, now());
        gainExperience(tick, actor.id, quest.reward.xp, quest.name);
        const result = tick.result();
        after = result.world;
        lines.push(...result.outgoing);
        effects.push(...result.effects);
      }
      return { world: after, outgoing: [...lines, shown.update], effects };
    },
  });

  const abandon = defineCommand({
    name: 'abandon',
    category: 'Quests',
    summary: 'Drop a quest you are on (its progress is lost; you may take it again).',
    syntax: '<quest+>',
    schema: QuestActionEvent,
    build: ({ quest }) => ({ type: 'quest', action: 'abandon', quest }),
    run(context, event) {
      if (event.action !== 'abandon') return { outgoing: [] };
      const { actor, now } = context;
      if (!actor.player) return refuse(actor, 'Only players have quests.', 'not_allowed');
      const log = actor.player.quests ?? EMPTY_QUEST_LOG;
      const found = activeQuest(catalog, log, event.quest);
      if (!found.ok) return refuse(actor, found.message, 'not_found');
      const { quest } = found;
      const player = withLog(actor, withoutEntry(log, quest.id));
      return answer(context, player, [tell(actor, `Quest abandoned: ${quest.name}.`, now())], [questEffect(actor, quest, 'abandoned', 0)]);
    },
  });

  return [quests, accept, turnin, abandon];
}

/** The active quest in the log the player names. */
function activeQuest(catalog: QuestCatalog, log: QuestLog, name: string): { ok: true; quest: QuestDefinition } | { ok: false; message: string } {
  const candidates = log.entries.flatMap((entry, order) => {
    const quest = entry.status === 'active' ? catalog.get(entry.questId) : undefined;
    return quest ? [{ id: quest.id, name: quest.name, order, quest }] : [];
  });
  if (candidates.length === 0) return { ok: false, message: 'You are on no quest. /quests shows what is offered near you.' };
  const match = matchName({ name, where: 'in your quest log' }, candidates);
  return match.ok ? { ok: true, quest: match.match.quest } : match;
}

function withLog<E extends Entity>(entity: E, log: QuestLog): E {
  return { ...entity, player: { ...entity.player!, quests: log } };
}

function questEffect(actor: Entity, quest: QuestDefinition, status: QuestEffect['status'], progress: number): QuestEffect {
  return { kind: 'quest', characterId: actor.player!.characterId, questId: quest.id, status, progress };
}

function tell(actor: Entity, text: string, now: number): Outgoing {
  return { to: actor.id, event: 'event', data: gameEvent(now, 'quest', text) };
}

function refuse(actor: Entity, message: string, code: ErrorCode): CommandResult {
  return { outgoing: [{ to: actor.id, event: 'error', data: { code, message } }] };
}
