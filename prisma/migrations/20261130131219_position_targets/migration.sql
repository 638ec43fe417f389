-- CreateTable
CREATE TABLE "PositionDeployment" (
    "positionId" INTEGER NOT NULL,
    "deploymentId" INTEGER NOT NULL,

    CONSTRAINT "PositionDeployment_pkey" PRIMARY KEY ("positionId","deploymentId")
);

-- CreateTable
CREATE TABLE "PositionTopic" (
    "positionId" INTEGER NOT NULL,
    "topicId" INTEGER NOT NULL,

    CONSTRAINT "PositionTopic_pkey" PRIMARY KEY ("positionId","topicId")
);

-- CreateIndex
CREATE INDEX "PositionDeployment_deploymentId_positionId_idx" ON "PositionDeployment"("deploymentId", "positionId");

-- CreateIndex
CREATE INDEX "PositionTopic_topicId_positionId_idx" ON "PositionTopic"("topicId", "positionId");

-- AddForeignKey
ALTER TABLE "PositionDeployment" ADD CONSTRAINT "PositionDeployment_positionId_fkey" FOREIGN KEY ("positionId") REFERENCES "Position"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PositionDeployment" ADD CONSTRAINT "PositionDeployment_deploymentId_fkey" FOREIGN KEY ("deploymentId") REFERENCES "Deployment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PositionTopic" ADD CONSTRAINT "PositionTopic_positionId_fkey" FOREIGN KEY ("positionId") REFERENCES "Position"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PositionTopic" ADD CONSTRAINT "PositionTopic_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Carried over (hand-written): a position's one target is the first of its targets.
INSERT INTO "PositionDeployment" ("positionId", "deploymentId") SELECT id, "deploymentId" FROM "Position" WHERE "deploymentId" IS NOT NULL;
INSERT INTO "PositionTopic" ("positionId", "topicId") SELECT id, "topicId" FROM "Position" WHERE "topicId" IS NOT NULL;
