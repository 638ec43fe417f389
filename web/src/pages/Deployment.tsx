/**
 * A deployment: who said what about it (positions grouped by holder), the stance timeline, its
 * status history, filters by stance, holder and date range (the API's PositionFilter, kept in
 * the URL so that a filtered view can be shared), and new positions as they are recorded.
 */
import { useQuery } from '@apollo/client/react';
import { useEffect, type FormEvent } from 'react';
import { graphql } from '../gql';
import type { PositionFilter, Stance } from '../gql/graphql';
import { Link, navigate, paths } from '../router';
import { StanceTimeline } from '../StanceTimeline';
import { stanceLabel, stances } from '../stances';
import { NotFound, StanceBadge, Status } from '../ui';

graphql(`
  fragment PositionListItem on Position {
    id
    stance
    summary
    statedIn
    holders {
      id
      name
    }
    speakers {
      id
      name
    }
  }
`);

const DeploymentPage = graphql(`
  query DeploymentPage($id: ID!, $filter: PositionFilter, $after: String) {
    node(id: $id) {
      ... on Deployment {
        id
        name
        system
        systemName
        location
        status
        announcedOn
        host {
          id
          name
        }
        operator {
          id
          name
        }
        statusHistory(first: 20) {
          id
          status
          on
          quote
          article {
            id
            source
          }
        }
        stanceSummary {
          byHolder(first: 50) {
            holder {
              id
              name
            }
          }
        }
        positions(first: 50, after: $after, filter: $filter) {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          edges {
            cursor
            node {
              ...PositionListItem
            }
          }
        }
      }
    }
  }
`);

const PositionRecordedOnDeployment = graphql(`
  subscription PositionRecordedOnDeployment($filter: PositionFilter!) {
    positionRecorded(filter: $filter) {
      ...PositionListItem
    }
  }
`);

/** The filter the URL's query string names (?stance=OPPOSE&holder=<id>&from=2016-07-01&to=…). */
function filterFrom(search: URLSearchParams): PositionFilter {
  const filter: PositionFilter = {};
  const chosen = search.getAll('stance').filter((stance): stance is Stance => (stances as string[]).includes(stance));
  if (chosen.length) filter.stances = chosen;
  const holders = search.getAll('holder');
  if (holders.length) filter.holders = holders;
  const from = search.get('from') || null;
  const to = search.get('to') || null;
  if (from || to) filter.statedOn = { from, to };
  return filter;
}

export function Deployment({ id, search }: { id: string; search: URLSearchParams }) {
  const filter = filterFrom(search);
  const { data, error, fetchMore, subscribeToMore } = useQuery(DeploymentPage, { variables: { id, filter } });
  const filterKey = JSON.stringify(filter);

  // A position recorded on this deployment (and meeting the filter) joins the cached list: the
  // timeline and the list re-render from the cache, without a reload.
  useEffect(
    () =>
      subscribeToMore({
        document: PositionRecordedOnDeployment,
        variables: { filter: { ...(JSON.parse(filterKey) as PositionFilter), deployments: [id] } },
        updateQuery: (_partial, { complete, previousData, subscriptionData }) => {
          const position = subscriptionData.data?.positionRecorded;
          if (!complete || !position) return undefined;
          const node = previousData.node;
          if (node?.__typename !== 'Deployment' || node.positions.edges.some((edge) => edge.node.id === position.id)) return undefined;
          const edge = { __typename: 'PositionEdge' as const, cursor: `recorded:${position.id}`, node: position };
          const positions = { ...node.positions, totalCount: node.positions.totalCount + 1, edges: [edge, ...node.positions.edges] };
          return { ...previousData, node: { ...node, positions } };
        },
      }),
    [subscribeToMore, id, filterKey],
  );

  if (!data) return <Status error={error} />;
  const deployment = data.node?.__typename === 'Deployment' ? data.node : null;
  if (!deployment) return <NotFound what="deployment" />;
  const positions = deployment.positions.edges.map((edge) => edge.node);
  const byHolder = new Map<string, typeof positions>();
  for (const position of positions) {
    const key = position.holders.map((holder) => holder.name).join(' · ') || 'unknown holder';
    byHolder.set(key, [...(byHolder.get(key) ?? []), position]);
  }

  const applyFilter = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const query = new URLSearchParams();
    for (const [name, value] of form) if (typeof value === 'string' && value) query.append(name, value);
    navigate(`${paths.deployment(id)}${query.size ? `?${query}` : ''}`);
  };

  return (
    <>
      <h1>{deployment.name}</h1>
      <p className="muted">
        {[deployment.systemName ?? deployment.system, deployment.location, deployment.host?.name, `operated by ${deployment.operator?.name ?? 'unknown'}`]
          .filter(Boolean)
          .join(' · ')}
        {deployment.announcedOn && ` · announced ${deployment.announcedOn}`} · status: {deployment.status.toLowerCase()}
      </p>

      <form className="filters" onSubmit={applyFilter} aria-label="Filter positions" key={search.toString()}>
        <label>
          Stance
          <select name="stance" defaultValue={search.get('stance') ?? ''}>
            <option value="">any</option>
            {stances.map((stance) => (
              <option key={stance} value={stance}>
                {stanceLabel(stance)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Holder
          <select name="holder" defaultValue={search.get('holder') ?? ''}>
            <option value="">any</option>
            {deployment.stanceSummary.byHolder.map(({ holder }) => (
              <option key={holder.id} value={holder.id}>
                {holder.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          From
          <input type="date" name="from" defaultValue={search.get('from') ?? ''} />
        </label>
        <label>
          To
          <input type="date" name="to" defaultValue={search.get('to') ?? ''} />
        </label>
        <button type="submit">Filter</button>
        {search.size > 0 && <Link to={paths.deployment(id)}>Clear</Link>}
      </form>

      <h2>Stance timeline</h2>
      <StanceTimeline positions={positions} />

      <h2>Who said what ({deployment.positions.totalCount})</h2>
      {[...byHolder].map(([holders, held]) => (
        <section key={holders} className="holder-group">
          <h3>{holders}</h3>
          <ul className="positions">
            {held.map((position) => (
              <li key={position.id} data-position-id={position.id}>
                <StanceBadge stance={position.stance} /> <Link to={paths.position(position.id)}>{position.summary}</Link>
                <span className="muted">
                  {' '}
                  {position.statedIn ?? 'undated'}
                  {position.speakers.length > 0 && ` · ${position.speakers.map((speaker) => speaker.name).join(', ')}`}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ))}
      {deployment.positions.pageInfo.hasNextPage && (
        <button type="button" onClick={() => void fetchMore({ variables: { after: deployment.positions.pageInfo.endCursor } })}>
          More positions
        </button>
      )}

      <h2>Status history</h2>
      <ol className="status-history">
        {deployment.statusHistory.map((change) => (
          <li key={change.id}>
            <strong>{change.status.toLowerCase()}</strong> {change.on ?? 'undated'}
            {change.quote && (
              <>
                {' '}
                <q>{change.quote}</q>
              </>
            )}
            {change.article && (
              <>
                {' '}
                — <Link to={paths.article(change.article.id)}>{change.article.source}</Link>
              </>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}
