-- AlterEnum
ALTER TYPE "DeploymentStatus" ADD VALUE 'UNKNOWN';

-- AlterTable
ALTER TABLE "Deployment" ADD COLUMN     "aliases" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "DeploymentHostCountry" (
    "deploymentId" INTEGER NOT NULL,
    "countryId" INTEGER NOT NULL,

    CONSTRAINT "DeploymentHostCountry_pkey" PRIMARY KEY ("deploymentId","countryId")
);

-- CreateTable
CREATE TABLE "DeploymentStatusChange" (
    "id" SERIAL NOT NULL,
    "deploymentId" INTEGER NOT NULL,
    "status" "DeploymentStatus" NOT NULL,
    "onFrom" DATE,
    "onUntil" DATE,
    "onPrecision" "DatePrecision",
    "onApproximate" BOOLEAN NOT NULL DEFAULT false,
    "articleId" INTEGER,
    "text" TEXT,
    "start" INTEGER,
    "end" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdBy" TEXT,
    "updatedBy" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "DeploymentStatusChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DeploymentHostCountry_countryId_deploymentId_idx" ON "DeploymentHostCountry"("countryId", "deploymentId");

-- CreateIndex
CREATE INDEX "DeploymentStatusChange_deploymentId_id_idx" ON "DeploymentStatusChange"("deploymentId", "id");

-- CreateIndex
CREATE INDEX "DeploymentStatusChange_articleId_idx" ON "DeploymentStatusChange"("articleId");

-- AddForeignKey
ALTER TABLE "DeploymentHostCountry" ADD CONSTRAINT "DeploymentHostCountry_deploymentId_fkey" FOREIGN KEY ("deploymentId") REFERENCES "Deployment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeploymentHostCountry" ADD CONSTRAINT "DeploymentHostCountry_countryId_fkey" FOREIGN KEY ("countryId") REFERENCES "Country"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeploymentStatusChange" ADD CONSTRAINT "DeploymentStatusChange_deploymentId_fkey" FOREIGN KEY ("deploymentId") REFERENCES "Deployment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeploymentStatusChange" ADD CONSTRAINT "DeploymentStatusChange_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Carried over (hand-written): the host recorded is the deployment's first host country, and the
-- status recorded is its history's one entry (no report's date or quote was kept for it).
INSERT INTO "DeploymentHostCountry" ("deploymentId", "countryId") SELECT id, "hostId" FROM "Deployment" WHERE "hostId" IS NOT NULL;
INSERT INTO "DeploymentStatusChange" ("deploymentId", status, "createdBy", "createdAt", "updatedAt")
  SELECT id, status, "createdBy", "createdAt", "createdAt" FROM "Deployment";

-- A status change's date is all of its columns or none; its quote is a span of its article.
ALTER TABLE "DeploymentStatusChange" ADD CONSTRAINT "DeploymentStatusChange_on_check" CHECK (
  ("onFrom" IS NULL) = ("onUntil" IS NULL) AND ("onFrom" IS NULL) = ("onPrecision" IS NULL) AND "onFrom" <= "onUntil"
);
ALTER TABLE "DeploymentStatusChange" ADD CONSTRAINT "DeploymentStatusChange_quote_check" CHECK (
  ("text" IS NULL) = ("start" IS NULL) AND ("text" IS NULL) = ("end" IS NULL) AND ("text" IS NULL OR "articleId" IS NOT NULL) AND "start" < "end"
);
