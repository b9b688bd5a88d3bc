import type { Database } from './database.js';
import type { NpcRecord } from './npc-records.js';
import type { SpawnRuleRecord, SpeciesRecord } from './wildlife-records.js';

/** A spawn rule as written in the seed: the species by id. */
export type SeedSpawnRule = Omit<SpawnRuleRecord, 'species'> & { speciesId: string };

function species(
  id: string,
  name: string,
  temperament: SpeciesRecord['temperament'],
  movement: { wander: number; run: number; perception: number; leash: number },
  base: SpeciesRecord['base'],
  perLevel: SpeciesRecord['perLevel'],
  weapon: SpeciesRecord['weapon'],
  secondsPerLevel: number,
  loot: SpeciesRecord['loot'],
): SpeciesRecord {
  const { wander, run, perception, leash } = movement;
  return { id, name, temperament, wanderSpeed: wander, runSpeed: run, perception, leashRange: leash, base, perLevel, weapon, secondsPerLevel, loot };
}

/** A loot table row: `chance` of `min`..`max` of the item. */
const drop = (itemId: string, chance: number, minQuantity = 1, maxQuantity = minQuantity) => ({ itemId, chance, minQuantity, maxQuantity });

/**
 * The seed bestiary. Players walk at 5 m/s: rabbits and deer outrun them,
 * boars do not, and wolves are a little faster, so only their leash lets a
 * player get away.
 */
export const SEED_SPECIES: readonly SpeciesRecord[] = [
  species(
    'rabbit',
    'Rabbit',
    'skittish',
    { wander: 1.2, run: 7, perception: 15, leash: 20 },
    { hp: 20, strength: 3, agility: 12, intellect: 1, speed: 14 },
    { hp: 4, strength: 0.5, agility: 1, intellect: 0, speed: 0.5 },
    { delay: 2.5, minDamage: 1, maxDamage: 2, range: 1.5 },
    300,
    [drop('rabbit-foot', 0.6)],
  ),
  species(
    'boar',
    'Wild boar',
    'passive',
    { wander: 1, run: 4.5, perception: 12, leash: 30 },
    { hp: 70, strength: 12, agility: 6, intellect: 1, speed: 8 },
    { hp: 12, strength: 1.5, agility: 0.5, intellect: 0, speed: 0.3 },
    { delay: 2.8, minDamage: 4, maxDamage: 8, range: 2 },
    600,
    [drop('boar-pelt', 1), drop('boar-tusk', 0.5, 1, 2)],
  ),
  species(
    'deer',
    'Red deer',
    'skittish',
    { wander: 1.4, run: 8, perception: 25, leash: 25 },
    { hp: 45, strength: 6, agility: 14, intellect: 2, speed: 13 },
    { hp: 7, strength: 0.5, agility: 1, intellect: 0, speed: 0.5 },
    { delay: 2.6, minDamage: 2, maxDamage: 4, range: 1.8 },
    450,
    [drop('deer-antler', 0.5), drop('healing-draught', 0.05)],
  ),
  species(
    'wolf',
    'Grey wolf',
    'aggressive',
    { wander: 1.5, run: 5.5, perception: 20, leash: 40 },
    { hp: 55, strength: 11, agility: 12, intellect: 2, speed: 12 },
    { hp: 9, strength: 1.2, agility: 1, intellect: 0, speed: 0.5 },
    { delay: 2.2, minDamage: 3, maxDamage: 7, range: 2 },
    480,
    [drop('wolf-pelt', 0.7), drop('healing-draught', 0.1)],
  ),
];

/** Regions are inside their zones (SEED_WORLD); the crossroads ones are within sight of the starting spawn. */
export const SEED_SPAWN_RULES: readonly SeedSpawnRule[] = [
  {
    id: 'crossroads-rabbits',
    zoneId: 'zone-crossroads',
    speciesId: 'rabbit',
    count: 6,
    minLevel: 1,
    maxLevel: 3,
    region: { minX: 60, minY: 110, maxX: 150, maxY: 170 },
    respawnSeconds: 30,
  },
  {
    id: 'crossroads-boars',
    zoneId: 'zone-crossroads',
    speciesId: 'boar',
    count: 3,
    minLevel: 2,
    maxLevel: 4,
    region: { minX: 120, minY: 20, maxX: 190, maxY: 80 },
    respawnSeconds: 90,
  },
  {
    id: 'forest-deer',
    zoneId: 'zone-forest',
    speciesId: 'deer',
    count: 4,
    minLevel: 1,
    maxLevel: 3,
    region: { minX: -90, minY: 30, maxX: -20, maxY: 170 },
    respawnSeconds: 60,
  },
  {
    id: 'forest-wolves',
    zoneId: 'zone-forest',
    speciesId: 'wolf',
    count: 4,
    minLevel: 3,
    maxLevel: 6,
    region: { minX: -190, minY: 20, maxX: -110, maxY: 180 },
    respawnSeconds: 120,
  },
];

const GREETINGS = String.raw`\b(hello|hi|hey|greetings|good (morning|day|evening))\b`;
const FAREWELLS = String.raw`\b(bye|goodbye|farewell)\b`;

export const SEED_NPCS: readonly NpcRecord[] = [
  {
    id: 'city-guard',
    zoneId: 'zone-city',
    name: 'Guard Aldric',
    x: 300,
    y: 112,
    heading: 180,
    greeting: 'Halt. Ah, a traveller. Welcome to Aether City, keep your blade sheathed.',
    fallback: 'Move along, citizen.',
    persona: 'A stern but fair city guard who has kept the west gate of Aether City for twenty years. Terse, dry humour, protective of newcomers.',
    dialogue: [
      { match: 'regex', pattern: GREETINGS, reply: 'Well met, {player}. Trouble stays outside these walls.', priority: 0 },
      { match: 'regex', pattern: String.raw`\bwol(f|ves)\b`, reply: 'Wolves hunt the western half of the forest. Go in pairs, or not at all.', priority: 10 },
      { match: 'keyword', pattern: 'forest', reply: 'The Whispering Forest lies past the Crossroads. Deer near the edge, wolves deeper in.', priority: 5 },
      {
        match: 'keyword',
        pattern: 'crossroads',
        reply: 'West of the gate. Rabbits and boars, mostly harmless. The boars less so if you poke them.',
        priority: 5,
      },
      {
        match: 'regex',
        pattern: String.raw`\b(job|work|quest|task|bounty|pelts?)\b`,
        reply: 'The captain pays a bounty on wolf pelts, {player}: three pelts, and thirty coins and a jerkin are yours. /accept wolf pelt bounty.',
        priority: 8,
      },
      { match: 'regex', pattern: FAREWELLS, reply: 'Safe roads.', priority: 0 },
    ],
    wares: [],
  },
  {
    id: 'city-merchant',
    zoneId: 'zone-city',
    name: 'Merchant Sela',
    x: 335,
    y: 100,
    heading: 270,
    greeting: 'Fresh goods, fair prices! Come and look, dear.',
    fallback: 'Hmm? Speak up, dear, the market is loud.',
    persona: 'A cheerful, shrewd market trader in Aether City who buys anything and sells draughts, rations, rope and leather goods. Calls everyone "dear".',
    dialogue: [
      { match: 'regex', pattern: GREETINGS, reply: 'Welcome, welcome, {player}! Nothing here bites, unlike outside.', priority: 0 },
      {
        match: 'regex',
        pattern: String.raw`\b(buy|sell|trade|wares|shop|goods)\b`,
        reply: 'Pelts, tusks and rabbit feet fetch a fair price. See my /wares, dear: draughts, rations, rope and good leather. Advice is free.',
        priority: 10,
      },
      {
        match: 'regex',
        pattern: String.raw`\b(price|cost|how much)\b`,
        reply: 'Depends on the pelt, dear. A clean wolf pelt is worth ten rabbit feet.',
        priority: 12,
      },
      { match: 'regex', pattern: FAREWELLS, reply: 'Come back soon, {player}!', priority: 0 },
    ],
    wares: [
      { itemId: 'healing-draught', price: 8 },
      { itemId: 'trail-ration', price: 3 },
      { itemId: 'rope', price: 2 },
      { itemId: 'leather-cap', price: 15 },
      { itemId: 'leather-gloves', price: 12 },
      { itemId: 'travellers-boots', price: 18 },
      { itemId: 'padded-jerkin', price: 30 },
      { itemId: 'iron-sword', price: 45 },
    ].sort((a, b) => a.itemId.localeCompare(b.itemId)),
  },
  {
    id: 'crossroads-hermit',
    zoneId: 'zone-crossroads',
    name: 'Old Tobin',
    x: 108,
    y: 104,
    heading: 225,
    greeting: 'Eh? A new face at the crossroads. Mind the boars.',
    fallback: "Can't help you with that, friend.",
    persona: 'An old hermit who has lived at the Crossroads longer than anyone remembers. Rambling, kind, knows every path and every animal.',
    dialogue: [
      { match: 'regex', pattern: GREETINGS, reply: 'Hello yourself, {player}. Sit a while, the rabbits do.', priority: 0 },
      {
        match: 'regex',
        pattern: String.raw`\b(where|directions?|way|map)\b`,
        reply: 'West is the forest, east is the city. North and south is just more grass.',
        priority: 10,
      },
      { match: 'regex', pattern: String.raw`\b(rabbits?|bunn(y|ies))\b`, reply: "Quick little things. You'll not catch one by running.", priority: 8 },
      { match: 'regex', pattern: String.raw`\b(boars?|pigs?)\b`, reply: "They leave you be if you leave them be. Hit one and you'll see.", priority: 8 },
      {
        match: 'regex',
        pattern: String.raw`\b(job|work|quest|task|bounty|help)\b`,
        reply: 'A boar has been at my garden again. Put one down and I have boots for you. /accept boar bounty.',
        priority: 9,
      },
      { match: 'regex', pattern: FAREWELLS, reply: 'Off you go, then.', priority: 0 },
    ],
    wares: [],
  },
];

export interface InhabitantsSeedResult {
  species: number;
  spawnRules: number;
  npcs: number;
  dialogueRules: number;
}

/**
 * Makes the database contain the seed bestiary, spawn tables and NPCs; safe to
 * run on every start, after `seedWorld` (rules and NPCs name its zones).
 * Rows are upserted so edits to the seed reach existing databases; rows the
 * seed does not know (an operator's additions) are left alone.
 */
export async function seedInhabitants(
  db: Pick<Database, 'client'>,
  content: { species?: readonly SpeciesRecord[]; spawnRules?: readonly SeedSpawnRule[]; npcs?: readonly NpcRecord[] } = {},
): Promise<InhabitantsSeedResult> {
  const bestiary = content.species ?? SEED_SPECIES;
  const spawnRules = content.spawnRules ?? SEED_SPAWN_RULES;
  const npcs = content.npcs ?? SEED_NPCS;
  const { client } = db;
  try {
    await client.$transaction([
      ...bestiary.map((entry) => {
        const fields = speciesColumns(entry);
        return client.species.upsert({ where: { id: entry.id }, create: { id: entry.id, ...fields }, update: fields });
      }),
      ...spawnRules.map((rule) => {
        const fields = {
          zoneId: rule.zoneId,
          speciesId: rule.speciesId,
          count: rule.count,
          minLevel: rule.minLevel,
          maxLevel: rule.maxLevel,
          ...rule.region,
          respawnSeconds: rule.respawnSeconds,
        };
        return client.spawnRule.upsert({ where: { id: rule.id }, create: { id: rule.id, ...fields }, update: fields });
      }),
      ...npcs.map((npc) => {
        const { id, dialogue: _, wares: __, ...fields } = npc;
        return client.npc.upsert({ where: { id }, create: { id, ...fields }, update: fields });
      }),
      ...npcs.flatMap((npc) =>
        npc.dialogue.map((rule) => {
          const fields = { match: rule.match, reply: rule.reply, priority: rule.priority };
          return client.npcDialogueRule.upsert({
            where: { npcId_pattern: { npcId: npc.id, pattern: rule.pattern } },
            create: { npcId: npc.id, pattern: rule.pattern, ...fields },
            update: fields,
          });
        }),
      ),
    ]);
  } catch (error) {
    throw new Error('could not seed wildlife and NPCs', { cause: error });
  }
  return {
    species: bestiary.length,
    spawnRules: spawnRules.length,
    npcs: npcs.length,
    dialogueRules: npcs.reduce((sum, npc) => sum + npc.dialogue.length, 0),
  };
}

function speciesColumns(entry: SpeciesRecord) {
  return {
    name: entry.name,
    temperament: entry.temperament,
    wanderSpeed: entry.wanderSpeed,
    runSpeed: entry.runSpeed,
    perception: entry.perception,
    leashRange: entry.leashRange,
    ...entry.base,
    hpPerLevel: entry.perLevel.hp,
    strengthPerLevel: entry.perLevel.strength,
    agilityPerLevel: entry.perLevel.agility,
    intellectPerLevel: entry.perLevel.intellect,
    speedPerLevel: entry.perLevel.speed,
    attackDelay: entry.weapon.delay,
    minDamage: entry.weapon.minDamage,
    maxDamage: entry.weapon.maxDamage,
    attackRange: entry.weapon.range,
    secondsPerLevel: entry.secondsPerLevel,
  };
}
