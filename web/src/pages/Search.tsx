/** Search across articles, actors, deployments and positions, with the API's highlighted snippets. */
import { useQuery } from '@apollo/client/react';
import { graphql } from '../gql';
import type { SearchPageQuery } from '../gql/graphql';
import { Link, paths } from '../router';
import { Status } from '../ui';

const SearchPage = graphql(`
  query SearchPage($query: String!) {
    search(query: $query, first: 30) {
      totalCount
      edges {
        cursor
        snippet
        node {
          ... on Article {
            id
            headline
            source
          }
          ... on Country {
            id
            name
          }
          ... on Organization {
            id
            name
          }
          ... on Official {
            id
            name
          }
          ... on Deployment {
            id
            name
          }
          ... on Position {
            id
            summary
          }
          ... on Evidence {
            id
            position {
              id
              summary
            }
          }
        }
      }
    }
  }
`);

type Hit = SearchPageQuery['search']['edges'][number]['node'];

function linkOf(hit: Hit): { to: string; label: string } {
  switch (hit.__typename) {
    case 'Article':
      return { to: paths.article(hit.id), label: hit.headline ?? hit.source };
    case 'Country':
    case 'Organization':
      return { to: paths.actor(hit.id), label: hit.name };
    case 'Official':
      return { to: paths.official(hit.id), label: hit.name };
    case 'Deployment':
      return { to: paths.deployment(hit.id), label: hit.name };
    case 'Position':
      return { to: paths.position(hit.id), label: hit.summary };
    case 'Evidence':
      return { to: paths.position(hit.position.id), label: `Evidence for: ${hit.position.summary}` };
  }
}

export function Search({ query }: { query: string }) {
  const { data, error } = useQuery(SearchPage, { variables: { query }, skip: !query });
  if (!query) return <p>Type words in the search box above.</p>;
  if (!data) return <Status error={error} />;
  return (
    <>
      <h1>
        {data.search.totalCount} results for “{query}”
      </h1>
      <ol className="search-results">
        {data.search.edges.map((edge) => {
          const link = linkOf(edge.node);
          return (
            <li key={edge.cursor}>
              <span className="kind">{edge.node.__typename}</span> <Link to={link.to}>{link.label}</Link>
              {/* The snippet is the API's HTML: its text escaped by the server, with only <mark> added. */}
              <p className="snippet" dangerouslySetInnerHTML={{ __html: edge.snippet }} />
            </li>
          );
        })}
      </ol>
    </>
  );
}
