-- CreateEnum
CREATE TYPE "temperament" AS ENUM ('passive', 'skittish', 'aggressive');

-- CreateEnum
CREATE TYPE "dialogue_match" AS ENUM ('keyword', 'regex');

-- CreateTable
CREATE TABLE "species" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "temperament" "temperament" NOT NULL,
    "wander_speed" DOUBLE PRECISION NOT NULL,
    "run_speed" DOUBLE PRECISION NOT NULL,
    "perception" DOUBLE PRECISION NOT NULL,
    "leash_range" DOUBLE PRECISION NOT NULL,
    "hp" INTEGER NOT NULL,
    "strength" INTEGER NOT NULL,
    "agility" INTEGER NOT NULL,
    "intellect" INTEGER NOT NULL,
    "speed" INTEGER NOT NULL,
    "hp_per_level" DOUBLE PRECISION NOT NULL,
    "strength_per_level" DOUBLE PRECISION NOT NULL,
    "agility_per_level" DOUBLE PRECISION NOT NULL,
    "intellect_per_level" DOUBLE PRECISION NOT NULL,
    "speed_per_level" DOUBLE PRECISION NOT NULL,
    "attack_delay" DOUBLE PRECISION NOT NULL,
    "min_damage" INTEGER NOT NULL,
    "max_damage" INTEGER NOT NULL,
    "attack_range" DOUBLE PRECISION NOT NULL,
    "seconds_per_level" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "species_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "spawn_rule" (
    "id" TEXT NOT NULL,
    "zone_id" TEXT NOT NULL,
    "species_id" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "min_level" INTEGER NOT NULL,
    "max_level" INTEGER NOT NULL,
    "min_x" DOUBLE PRECISION NOT NULL,
    "min_y" DOUBLE PRECISION NOT NULL,
    "max_x" DOUBLE PRECISION NOT NULL,
    "max_y" DOUBLE PRECISION NOT NULL,
    "respawn_seconds" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "spawn_rule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "npc" (
    "id" TEXT NOT NULL,
    "zone_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "x" DOUBLE PRECISION NOT NULL,
    "y" DOUBLE PRECISION NOT NULL,
    "heading" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "greeting" TEXT NOT NULL,
    "fallback" TEXT NOT NULL,
    "persona" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "npc_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "npc_dialogue_rule" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "npc_id" TEXT NOT NULL,
    "match" "dialogue_match" NOT NULL DEFAULT 'keyword',
    "pattern" TEXT NOT NULL,
    "reply" TEXT NOT NULL,
    "priority" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "npc_dialogue_rule_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "species_name_key" ON "species"("name");

-- CreateIndex
CREATE INDEX "spawn_rule_zone_id_idx" ON "spawn_rule"("zone_id");

-- CreateIndex
CREATE INDEX "spawn_rule_species_id_idx" ON "spawn_rule"("species_id");

-- CreateIndex
CREATE INDEX "npc_zone_id_idx" ON "npc"("zone_id");

-- CreateIndex
CREATE UNIQUE INDEX "npc_dialogue_rule_npc_id_pattern_key" ON "npc_dialogue_rule"("npc_id", "pattern");

-- AddForeignKey
ALTER TABLE "spawn_rule" ADD CONSTRAINT "spawn_rule_zone_id_fkey" FOREIGN KEY ("zone_id") REFERENCES "zone"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "spawn_rule" ADD CONSTRAINT "spawn_rule_species_id_fkey" FOREIGN KEY ("species_id") REFERENCES "species"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "npc" ADD CONSTRAINT "npc_zone_id_fkey" FOREIGN KEY ("zone_id") REFERENCES "zone"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "npc_dialogue_rule" ADD CONSTRAINT "npc_dialogue_rule_npc_id_fkey" FOREIGN KEY ("npc_id") REFERENCES "npc"("id") ON DELETE CASCADE ON UPDATE CASCADE;
