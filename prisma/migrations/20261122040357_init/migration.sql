-- CreateTable
CREATE TABLE "account" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "username" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "character" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "account_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "name_key" TEXT NOT NULL,
    "archetype" TEXT NOT NULL,
    "level" INTEGER NOT NULL DEFAULT 1,
    "xp" INTEGER NOT NULL DEFAULT 0,
    "zone_id" TEXT NOT NULL,
    "x" DOUBLE PRECISION NOT NULL,
    "y" DOUBLE PRECISION NOT NULL,
    "z" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "heading" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "hp" INTEGER NOT NULL DEFAULT 100,
    "max_hp" INTEGER NOT NULL DEFAULT 100,
    "stamina" INTEGER NOT NULL DEFAULT 100,
    "max_stamina" INTEGER NOT NULL DEFAULT 100,
    "mana" INTEGER NOT NULL DEFAULT 100,
    "max_mana" INTEGER NOT NULL DEFAULT 100,
    "strength" INTEGER NOT NULL DEFAULT 10,
    "agility" INTEGER NOT NULL DEFAULT 10,
    "intellect" INTEGER NOT NULL DEFAULT 10,
    "speed" INTEGER NOT NULL DEFAULT 10,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_saved_epoch" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "character_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "zone" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "min_x" DOUBLE PRECISION NOT NULL,
    "min_y" DOUBLE PRECISION NOT NULL,
    "max_x" DOUBLE PRECISION NOT NULL,
    "max_y" DOUBLE PRECISION NOT NULL,
    "spawn_x" DOUBLE PRECISION NOT NULL,
    "spawn_y" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "zone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "zone_adjacency" (
    "zone_id" TEXT NOT NULL,
    "adjacent_zone_id" TEXT NOT NULL,

    CONSTRAINT "zone_adjacency_pkey" PRIMARY KEY ("zone_id","adjacent_zone_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "account_username_key" ON "account"("username");

-- CreateIndex
CREATE UNIQUE INDEX "character_name_key" ON "character"("name");

-- CreateIndex
CREATE UNIQUE INDEX "character_name_key_key" ON "character"("name_key");

-- CreateIndex
CREATE INDEX "character_account_id_idx" ON "character"("account_id");

-- CreateIndex
CREATE INDEX "character_zone_id_idx" ON "character"("zone_id");

-- CreateIndex
CREATE INDEX "zone_adjacency_adjacent_zone_id_idx" ON "zone_adjacency"("adjacent_zone_id");

-- AddForeignKey
ALTER TABLE "character" ADD CONSTRAINT "character_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "character" ADD CONSTRAINT "character_zone_id_fkey" FOREIGN KEY ("zone_id") REFERENCES "zone"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "zone_adjacency" ADD CONSTRAINT "zone_adjacency_zone_id_fkey" FOREIGN KEY ("zone_id") REFERENCES "zone"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "zone_adjacency" ADD CONSTRAINT "zone_adjacency_adjacent_zone_id_fkey" FOREIGN KEY ("adjacent_zone_id") REFERENCES "zone"("id") ON DELETE CASCADE ON UPDATE CASCADE;
