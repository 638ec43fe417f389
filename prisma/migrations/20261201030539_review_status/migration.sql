-- CreateEnum
CREATE TYPE "ReviewStatus" AS ENUM ('PROPOSED', 'ACCEPTED', 'REJECTED');

-- AlterTable
ALTER TABLE "Position" ADD COLUMN     "reviewStatus" "ReviewStatus" NOT NULL DEFAULT 'ACCEPTED';

-- The review queue is small beside the graph: counting a deployment's positions reads its link
-- rows and subtracts the few linked positions that are not ACCEPTED (src/db/pages.ts countLinked),
-- found through this index instead of a probe of every position.
CREATE INDEX "Position_not_accepted_idx" ON "Position" ("id") WHERE "reviewStatus" <> 'ACCEPTED';
