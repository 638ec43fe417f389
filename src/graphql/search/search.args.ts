import { ArgsType, Field, Int } from 'type-graphql';
import { defaultPageSize, maxPageSize } from '../../data/listing.ts';
import { SearchTypeEnum, type SearchType } from './search-type.enum.ts';

@ArgsType()
export class SearchArgs {
  @Field(() => String, {
    description:
      'Words to look for, in web search syntax: all words must match (English stemming: "deploy" finds "deployment"; British and American spellings find each other: "defense" finds "defence"); "quoted words" for a phrase; -word to exclude; or between alternatives.',
  })
  query!: string;

  @Field(() => [SearchTypeEnum], { nullable: true, description: 'Only objects of these kinds; every kind when omitted.' })
  types?: SearchType[] | null;

  @Field(() => Int, { nullable: true, description: `Returns the first n hits (1..${maxPageSize}; ${defaultPageSize} when omitted).` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Returns the hits that come after this cursor (from the same query).' })
  after?: string | null;
}
