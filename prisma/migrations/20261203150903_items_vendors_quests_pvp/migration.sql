-- CreateEnum
CREATE TYPE "pvp_policy" AS ENUM ('safe', 'duel', 'open');

-- CreateEnum
CREATE TYPE "quest_objective" AS ENUM ('kill', 'collect');

-- CreateEnum
CREATE TYPE "quest_status" AS ENUM ('active', 'done');

-- AlterTable
ALTER TABLE "character" ADD COLUMN     "coins" INTEGER NOT NULL DEFAULT 10;

-- AlterTable
ALTER TABLE "item" ADD COLUMN     "agility" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "equip_slot" TEXT,
ADD COLUMN     "heal" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "intellect" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "max_hp" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "speed" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "strength" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "use_cooldown" DOUBLE PRECISION NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "zone" ADD COLUMN     "pvp" "pvp_policy" NOT NULL DEFAULT 'safe';

-- CreateTable
CREATE TABLE "loot_entry" (
    "species_id" TEXT NOT NULL,
    "item_id" TEXT NOT NULL,
    "chance" DOUBLE PRECISION NOT NULL,
    "min_quantity" INTEGER NOT NULL DEFAULT 1,
    "max_quantity" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "loot_entry_pkey" PRIMARY KEY ("species_id","item_id")
);

-- CreateTable
CREATE TABLE "vendor_item" (
    "npc_id" TEXT NOT NULL,
    "item_id" TEXT NOT NULL,
    "price" INTEGER NOT NULL,

    CONSTRAINT "vendor_item_pkey" PRIMARY KEY ("npc_id","item_id")
);

-- CreateTable
CREATE TABLE "quest" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "giver_id" TEXT NOT NULL,
    "min_level" INTEGER NOT NULL DEFAULT 1,
    "objective" "quest_objective" NOT NULL,
    "target_id" TEXT NOT NULL,
    "goal" INTEGER NOT NULL,
    "reward_coins" INTEGER NOT NULL DEFAULT 0,
    "reward_xp" INTEGER NOT NULL DEFAULT 0,
    "reward_item_id" TEXT,
    "reward_quantity" INTEGER NOT NULL DEFAULT 1,
    "repeatable" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "quest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "character_quest" (
    "character_id" UUID NOT NULL,
    "quest_id" TEXT NOT NULL,
    "status" "quest_status" NOT NULL,
    "progress" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "character_quest_pkey" PRIMARY KEY ("character_id","quest_id")
);

-- CreateIndex
CREATE INDEX "loot_entry_item_id_idx" ON "loot_entry"("item_id");

-- CreateIndex
CREATE INDEX "vendor_item_item_id_idx" ON "vendor_item"("item_id");

-- CreateIndex
CREATE UNIQUE INDEX "quest_name_key" ON "quest"("name");

-- CreateIndex
CREATE INDEX "quest_giver_id_idx" ON "quest"("giver_id");

-- CreateIndex
CREATE INDEX "character_quest_quest_id_idx" ON "character_quest"("quest_id");

-- AddForeignKey
ALTER TABLE "loot_entry" ADD CONSTRAINT "loot_entry_species_id_fkey" FOREIGN KEY ("species_id") REFERENCES "species"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "loot_entry" ADD CONSTRAINT "loot_entry_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "item"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "vendor_item" ADD CONSTRAINT "vendor_item_npc_id_fkey" FOREIGN KEY ("npc_id") REFERENCES "npc"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "vendor_item" ADD CONSTRAINT "vendor_item_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "item"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "quest" ADD CONSTRAINT "quest_giver_id_fkey" FOREIGN KEY ("giver_id") REFERENCES "npc"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "character_quest" ADD CONSTRAINT "character_quest_character_id_fkey" FOREIGN KEY ("character_id") REFERENCES "character"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "character_quest" ADD CONSTRAINT "character_quest_quest_id_fkey" FOREIGN KEY ("quest_id") REFERENCES "quest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Rules the schema language cannot say (docs/database.md): no debt, loot
-- chances are probabilities, prices and goals are positive.
ALTER TABLE "character" ADD CONSTRAINT "character_coins_not_negative" CHECK ("coins" >= 0);
ALTER TABLE "loot_entry" ADD CONSTRAINT "loot_entry_chance_probability" CHECK ("chance" >= 0 AND "chance" <= 1);
ALTER TABLE "loot_entry" ADD CONSTRAINT "loot_entry_quantities" CHECK ("min_quantity" >= 1 AND "max_quantity" >= "min_quantity");
ALTER TABLE "vendor_item" ADD CONSTRAINT "vendor_item_price_positive" CHECK ("price" >= 1);
ALTER TABLE "quest" ADD CONSTRAINT "quest_goal_positive" CHECK ("goal" >= 1 AND "reward_coins" >= 0 AND "reward_xp" >= 0 AND "reward_quantity" >= 1);
ALTER TABLE "item" ADD CONSTRAINT "item_use_positive" CHECK ("heal" >= 0 AND "use_cooldown" >= 0);
