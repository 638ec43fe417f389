-- CreateEnum
CREATE TYPE "ActorKind" AS ENUM ('COUNTRY', 'ORGANIZATION');

-- CreateEnum
CREATE TYPE "Stance" AS ENUM ('SUPPORT', 'OPPOSE', 'CONCERN', 'CRITICIZE', 'URGE', 'COMMIT', 'THREATEN');

-- CreateEnum
CREATE TYPE "DeploymentStatus" AS ENUM ('PROPOSED', 'ANNOUNCED', 'UNDER_CONSTRUCTION', 'OPERATIONAL', 'WITHDRAWN');

-- CreateTable
CREATE TABLE "Actor" (
    "id" SERIAL NOT NULL,
    "kind" "ActorKind" NOT NULL,
    "name" TEXT NOT NULL,
    "aliases" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Actor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Country" (
    "id" INTEGER NOT NULL,
    "isoCode" CHAR(2) NOT NULL,

    CONSTRAINT "Country_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Organization" (
    "id" INTEGER NOT NULL,
    "acronym" TEXT,

    CONSTRAINT "Organization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrganizationMembership" (
    "organizationId" INTEGER NOT NULL,
    "countryId" INTEGER NOT NULL,

    CONSTRAINT "OrganizationMembership_pkey" PRIMARY KEY ("organizationId","countryId")
);

-- CreateTable
CREATE TABLE "Official" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "title" TEXT,
    "aliases" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "countryId" INTEGER,
    "organizationId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Official_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Article" (
    "id" SERIAL NOT NULL,
    "headline" TEXT,
    "source" TEXT NOT NULL,
    "url" TEXT,
    "publishedAt" TIMESTAMP(3),
    "body" TEXT NOT NULL,
    "bodySha256" CHAR(64) NOT NULL,
    "photoCredit" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Article_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Meeting" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "series" TEXT,
    "ordinal" INTEGER,
    "city" TEXT,
    "countryId" INTEGER,
    "date" DATE,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Meeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingParticipant" (
    "meetingId" INTEGER NOT NULL,
    "officialId" INTEGER NOT NULL,

    CONSTRAINT "MeetingParticipant_pkey" PRIMARY KEY ("meetingId","officialId")
);

-- CreateTable
CREATE TABLE "ArticleMeeting" (
    "articleId" INTEGER NOT NULL,
    "meetingId" INTEGER NOT NULL,

    CONSTRAINT "ArticleMeeting_pkey" PRIMARY KEY ("articleId","meetingId")
);

-- CreateTable
CREATE TABLE "Deployment" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "system" TEXT,
    "systemName" TEXT,
    "status" "DeploymentStatus" NOT NULL,
    "location" TEXT,
    "operatorId" INTEGER,
    "hostId" INTEGER,
    "announcedOn" DATE,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Deployment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Position" (
    "id" SERIAL NOT NULL,
    "stance" "Stance" NOT NULL,
    "summary" TEXT NOT NULL,
    "deploymentId" INTEGER,
    "topic" TEXT,
    "meetingId" INTEGER,
    "statedOn" DATE,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Position_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PositionSpeaker" (
    "positionId" INTEGER NOT NULL,
    "officialId" INTEGER NOT NULL,

    CONSTRAINT "PositionSpeaker_pkey" PRIMARY KEY ("positionId","officialId")
);

-- CreateTable
CREATE TABLE "PositionHolder" (
    "positionId" INTEGER NOT NULL,
    "actorId" INTEGER NOT NULL,

    CONSTRAINT "PositionHolder_pkey" PRIMARY KEY ("positionId","actorId")
);

-- CreateTable
CREATE TABLE "PositionAddressee" (
    "positionId" INTEGER NOT NULL,
    "actorId" INTEGER NOT NULL,

    CONSTRAINT "PositionAddressee_pkey" PRIMARY KEY ("positionId","actorId")
);

-- CreateTable
CREATE TABLE "Evidence" (
    "id" SERIAL NOT NULL,
    "positionId" INTEGER NOT NULL,
    "articleId" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Evidence_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Actor_kind_name_idx" ON "Actor"("kind", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Country_isoCode_key" ON "Country"("isoCode");

-- CreateIndex
CREATE UNIQUE INDEX "Organization_acronym_key" ON "Organization"("acronym");

-- CreateIndex
CREATE INDEX "OrganizationMembership_countryId_idx" ON "OrganizationMembership"("countryId");

-- CreateIndex
CREATE INDEX "Official_countryId_idx" ON "Official"("countryId");

-- CreateIndex
CREATE INDEX "Official_organizationId_idx" ON "Official"("organizationId");

-- CreateIndex
CREATE INDEX "Official_name_idx" ON "Official"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Article_url_key" ON "Article"("url");

-- CreateIndex
CREATE UNIQUE INDEX "Article_bodySha256_key" ON "Article"("bodySha256");

-- CreateIndex
CREATE INDEX "Meeting_countryId_idx" ON "Meeting"("countryId");

-- CreateIndex
CREATE INDEX "Meeting_date_idx" ON "Meeting"("date");

-- CreateIndex
CREATE INDEX "MeetingParticipant_officialId_idx" ON "MeetingParticipant"("officialId");

-- CreateIndex
CREATE INDEX "ArticleMeeting_meetingId_idx" ON "ArticleMeeting"("meetingId");

-- CreateIndex
CREATE INDEX "Deployment_operatorId_idx" ON "Deployment"("operatorId");

-- CreateIndex
CREATE INDEX "Deployment_hostId_idx" ON "Deployment"("hostId");

-- CreateIndex
CREATE INDEX "Deployment_system_idx" ON "Deployment"("system");

-- CreateIndex
CREATE INDEX "Position_deploymentId_idx" ON "Position"("deploymentId");

-- CreateIndex
CREATE INDEX "Position_meetingId_idx" ON "Position"("meetingId");

-- CreateIndex
CREATE INDEX "Position_statedOn_idx" ON "Position"("statedOn");

-- CreateIndex
CREATE INDEX "PositionSpeaker_officialId_idx" ON "PositionSpeaker"("officialId");

-- CreateIndex
CREATE INDEX "PositionHolder_actorId_idx" ON "PositionHolder"("actorId");

-- CreateIndex
CREATE INDEX "PositionAddressee_actorId_idx" ON "PositionAddressee"("actorId");

-- CreateIndex
CREATE INDEX "Evidence_articleId_idx" ON "Evidence"("articleId");

-- CreateIndex
CREATE UNIQUE INDEX "Evidence_positionId_articleId_start_end_key" ON "Evidence"("positionId", "articleId", "start", "end");

-- AddForeignKey
ALTER TABLE "Country" ADD CONSTRAINT "Country_id_fkey" FOREIGN KEY ("id") REFERENCES "Actor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Organization" ADD CONSTRAINT "Organization_id_fkey" FOREIGN KEY ("id") REFERENCES "Actor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganizationMembership" ADD CONSTRAINT "OrganizationMembership_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganizationMembership" ADD CONSTRAINT "OrganizationMembership_countryId_fkey" FOREIGN KEY ("countryId") REFERENCES "Country"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Official" ADD CONSTRAINT "Official_countryId_fkey" FOREIGN KEY ("countryId") REFERENCES "Country"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Official" ADD CONSTRAINT "Official_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_countryId_fkey" FOREIGN KEY ("countryId") REFERENCES "Country"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingParticipant" ADD CONSTRAINT "MeetingParticipant_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingParticipant" ADD CONSTRAINT "MeetingParticipant_officialId_fkey" FOREIGN KEY ("officialId") REFERENCES "Official"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticleMeeting" ADD CONSTRAINT "ArticleMeeting_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticleMeeting" ADD CONSTRAINT "ArticleMeeting_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_operatorId_fkey" FOREIGN KEY ("operatorId") REFERENCES "Actor"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Country"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Position" ADD CONSTRAINT "Position_deploymentId_fkey" FOREIGN KEY ("deploymentId") REFERENCES "Deployment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Position" ADD CONSTRAINT "Position_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PositionSpeaker" ADD CONSTRAINT "PositionSpeaker_positionId_fkey" FOREIGN KEY ("positionId") REFERENCES "Position"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PositionSpeaker" ADD CONSTRAINT "PositionSpeaker_officialId_fkey" FOREIGN KEY ("officialId") REFERENCES "Official"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PositionHolder" ADD CONSTRAINT "PositionHolder_positionId_fkey" FOREIGN KEY ("positionId") REFERENCES "Position"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PositionHolder" ADD CONSTRAINT "PositionHolder_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "Actor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PositionAddressee" ADD CONSTRAINT "PositionAddressee_positionId_fkey" FOREIGN KEY ("positionId") REFERENCES "Position"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PositionAddressee" ADD CONSTRAINT "PositionAddressee_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "Actor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_positionId_fkey" FOREIGN KEY ("positionId") REFERENCES "Position"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
