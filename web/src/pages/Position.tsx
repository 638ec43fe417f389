/** A position: its evidence in context, the articles that report it, its speakers, holders and meeting. */
import { useQuery } from '@apollo/client/react';
import { graphql } from '../gql';
import { highlighted, paragraphAround } from '../highlight';
import { Link, paths } from '../router';
import { HolderLinks, NotFound, SpeakerLinks, StanceBadge, Status } from '../ui';

const PositionPage = graphql(`
  query PositionPage($id: ID!) {
    node(id: $id) {
      ... on Position {
        id
        stance
        summary
        statedIn
        modality
        attribution
        topic
        deployments(first: 10) {
          id
          name
        }
        holders(first: 20) {
          id
          name
        }
        speakers(first: 20) {
          id
          name
          title
        }
        addressees(first: 20) {
          id
          name
        }
        meeting {
          id
          name
          city
          date
        }
        evidence(first: 50) {
          id
          start
          end
          text
          article {
            id
            source
            headline
            publishedOn
            url
            body
          }
        }
      }
    }
  }
`);

export function Position({ id }: { id: string }) {
  const { data, error } = useQuery(PositionPage, { variables: { id } });
  if (!data) return <Status error={error} />;
  const position = data.node?.__typename === 'Position' ? data.node : null;
  if (!position) return <NotFound what="position" />;
  const articles = [...new Map(position.evidence.map((evidence) => [evidence.article.id, evidence.article])).values()];
  return (
    <>
      <h1>
        <StanceBadge stance={position.stance} /> {position.summary}
      </h1>
      <dl className="facts">
        <dt>Stated</dt>
        <dd>{position.statedIn ?? 'undated'}</dd>
        <dt>Holders</dt>
        <dd>
          <HolderLinks holders={position.holders} />
        </dd>
        <dt>Speakers</dt>
        <dd>
          <SpeakerLinks speakers={position.speakers} />
        </dd>
        {position.addressees.length > 0 && (
          <>
            <dt>Addressed to</dt>
            <dd>{position.addressees.map((addressee) => addressee.name).join(', ')}</dd>
          </>
        )}
        <dt>About</dt>
        <dd>
          {position.deployments.map((deployment) => (
            <Link key={deployment.id} to={paths.deployment(deployment.id)}>
              {deployment.name}
            </Link>
          ))}
          {position.topic && <span className="muted"> topic: {position.topic}</span>}
        </dd>
        {position.meeting && (
          <>
            <dt>Meeting</dt>
            <dd>{[position.meeting.name, position.meeting.city, position.meeting.date].filter(Boolean).join(' · ')}</dd>
          </>
        )}
        <dt>Modality</dt>
        <dd>
          {position.modality.toLowerCase()}
          {position.attribution && `, ${position.attribution.toLowerCase()}`}
        </dd>
      </dl>

      <h2>Evidence</h2>
      {position.evidence.map((evidence) => {
        const paragraph = paragraphAround(evidence.article.body, evidence.start, evidence.end);
        return (
          <figure key={evidence.id} className="evidence">
            <blockquote>
              {highlighted(paragraph.text, [
                { start: evidence.start - paragraph.offset, end: evidence.end - paragraph.offset, render: (text, key) => <mark key={key}>{text}</mark> },
              ])}
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

      <h2>Reported by {articles.length === 1 ? 'one article' : `${articles.length} articles`}</h2>
      <ul>
        {articles.map((article) => (
          <li key={article.id}>
            <Link to={paths.article(article.id)}>{article.headline ?? article.source}</Link> <span className="muted">{article.source}</span>
            {article.url && (
              <>
                {' '}
                <a href={article.url} rel="noreferrer noopener" target="_blank">
                  original
                </a>
              </>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
