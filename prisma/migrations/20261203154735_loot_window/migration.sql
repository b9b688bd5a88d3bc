-- AlterTable
ALTER TABLE "character" ADD COLUMN     "loot_window" JSONB;
