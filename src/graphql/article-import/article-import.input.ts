/**
 * articleImport's input: the import format ("stancegraph.article/1", docs/import-format.md) as
 * GraphQL input types. Lists left out are empty; nullable fields left out are null.
 */
import { Field, InputType, Int } from 'type-graphql';
import { DateScalar, DateTimeScalar } from '../scalars.ts';
import type { DeploymentStatus } from '../../data/models/deployment.ts';
import { DeploymentStatusEnum } from '../models/deployment.ts';
import type { Stance } from '../../data/models/position.ts';
import { StanceEnum } from '../models/position.ts';

@InputType('ArticleImportArticleInput', { description: 'The article itself.' })
export class ArticleImportArticleInput {
  @Field(() => String, { description: 'The publisher or news agency.' })
  source!: string;

  @Field(() => String, { description: 'The full text, exactly as published; quotes are located in it.' })
  body!: string;

  @Field(() => String, { nullable: true, description: 'The headline, if the source gives one.' })
  headline?: string | null;

  @Field(() => String, { nullable: true, description: 'Where it is published: matched first (an article at this URL with another body is a CONFLICT).' })
  url?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was published; not in the future.' })
  publishedAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'The photo credit as printed.' })
  photoCredit?: string | null;
}

@InputType('ArticleImportCountryInput', { description: 'A country the article mentions; its key in the document is its ISO code (or its name, without one).' })
export class ArticleImportCountryInput {
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 code: matched first. Without it the country must already be recorded under this name or alias.' })
  isoCode?: string | null;

  @Field(() => String, { description: 'The common English name (added to the aliases of a country matched by code under another name).' })
  name!: string;

  @Field(() => [String], { nullable: true, description: 'Other names the article uses, e.g. "Seoul".' })
  aliases?: string[] | null;
}

@InputType('ArticleImportOrganizationInput', { description: 'An organization the article mentions; its key is its acronym (or its name, without one).' })
export class ArticleImportOrganizationInput {
  @Field(() => String, { nullable: true, description: 'The acronym: matched first, then the name and aliases.' })
  acronym?: string | null;

  @Field(() => String, { description: 'The full name.' })
  name!: string;

  @Field(() => [String], { nullable: true, description: 'Other names the article uses.' })
  aliases?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Keys of member countries declared in the document.' })
  members?: string[] | null;
}

@InputType('ArticleImportOfficialInput', { description: 'An official the article names; their key is their name. Matched by name or alias within their country.' })
export class ArticleImportOfficialInput {
  @Field(() => String, { description: 'The full name.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'The title as the article states it.' })
  title?: string | null;

  @Field(() => [String], { nullable: true, description: 'Other names the article uses, e.g. the surname alone.' })
  aliases?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Key of the country they speak for.' })
  country?: string | null;

  @Field(() => String, { nullable: true, description: 'Key of the organization they speak for.' })
  organization?: string | null;
}

@InputType('ArticleImportMeetingInput', { description: 'A meeting the article reports. Matched by name and date, or by series and ordinal.' })
export class ArticleImportMeetingInput {
  @Field(() => String, { description: 'Its key in the document (positions refer to it).' })
  key!: string;

  @Field(() => String, { description: 'The name as the article gives it.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'The recurring series it belongs to.' })
  series?: string | null;

  @Field(() => Int, { nullable: true, description: 'Its number within the series.' })
  ordinal?: number | null;

  @Field(() => String, { nullable: true, description: 'The city where it was held.' })
  city?: string | null;

  @Field(() => String, { nullable: true, description: 'Key of the host country.' })
  country?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The day it was held.' })
  date?: Date | null;

  @Field(() => [String], { nullable: true, description: 'Names of the officials (declared in the document) who took part.' })
  participants?: string[] | null;
}

@InputType('ArticleImportDeploymentInput', { description: 'A deployment the article reports. Matched by system and host country (by name and host without a system).' })
export class ArticleImportDeploymentInput {
  @Field(() => String, { description: 'Its key in the document (positions refer to it).' })
  key!: string;

  @Field(() => String, { description: 'A descriptive name.' })
  name!: string;

  @Field(() => DeploymentStatusEnum, { description: 'How far it has gone, as the article states it.' })
  status!: DeploymentStatus;

  @Field(() => String, { nullable: true, description: 'The short name of the weapon system.' })
  system?: string | null;

  @Field(() => String, { nullable: true, description: 'The full name of the weapon system.' })
  systemName?: string | null;

  @Field(() => String, { nullable: true, description: 'Where, within the host country.' })
  location?: string | null;

  @Field(() => String, { nullable: true, description: 'Key of the country or organization that operates it.' })
  operator?: string | null;

  @Field(() => String, { nullable: true, description: 'Key of the host country.' })
  host?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The day it was announced; not in the future.' })
  announcedOn?: Date | null;
}

@InputType('ArticleImportEvidenceInput', { description: 'A quote of the article body that reports the position.' })
export class ArticleImportEvidenceInput {
  @Field(() => String, { description: 'The exact text of the body.' })
  quote!: string;

  @Field(() => Int, { nullable: true, description: 'Where it starts in the body; needed only when the quote occurs more than once.' })
  start?: number | null;
}

@InputType('ArticleImportPositionInput', { description: 'A position the article reports. A position already recorded (same stance, target, holders and meeting) gains the quotes as evidence.' })
export class ArticleImportPositionInput {
  @Field(() => StanceEnum, { description: 'The kind of stance.' })
  stance!: Stance;

  @Field(() => String, { description: 'A faithful paraphrase.' })
  summary!: string;

  @Field(() => [String], { description: 'Keys of the countries or organizations that hold it (at least one).' })
  holders!: string[];

  @Field(() => [ArticleImportEvidenceInput], { description: 'The quotes that report it (at least one).' })
  evidence!: ArticleImportEvidenceInput[];

  @Field(() => [String], { nullable: true, description: 'Names of the officials who voiced it.' })
  speakers?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Keys of the actors it calls on or is directed at.' })
  addressees?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Key of the deployment it is about; give exactly one of deployment and topic.' })
  deployment?: string | null;

  @Field(() => String, { nullable: true, description: 'The topic it is about; give exactly one of deployment and topic.' })
  topic?: string | null;

  @Field(() => String, { nullable: true, description: 'Key of the meeting where it was stated.' })
  meeting?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The day it was stated; not in the future.' })
  statedOn?: Date | null;
}

@InputType('ArticleImportInput', { description: 'One article and everything it reports, as in the import format "stancegraph.article/1" (docs/import-format.md).' })
export class ArticleImportInput {
  @Field(() => ArticleImportArticleInput, { description: 'The article.' })
  article!: ArticleImportArticleInput;

  @Field(() => [ArticleImportCountryInput], { nullable: true, description: 'The countries it mentions.' })
  countries?: ArticleImportCountryInput[] | null;

  @Field(() => [ArticleImportOrganizationInput], { nullable: true, description: 'The organizations it mentions.' })
  organizations?: ArticleImportOrganizationInput[] | null;

  @Field(() => [ArticleImportOfficialInput], { nullable: true, description: 'The officials it names.' })
  officials?: ArticleImportOfficialInput[] | null;

  @Field(() => [ArticleImportMeetingInput], { nullable: true, description: 'The meetings it reports.' })
  meetings?: ArticleImportMeetingInput[] | null;

  @Field(() => [ArticleImportDeploymentInput], { nullable: true, description: 'The deployments it reports.' })
  deployments?: ArticleImportDeploymentInput[] | null;

  @Field(() => [ArticleImportPositionInput], { nullable: true, description: 'The positions it reports.' })
  positions?: ArticleImportPositionInput[] | null;
}
