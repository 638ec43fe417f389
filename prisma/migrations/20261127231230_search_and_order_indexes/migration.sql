-- Search and ordering at scale (issue 3). Written by `npm run db:migration`, then edited by hand for
-- what Prisma cannot express: the functions and GENERATED columns behind "searchVector", and the
-- expression indexes that ordered connections seek on. Prisma sees the generation expressions as
-- the columns' defaults (dbgenerated in schema.prisma) and ignores expression indexes, so the
-- migrations still match the schema.

-- Full-text search vectors (English stemming; weights: names A, position summaries B, quotes C,
-- article bodies D). IMMUTABLE wrappers, as generated columns require.
CREATE FUNCTION stancegraph_names_vector(name text, aliases text[]) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT setweight(to_tsvector('english'::regconfig, coalesce(name, '')), 'A') || setweight(to_tsvector('english'::regconfig, coalesce(array_to_string(aliases, ' '), '')), 'B') $$;

CREATE FUNCTION stancegraph_article_vector(headline text, body text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT setweight(to_tsvector('english'::regconfig, coalesce(headline, '')), 'B') || setweight(to_tsvector('english'::regconfig, coalesce(body, '')), 'D') $$;

CREATE FUNCTION stancegraph_deployment_vector(name text, system text, system_name text, location text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT setweight(to_tsvector('english'::regconfig, concat_ws(' ', name, system)), 'A') || setweight(to_tsvector('english'::regconfig, concat_ws(' ', system_name, location)), 'B') $$;

CREATE FUNCTION stancegraph_position_vector(summary text, topic text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT setweight(to_tsvector('english'::regconfig, concat_ws(' ', summary, topic)), 'B') $$;

CREATE FUNCTION stancegraph_evidence_vector(quote text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT setweight(to_tsvector('english'::regconfig, coalesce(quote, '')), 'C') $$;

-- DropIndex
DROP INDEX "ArticleMeeting_meetingId_idx";

-- DropIndex
DROP INDEX "Deployment_hostId_idx";

-- DropIndex
DROP INDEX "Deployment_operatorId_idx";

-- DropIndex
DROP INDEX "Evidence_articleId_idx";

-- DropIndex
DROP INDEX "MeetingParticipant_officialId_idx";

-- DropIndex
DROP INDEX "Official_countryId_idx";

-- DropIndex
DROP INDEX "Official_name_idx";

-- DropIndex
DROP INDEX "Official_organizationId_idx";

-- DropIndex
DROP INDEX "OrganizationMembership_countryId_idx";

-- DropIndex
DROP INDEX "Position_deploymentId_idx";

-- DropIndex
DROP INDEX "Position_meetingId_idx";

-- DropIndex
DROP INDEX "Position_statedOn_idx";

-- DropIndex
DROP INDEX "PositionHolder_actorId_idx";

-- DropIndex
DROP INDEX "PositionSpeaker_officialId_idx";

-- AlterTable
ALTER TABLE "Actor" ADD COLUMN     "searchVector" tsvector GENERATED ALWAYS AS (stancegraph_names_vector(name, aliases)) STORED;

-- AlterTable
ALTER TABLE "Article" ADD COLUMN     "searchVector" tsvector GENERATED ALWAYS AS (stancegraph_article_vector(headline, body)) STORED;

-- AlterTable
ALTER TABLE "Deployment" ADD COLUMN     "searchVector" tsvector GENERATED ALWAYS AS (stancegraph_deployment_vector(name, system, "systemName", location)) STORED;

-- AlterTable
ALTER TABLE "Evidence" ADD COLUMN     "searchVector" tsvector GENERATED ALWAYS AS (stancegraph_evidence_vector(text)) STORED;

-- AlterTable
ALTER TABLE "Official" ADD COLUMN     "searchVector" tsvector GENERATED ALWAYS AS (stancegraph_names_vector(name, aliases)) STORED;

-- AlterTable
ALTER TABLE "Position" ADD COLUMN     "searchVector" tsvector GENERATED ALWAYS AS (stancegraph_position_vector(summary, topic)) STORED;

-- CreateIndex
CREATE INDEX "Actor_searchVector_idx" ON "Actor" USING GIN ("searchVector");

-- CreateIndex
CREATE INDEX "Article_searchVector_idx" ON "Article" USING GIN ("searchVector");

-- CreateIndex
CREATE INDEX "ArticleMeeting_meetingId_articleId_idx" ON "ArticleMeeting"("meetingId", "articleId");

-- CreateIndex
CREATE INDEX "Deployment_operatorId_id_idx" ON "Deployment"("operatorId", "id");

-- CreateIndex
CREATE INDEX "Deployment_hostId_id_idx" ON "Deployment"("hostId", "id");

-- CreateIndex
CREATE INDEX "Deployment_searchVector_idx" ON "Deployment" USING GIN ("searchVector");

-- CreateIndex
CREATE INDEX "Evidence_articleId_positionId_idx" ON "Evidence"("articleId", "positionId");

-- CreateIndex
CREATE INDEX "Evidence_searchVector_idx" ON "Evidence" USING GIN ("searchVector");

-- CreateIndex
CREATE INDEX "MeetingParticipant_officialId_meetingId_idx" ON "MeetingParticipant"("officialId", "meetingId");

-- CreateIndex
CREATE INDEX "Official_countryId_id_idx" ON "Official"("countryId", "id");

-- CreateIndex
CREATE INDEX "Official_organizationId_id_idx" ON "Official"("organizationId", "id");

-- CreateIndex
CREATE INDEX "Official_name_id_idx" ON "Official"("name", "id");

-- CreateIndex
CREATE INDEX "Official_searchVector_idx" ON "Official" USING GIN ("searchVector");

-- CreateIndex
CREATE INDEX "OrganizationMembership_countryId_organizationId_idx" ON "OrganizationMembership"("countryId", "organizationId");

-- CreateIndex
CREATE INDEX "Position_deploymentId_id_idx" ON "Position"("deploymentId", "id");

-- CreateIndex
CREATE INDEX "Position_meetingId_id_idx" ON "Position"("meetingId", "id");

-- CreateIndex
CREATE INDEX "Position_searchVector_idx" ON "Position" USING GIN ("searchVector");

-- CreateIndex
CREATE INDEX "PositionHolder_actorId_positionId_idx" ON "PositionHolder"("actorId", "positionId");

-- CreateIndex
CREATE INDEX "PositionSpeaker_officialId_positionId_idx" ON "PositionSpeaker"("officialId", "positionId");

-- Keyset pagination on nullable columns: the sort key is COALESCE(column, '-infinity') (no value
-- sorts as earliest) with the row id as tie-break, so that `(key, id) < (cursor key, cursor id)`
-- seeks in one index range, and page 5,000 costs what page 1 costs.
CREATE INDEX "Position_statedOn_order_idx" ON "Position" ((COALESCE("statedOn", '-infinity'::date)), "id");
CREATE INDEX "Article_publishedAt_order_idx" ON "Article" ((COALESCE("publishedAt", '-infinity'::timestamp)), "id");
CREATE INDEX "Meeting_date_order_idx" ON "Meeting" ((COALESCE("date", '-infinity'::date)), "id");
CREATE INDEX "Deployment_announcedOn_order_idx" ON "Deployment" ((COALESCE("announcedOn", '-infinity'::date)), "id");
