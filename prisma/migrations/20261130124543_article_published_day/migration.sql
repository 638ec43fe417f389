-- AlterTable
ALTER TABLE "Article" ADD COLUMN     "publishedOn" DATE;

-- Carried over (hand-written): the day of every publication recorded. A publication recorded at
-- exactly midnight UTC was given as a day (the import stored "2016-07-28" so): it keeps its day and
-- loses the time nobody stated.
UPDATE "Article" SET "publishedOn" = ("publishedAt" AT TIME ZONE 'UTC')::date WHERE "publishedAt" IS NOT NULL;
UPDATE "Article" SET "publishedAt" = NULL WHERE "publishedAt" = date_trunc('day', "publishedAt");

-- Ordered by publication: the exact time, else the start of the day.
DROP INDEX "Article_publishedAt_order_idx";
CREATE INDEX "Article_published_order_idx" ON "Article" ((COALESCE("publishedAt", "publishedOn"::timestamp, '-infinity'::timestamp)), "id");
