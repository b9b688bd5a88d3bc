-- AlterTable
ALTER TABLE "zone" ADD COLUMN     "owner_epoch" BIGINT NOT NULL DEFAULT 0;
