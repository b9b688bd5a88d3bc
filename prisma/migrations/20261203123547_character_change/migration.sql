-- CreateTable
CREATE TABLE "character_change" (
    "id" UUID NOT NULL,
    "character_id" UUID NOT NULL,
    "epoch" BIGINT NOT NULL DEFAULT 0,
    "applied_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "character_change_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "character_change_character_id_applied_at_idx" ON "character_change"("character_id", "applied_at");

-- AddForeignKey
ALTER TABLE "character_change" ADD CONSTRAINT "character_change_character_id_fkey" FOREIGN KEY ("character_id") REFERENCES "character"("id") ON DELETE CASCADE ON UPDATE CASCADE;
