import { Field, Int, ObjectType } from 'type-graphql';
import { PayloadType } from '../mutation.ts';
import { Article } from '../models/article.ts';

@ObjectType('ImportCounts', { description: 'What an import did with the entities of one kind.' })
export class ImportCounts {
  @Field(() => Int, { description: 'New records.' })
  created!: number;

  @Field(() => Int, { description: 'Records found, with nothing to change.' })
  matched!: number;

  @Field(() => Int, { description: 'Records found, and something they lacked filled in (a null field, an alias, new evidence).' })
  updated!: number;
}

@ObjectType('ArticleImportReport', { description: 'What articleImport created, matched and updated.' })
export class ArticleImportReport {
  @Field(() => ImportCounts, { description: 'Countries.' })
  countries!: ImportCounts;
  @Field(() => ImportCounts, { description: 'Organizations.' })
  organizations!: ImportCounts;
  @Field(() => ImportCounts, { description: 'Officials.' })
  officials!: ImportCounts;
  @Field(() => ImportCounts, { description: 'The article (one).' })
  articles!: ImportCounts;
  @Field(() => ImportCounts, { description: 'Meetings.' })
  meetings!: ImportCounts;
  @Field(() => ImportCounts, { description: 'Deployments.' })
  deployments!: ImportCounts;
  @Field(() => ImportCounts, { description: "Positions (updated: a known position that gained this article's evidence)." })
  positions!: ImportCounts;
  @Field(() => ImportCounts, { description: 'Evidence spans.' })
  evidence!: ImportCounts;
  @Field(() => ImportCounts, { description: "Links: holders, speakers, addressees, participants, members, the article's meetings (never updated)." })
  links!: ImportCounts;
  @Field(() => [String], { description: 'Values the document states differently from the database, which kept its own.' })
  warnings!: string[];
}

export const ArticleImportPayload = PayloadType('articleImport', {
  article: [() => Article, 'The article, created or matched; null when there are userErrors.'],
  report: [() => ArticleImportReport, 'What was created, matched and updated; null when there are userErrors.'],
});
