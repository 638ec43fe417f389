-- CreateEnum
CREATE TYPE "DatePrecision" AS ENUM ('YEAR', 'MONTH', 'DAY');

-- AlterTable
ALTER TABLE "Meeting" ADD COLUMN     "heldApproximate" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "heldFrom" DATE,
ADD COLUMN     "heldPrecision" "DatePrecision",
ADD COLUMN     "heldUntil" DATE;

-- AlterTable
ALTER TABLE "Position" ADD COLUMN     "statedApproximate" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "statedFrom" DATE,
ADD COLUMN     "statedPrecision" "DatePrecision",
ADD COLUMN     "statedUntil" DATE;

-- Hand-written: a reported date is its first and last day and its precision, all or none.
ALTER TABLE "Position" ADD CONSTRAINT "Position_stated_check" CHECK (
  ("statedFrom" IS NULL) = ("statedUntil" IS NULL) AND ("statedFrom" IS NULL) = ("statedPrecision" IS NULL) AND "statedFrom" <= "statedUntil"
);
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_held_check" CHECK (
  ("heldFrom" IS NULL) = ("heldUntil" IS NULL) AND ("heldFrom" IS NULL) = ("heldPrecision" IS NULL) AND "heldFrom" <= "heldUntil"
);

-- Carried over: a day recorded before is a reported date of that day.
UPDATE "Position" SET "statedFrom" = "statedOn", "statedUntil" = "statedOn", "statedPrecision" = 'DAY' WHERE "statedOn" IS NOT NULL;
UPDATE "Meeting" SET "heldFrom" = "date", "heldUntil" = "date", "heldPrecision" = 'DAY' WHERE "date" IS NOT NULL;

-- Positions are ordered by the first day they may have been stated (coarser dates at their start).
DROP INDEX "Position_statedOn_order_idx";
CREATE INDEX "Position_statedFrom_order_idx" ON "Position" ((COALESCE("statedFrom", '-infinity'::date)), "id");
-- Filters by date range test overlap: first day before the range's end, last day after its start.
CREATE INDEX "Position_stated_range_idx" ON "Position" ("statedFrom", "statedUntil");

-- Meetings likewise: ordered by their first day, filtered by overlap.
DROP INDEX "Meeting_date_order_idx";
CREATE INDEX "Meeting_heldFrom_order_idx" ON "Meeting" ((COALESCE("heldFrom", '-infinity'::date)), "id");
CREATE INDEX "Meeting_held_range_idx" ON "Meeting" ("heldFrom", "heldUntil");
