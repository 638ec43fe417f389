/** The resolvers of curation: mutations, API keys, the change log. schema.ts spreads them in. */
import { ApiKeyResolver } from '../modules/api-key/api-key.resolver.ts';
import { ArticleImportResolver } from '../modules/article/article-import.resolver.ts';
import { ArticleMutationResolver } from '../modules/article/article.mutation.resolver.ts';
import { ChangeLogResolver } from '../modules/change-log/change-log.resolver.ts';
import { CountryMutationResolver } from '../modules/country/country.mutation.resolver.ts';
import { DeploymentMutationResolver } from '../modules/deployment/deployment.mutation.resolver.ts';
import { EvidenceMutationResolver } from '../modules/evidence/evidence.mutation.resolver.ts';
import { MeetingMutationResolver } from '../modules/meeting/meeting.mutation.resolver.ts';
import { OfficialMutationResolver } from '../modules/official/official.mutation.resolver.ts';
import { OrganizationMutationResolver } from '../modules/organization/organization.mutation.resolver.ts';

export const curationResolvers = [
  CountryMutationResolver,
  OrganizationMutationResolver,
  OfficialMutationResolver,
  ArticleMutationResolver,
  ArticleImportResolver,
  MeetingMutationResolver,
  DeploymentMutationResolver,
  EvidenceMutationResolver,
  ApiKeyResolver,
  ChangeLogResolver,
] as const;
