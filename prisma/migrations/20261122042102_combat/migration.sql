-- CreateTable
CREATE TABLE "ability" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "archetype" TEXT,
    "level" INTEGER NOT NULL DEFAULT 1,
    "target" TEXT NOT NULL,
    "effect" TEXT NOT NULL,
    "power" INTEGER NOT NULL DEFAULT 0,
    "scaling_stat" TEXT,
    "scaling" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "duration" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "magnitude" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "range" DOUBLE PRECISION NOT NULL,
    "cast_time" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "cooldown" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "atb_cost" INTEGER NOT NULL DEFAULT 0,
    "stamina_cost" INTEGER NOT NULL DEFAULT 0,
    "mana_cost" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ability_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "character_ability" (
    "character_id" UUID NOT NULL,
    "ability_id" TEXT NOT NULL,
    "learned_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "character_ability_pkey" PRIMARY KEY ("character_id","ability_id")
);

-- CreateTable
CREATE TABLE "item" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "kind" TEXT NOT NULL,
    "max_stack" INTEGER NOT NULL DEFAULT 1,
    "value" INTEGER NOT NULL DEFAULT 0,
    "weapon_delay" DOUBLE PRECISION,
    "min_damage" INTEGER,
    "max_damage" INTEGER,
    "weapon_range" DOUBLE PRECISION,

    CONSTRAINT "item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inventory_item" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "character_id" UUID NOT NULL,
    "item_id" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "slot" INTEGER NOT NULL,

    CONSTRAINT "inventory_item_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ability_name_key" ON "ability"("name");

-- CreateIndex
CREATE INDEX "character_ability_ability_id_idx" ON "character_ability"("ability_id");

-- CreateIndex
CREATE UNIQUE INDEX "item_name_key" ON "item"("name");

-- CreateIndex
CREATE INDEX "inventory_item_item_id_idx" ON "inventory_item"("item_id");

-- CreateIndex
CREATE UNIQUE INDEX "inventory_item_character_id_slot_key" ON "inventory_item"("character_id", "slot");

-- AddForeignKey
ALTER TABLE "character_ability" ADD CONSTRAINT "character_ability_character_id_fkey" FOREIGN KEY ("character_id") REFERENCES "character"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "character_ability" ADD CONSTRAINT "character_ability_ability_id_fkey" FOREIGN KEY ("ability_id") REFERENCES "ability"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inventory_item" ADD CONSTRAINT "inventory_item_character_id_fkey" FOREIGN KEY ("character_id") REFERENCES "character"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inventory_item" ADD CONSTRAINT "inventory_item_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "item"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
