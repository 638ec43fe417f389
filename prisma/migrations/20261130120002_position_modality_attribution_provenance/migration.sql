-- CreateEnum
CREATE TYPE "Modality" AS ENUM ('ASSERTED', 'NEGATED', 'HYPOTHETICAL', 'CONDITIONAL', 'INTENDED');

-- CreateEnum
CREATE TYPE "Attribution" AS ENUM ('DIRECT_QUOTE', 'PARAPHRASE', 'UNNAMED_SOURCE');

-- CreateEnum
CREATE TYPE "Provenance" AS ENUM ('MANUAL', 'IMPORTED', 'EXTRACTED');

-- AlterTable
ALTER TABLE "Position" ADD COLUMN     "attribution" "Attribution",
ADD COLUMN     "confidence" DOUBLE PRECISION,
ADD COLUMN     "modality" "Modality" NOT NULL DEFAULT 'ASSERTED',
ADD COLUMN     "provenance" "Provenance" NOT NULL DEFAULT 'MANUAL';

-- Carried over (hand-written): a position with no CREATE entry in the change log was recorded by an
-- import (the seed is one); those positionCreate recorded keep MANUAL, the column's default.
UPDATE "Position" AS p SET "provenance" = 'IMPORTED'
WHERE NOT EXISTS (
  SELECT 1 FROM "ChangeLog" AS c WHERE c."entityType" = 'Position' AND c."entityId" = p.id AND c.action = 'CREATE'
);

-- The seed article's statements, as prisma/seed/xinhua-thaad-2016-07-28.json now records them: all
-- paraphrased (the article quotes no one), two of them intentions ("would further strengthen",
-- "would continue pushing forward"). Other positions keep no attribution: no source said.
UPDATE "Position" SET "attribution" = 'PARAPHRASE' WHERE "createdBy" = 'seed';
UPDATE "Position" SET "modality" = 'INTENDED' WHERE "createdBy" = 'seed' AND "topic" IN ('strategic stability', 'Six Party Talks');
