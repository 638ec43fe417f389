/**
 * The review queue: the positions automatic extraction proposed (reviewStatus PROPOSED), newest
 * first, each with its evidence highlighted in the words around it in its article. With an editor
 * key, Accept and Reject decide one (positionAccept, positionReject, with the version read as
 * `expectedVersion`): it leaves the queue in the cache, and the lists it joins or leaves are
 * fetched again when next shown. A userError (a proposal changed or decided meanwhile) is shown
 * on the proposal, with a way to read the queue again.
 */
import type { ApolloCache, ErrorLike, Reference } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useId, useRef, useState } from 'react';
import { useEditorKey } from '../editor-key';
import { graphql } from '../gql';
import type { ReviewProposalFragment } from '../gql/graphql';
import { contextAround, highlighted } from '../highlight';
import { Link, paths } from '../router';
import { stanceColours } from '../stances';
import { HolderLinks, SpeakerLinks, StanceBadge, Status } from '../ui';

graphql(`
  fragment ReviewProposal on Position {
    id
    version
    stance
    summary
    statedIn
    modality
    confidence
    holders(first: 20) {
      id
      name
    }
    speakers(first: 20) {
      id
      name
      title
    }
    deployments(first: 10) {
      id
      name
    }
    topics(first: 10) {
      id
      name
    }
    evidence(first: 10) {
      id
      start
      end
      article {
        id
        source
        headline
        publishedOn
        body
      }
    }
  }
`);

const ReviewQueuePage = graphql(`
  query ReviewQueuePage($after: String) {
    positions(first: 20, after: $after, filter: { reviewStatuses: [PROPOSED] }, orderBy: { field: RECORDED_AT, direction: DESC }) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...ReviewProposal
        }
      }
    }
  }
`);

const AcceptProposal = graphql(`
  mutation AcceptProposal($input: PositionReviewInput!) {
    positionAccept(input: $input) {
      position {
        id
        version
        reviewStatus
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const RejectProposal = graphql(`
  mutation RejectProposal($input: PositionReviewInput!) {
    positionReject(input: $input) {
      position {
        id
        version
        reviewStatus
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

type Decision = 'accepted' | 'rejected';

/** A connection as relayStylePagination keeps it in the cache: its edges' nodes are references. */
interface CachedConnection {
  edges: { node: Reference }[];
  totalCount?: number;
}

/**
 * Takes the decided proposal out of the queue (every cached list of PROPOSED positions), and drops
 * the cached lists and counts it joins (accepted) or that may hold it (any other list of
 * positions): they are fetched again when next shown.
 */
function leaveQueue(cache: ApolloCache, proposal: ReviewProposalFragment) {
  cache.modify<Record<string, unknown>>({
    fields: {
      positions: (existing, { readField, storeFieldName, DELETE }) => {
        if (!storeFieldName.includes('"reviewStatuses":["PROPOSED"]')) return DELETE;
        const connection = existing as CachedConnection;
        const edges = connection.edges.filter((edge) => readField('id', edge.node) !== proposal.id);
        const removed = connection.edges.length - edges.length;
        return { ...connection, edges, ...(connection.totalCount === undefined ? {} : { totalCount: connection.totalCount - removed }) };
      },
    },
  });
  const related = [
    ...proposal.deployments.map((deployment) => ({ __typename: 'Deployment', id: deployment.id })),
    ...proposal.holders,
    ...proposal.speakers,
    ...proposal.evidence.map((evidence) => evidence.article),
  ];
  for (const record of related) {
    const id = cache.identify(record);
    cache.evict({ id, fieldName: 'positions' });
    cache.evict({ id, fieldName: 'stanceSummary' });
  }
  cache.gc();
}

const percent = (confidence: number) => `${Math.round(confidence * 100)}%`;

function Proposal({
  proposal,
  editorKey,
  onDecided,
  onReload,
}: {
  proposal: ReviewProposalFragment;
  editorKey: string | null;
  onDecided: (proposal: ReviewProposalFragment, decision: Decision) => void;
  onReload: () => void;
}) {
  const heading = useId();
  const options = {
    context: { headers: { authorization: `Bearer ${editorKey ?? ''}` } },
  };
  const [accept, accepting] = useMutation(AcceptProposal, {
    ...options,
    update(cache, { data }) {
      if (data?.positionAccept?.position) leaveQueue(cache, proposal);
    },
  });
  const [reject, rejecting] = useMutation(RejectProposal, {
    ...options,
    update(cache, { data }) {
      if (data?.positionReject?.position) leaveQueue(cache, proposal);
    },
  });
  // The outcome of the last button pressed.
  const [last, setLast] = useState<Decision | null>(null);
  const outcome = last === 'accepted' ? accepting : last === 'rejected' ? rejecting : null;
  const userErrors = (last === 'accepted' ? accepting.data?.positionAccept?.userErrors : rejecting.data?.positionReject?.userErrors) ?? [];
  const error: ErrorLike | undefined = outcome?.error;
  // A decision on a stale version would be refused again: the queue is read again first.
  const stale = userErrors.some((userError) => userError.code === 'VERSION_CONFLICT');
  const busy = accepting.loading || rejecting.loading || stale;

  const decide = async (decision: Decision) => {
    setLast(decision);
    const variables = { input: { id: proposal.id, expectedVersion: proposal.version } };
    try {
      const result = decision === 'accepted' ? (await accept({ variables })).data?.positionAccept : (await reject({ variables })).data?.positionReject;
      if (result?.position) onDecided(proposal, decision);
    } catch {
      // Shown from `error`.
    }
  };

  return (
    <article className="proposal" aria-labelledby={heading} data-position-id={proposal.id}>
      <h2 id={heading}>
        <StanceBadge stance={proposal.stance} /> {proposal.summary}
      </h2>
      <dl className="facts">
        <dt>Confidence</dt>
        <dd className="confidence">{proposal.confidence == null ? <span className="muted">not given</span> : percent(proposal.confidence)}</dd>
        <dt>Holders</dt>
        <dd>
          <HolderLinks holders={proposal.holders} />
        </dd>
        <dt>Speakers</dt>
        <dd>
          <SpeakerLinks speakers={proposal.speakers} />
        </dd>
        <dt>About</dt>
        <dd>
          {proposal.deployments.map((deployment, i) => (
            <span key={deployment.id}>
              {i > 0 && ', '}
              <Link to={paths.deployment(deployment.id)}>{deployment.name}</Link>
            </span>
          ))}
          {proposal.topics.length > 0 && (
            <span className="muted">
              {proposal.deployments.length > 0 && ' · '}
              {proposal.topics.length === 1 ? 'topic' : 'topics'}: {proposal.topics.map((topic) => topic.name).join(', ')}
            </span>
          )}
        </dd>
        <dt>Stated</dt>
        <dd>{proposal.statedIn ?? 'undated'}</dd>
        <dt>Modality</dt>
        <dd>{proposal.modality.toLowerCase()}</dd>
      </dl>

      {proposal.evidence.map((evidence) => {
        const context = contextAround(evidence.article.body, evidence.start, evidence.end);
        return (
          <figure key={evidence.id} className="evidence">
            <blockquote>
              {context.cutBefore && '… '}
              {highlighted(context.text, [
                {
                  start: evidence.start - context.offset,
                  end: evidence.end - context.offset,
                  render: (text, key) => (
                    <mark key={key} style={{ borderBottomColor: stanceColours[proposal.stance] }} data-evidence-id={evidence.id}>
                      {text}
                    </mark>
                  ),
                },
              ])}
              {context.cutAfter && ' …'}
            </blockquote>
            <figcaption>
              — <Link to={paths.article(evidence.article.id)}>{evidence.article.headline ?? evidence.article.source}</Link>{' '}
              <span className="muted">
                {evidence.article.source}, {evidence.article.publishedOn ?? 'undated'} · characters {evidence.start}–{evidence.end}
              </span>
            </figcaption>
          </figure>
        );
      })}

      {error && (
        <p className="decision-error" role="alert">
          Could not record the decision: {error.message}
        </p>
      )}
      {userErrors.length > 0 && (
        <div className="decision-error" role="alert">
          {userErrors.map((userError) => (
            <p key={`${userError.code}:${userError.message}`}>
              {userError.code === 'VERSION_CONFLICT' ? 'This proposal changed since the queue was read: ' : 'Not recorded: '}
              {userError.message} <span className="muted">({userError.code})</span>
            </p>
          ))}
          <button type="button" onClick={onReload}>
            Read the queue again
          </button>
        </div>
      )}
      {editorKey && (
        <div className="actions">
          <button type="button" disabled={busy} aria-describedby={heading} onClick={() => void decide('accepted')}>
            Accept
          </button>
          <button type="button" disabled={busy} aria-describedby={heading} onClick={() => void decide('rejected')}>
            Reject
          </button>
        </div>
      )}
    </article>
  );
}

export function ReviewQueue() {
  // A queue others work on too: read again on each visit, shown from the cache meanwhile.
  const { data, error, fetchMore, refetch } = useQuery(ReviewQueuePage, { fetchPolicy: 'cache-and-network', nextFetchPolicy: 'cache-first' });
  const editorKey = useEditorKey();
  const [decided, setDecided] = useState<{ id: string; summary: string; decision: Decision } | null>(null);
  const status = useRef<HTMLParagraphElement>(null);
  // The button the focus was on left with its proposal: the news of the decision takes it.
  useEffect(() => {
    if (decided) status.current?.focus();
  }, [decided]);

  if (!data) return <Status error={error} />;
  const { positions } = data;
  return (
    <>
      <h1>Review queue ({positions.totalCount})</h1>
      <p className="muted">Positions proposed by automatic extraction, newest first. Lists leave them out until an editor accepts them.</p>
      {!editorKey && <p className="hint muted">Enter an editor key (top right) to accept or reject proposals.</p>}
      {decided && (
        <p role="status" tabIndex={-1} ref={status} className="decided">
          {decided.decision === 'accepted' ? (
            <>
              Accepted: <Link to={paths.position(decided.id)}>{decided.summary}</Link>
            </>
          ) : (
            <>Rejected: {decided.summary}</>
          )}
        </p>
      )}
      {positions.edges.length === 0 ? (
        <p className="empty">No proposals are waiting for review.</p>
      ) : (
        <ol className="proposals">
          {positions.edges.map(({ node }) => (
            // A new version (read again after a conflict) starts with no outcome shown.
            <li key={`${node.id}:${node.version}`}>
              <Proposal
                proposal={node}
                editorKey={editorKey}
                onDecided={(proposal, decision) => setDecided({ id: proposal.id, summary: proposal.summary, decision })}
                onReload={() => void refetch().catch(() => undefined)}
              />
            </li>
          ))}
        </ol>
      )}
      {positions.pageInfo.hasNextPage && (
        <button type="button" onClick={() => void fetchMore({ variables: { after: positions.pageInfo.endCursor } })}>
          More proposals
        </button>
      )}
    </>
  );
}
