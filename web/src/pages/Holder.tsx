/**
 * A country, an organization or an official: their stances by deployment and by topic (matrices
 * of stanceSummary's counts) and over time (the stance timeline of their positions).
 */
import { useQuery } from '@apollo/client/react';
import { graphql } from '../gql';
import type { StanceSummaryFieldsFragment } from '../gql/graphql';
import { Link, paths } from '../router';
import { StanceMatrix } from '../StanceMatrix';
import { StanceTimeline } from '../StanceTimeline';
import { NotFound, Status } from '../ui';

graphql(`
  fragment StanceSummaryFields on StanceSummary {
    totalCount
    byDeployment(first: 50) {
      deployment {
        id
        name
      }
      byStance {
        stance
        count
      }
      totalCount
    }
    byTopic(first: 50) {
      topic
      byStance {
        stance
        count
      }
      totalCount
    }
  }
`);

const HolderPage = graphql(`
  query HolderPage($id: ID!) {
    node(id: $id) {
      ... on Actor {
        id
        name
        stanceSummary {
          ...StanceSummaryFields
        }
        positions(first: 100) {
          nodes {
            ...PositionListItem
          }
        }
      }
      ... on Official {
        id
        name
        title
        country {
          id
          name
        }
        stanceSummary {
          ...StanceSummaryFields
        }
        positions(first: 100) {
          nodes {
            ...PositionListItem
          }
        }
      }
    }
  }
`);

function Matrices({ summary }: { summary: StanceSummaryFieldsFragment }) {
  return (
    <>
      <StanceMatrix
        caption={`Stances by deployment (${summary.totalCount} positions in all)`}
        rows={summary.byDeployment.map((row) => ({
          ...row,
          key: row.deployment.id,
          label: <Link to={paths.deployment(row.deployment.id)}>{row.deployment.name}</Link>,
        }))}
      />
      <StanceMatrix caption="Stances by topic" rows={summary.byTopic.map((row) => ({ ...row, key: row.topic, label: row.topic }))} />
    </>
  );
}

export function Holder({ id }: { id: string }) {
  const { data, error } = useQuery(HolderPage, { variables: { id } });
  if (!data) return <Status error={error} />;
  const holder = data.node && 'stanceSummary' in data.node ? data.node : null;
  if (!holder) return <NotFound what="country, organization or official" />;
  return (
    <>
      <h1>{holder.name}</h1>
      {holder.__typename === 'Official' && (
        <p className="muted">
          {holder.title}
          {holder.country && (
            <>
              {' · '}
              <Link to={paths.actor(holder.country.id)}>{holder.country.name}</Link>
            </>
          )}
        </p>
      )}
      <Matrices summary={holder.stanceSummary} />
      <h2>Over time</h2>
      <StanceTimeline positions={holder.positions.nodes} />
    </>
  );
}
