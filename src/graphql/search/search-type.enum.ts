import type { SearchType } from '../../data/search.ts';
import { enumType } from '../enum-type.ts';

export type { SearchType };

const descriptions: Record<SearchType, string> = {
  ARTICLE: 'Articles, by headline and body text.',
  COUNTRY: 'Countries, by name and aliases.',
  DEPLOYMENT: 'Deployments, by name, weapon system (short and full name) and location.',
  EVIDENCE: 'Evidence, by the quoted text.',
  OFFICIAL: 'Officials, by name and aliases.',
  ORGANIZATION: 'Organizations, by name and aliases.',
  POSITION: 'Positions, by summary and topic.',
};

/** The SearchType enum type. */
export const SearchTypeEnum = enumType({
  name: 'SearchType',
  description: 'The kinds of objects `search` looks through, and what it matches in each.',
  values: descriptions,
});
