-- AlterTable
ALTER TABLE "Position" ADD COLUMN     "topicId" INTEGER;

-- CreateTable
CREATE TABLE "Topic" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "aliases" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "createdBy" TEXT,
    "updatedBy" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Topic_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Topic_name_idx" ON "Topic"("name");

-- CreateIndex
CREATE INDEX "Position_topicId_id_idx" ON "Position"("topicId", "id");

-- AddForeignKey
ALTER TABLE "Position" ADD CONSTRAINT "Position_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Carried over (hand-written): one topic per topic text (in any case), named as first recorded, and
-- every position linked to its topic. A topic is unique by its name in any case.
INSERT INTO "Topic" (name, "createdAt", "updatedAt", "createdBy", "updatedBy")
  SELECT DISTINCT ON (lower(p.topic)) p.topic, p."createdAt", p."createdAt", p."createdBy", p."createdBy"
  FROM "Position" AS p WHERE p.topic IS NOT NULL ORDER BY lower(p.topic), p.id;
UPDATE "Position" AS p SET "topicId" = t.id, topic = t.name FROM "Topic" AS t WHERE p.topic IS NOT NULL AND lower(p.topic) = lower(t.name);
CREATE UNIQUE INDEX "Topic_name_lower_key" ON "Topic" (lower(name));
-- A position about a topic names it, and names it as the topic does.
ALTER TABLE "Position" ADD CONSTRAINT "Position_topic_check" CHECK (("topic" IS NULL) = ("topicId" IS NULL));
