import { useQuery } from '@apollo/client/react';
import { graphql } from '../gql';
import { Link, paths } from '../router';
import { Status } from '../ui';

const DeploymentsPage = graphql(`
  query DeploymentsPage {
    deployments(first: 50) {
      nodes {
        id
        name
        system
        status
        location
        host {
          id
          name
        }
        stanceSummary {
          totalCount
        }
      }
    }
  }
`);

export function Home() {
  const { data, error } = useQuery(DeploymentsPage);
  if (!data) return <Status error={error} />;
  return (
    <>
      <h1>Deployments</h1>
      <ul className="cards">
        {data.deployments.nodes.map((deployment) => (
          <li key={deployment.id}>
            <Link to={paths.deployment(deployment.id)}>{deployment.name}</Link>
            <div className="muted">
              {[deployment.system, deployment.location ?? deployment.host?.name, deployment.status.toLowerCase()].filter(Boolean).join(' · ')} ·{' '}
              {deployment.stanceSummary.totalCount} positions
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
