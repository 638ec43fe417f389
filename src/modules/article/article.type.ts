import { Field, ID, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../graphql/connection.ts';
import { Audited } from '../../graphql/audited.interface.ts';
import { Node } from '../../graphql/node.interface.ts';
import { DateTimeScalar } from '../../graphql/scalars.ts';

@ObjectType('Article', { implements: [Node, Audited], description: 'A news report: the source every position cites through evidence.' })
export class Article implements Node, Audited {
  // Audited's fields (createdAt, updatedAt, createdBy, updatedBy, version) come from the interface.
  createdAt!: Date;
  updatedAt!: Date;
  createdBy!: string | null;
  updatedBy!: string | null;
  version!: number;
  rowId!: number;

  @Field(() => ID, { description: 'The globally unique, opaque ID of this article.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'The headline; null when the source gives none.' })
  headline!: string | null;

  @Field(() => String, { description: 'The publisher or news agency, e.g. "Xinhua".' })
  source!: string;

  @Field(() => String, { nullable: true, description: 'Where the article is published; null when not known.' })
  url!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the article was published; null when the source does not state it.' })
  publishedAt!: Date | null;

  @Field(() => String, { description: 'The full text, exactly as published; evidence offsets index into it.' })
  body!: string;

  @Field(() => String, { nullable: true, description: 'The photo credit as printed, e.g. "Xinhua/Evgeny Sinitsyn"; null when there is none.' })
  photoCredit!: string | null;
}

@ObjectType('ArticleConnection', { description: 'A paginated list of articles.' })
export class ArticleConnection extends ConnectionType(Article, 'Article', 'articles') {}
