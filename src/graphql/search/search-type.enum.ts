import { registerEnumType } from 'type-graphql';
import { SearchType } from '../../data/search.ts';

export { SearchType };

registerEnumType(SearchType, {
  name: 'SearchType',
  description: 'The kinds of objects `search` looks through, and what it matches in each.',
  valuesConfig: {
    ARTICLE: { description: 'Articles, by headline and body text.' },
    COUNTRY: { description: 'Countries, by name and aliases.' },
    DEPLOYMENT: { description: 'Deployments, by name, weapon system (short and full name) and location.' },
    EVIDENCE: { description: 'Evidence, by the quoted text.' },
    OFFICIAL: { description: 'Officials, by name and aliases.' },
    ORGANIZATION: { description: 'Organizations, by name and aliases.' },
    POSITION: { description: 'Positions, by summary and topic.' },
  },
});
