-- CreateTable
CREATE TABLE "party" (
    "id" UUID NOT NULL,
    "leader_id" UUID NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "party_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "party_member" (
    "character_id" UUID NOT NULL,
    "party_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "party_member_pkey" PRIMARY KEY ("character_id")
);

-- CreateIndex
CREATE INDEX "party_leader_id_idx" ON "party"("leader_id");

-- CreateIndex
CREATE INDEX "party_member_party_id_idx" ON "party_member"("party_id");

-- AddForeignKey
ALTER TABLE "party" ADD CONSTRAINT "party_leader_id_fkey" FOREIGN KEY ("leader_id") REFERENCES "character"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "party_member" ADD CONSTRAINT "party_member_character_id_fkey" FOREIGN KEY ("character_id") REFERENCES "character"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "party_member" ADD CONSTRAINT "party_member_party_id_fkey" FOREIGN KEY ("party_id") REFERENCES "party"("id") ON DELETE CASCADE ON UPDATE CASCADE;
