/** Small pieces every page uses. */
import type { ErrorLike } from '@apollo/client';
import type { Stance } from './gql/graphql';
import { Link, paths } from './router';
import { stanceColours, stanceLabel } from './stances';

/** What a page shows while its query runs, or when it failed. */
export function Status({ error }: { error?: ErrorLike | undefined }) {
  if (error) return <p role="alert">Could not load this page: {error.message}</p>;
  return (
    <p className="muted" aria-live="polite">
      Loading…
    </p>
  );
}

export function StanceBadge({ stance }: { stance: Stance }) {
  return (
    <span className="badge" style={{ background: stanceColours[stance] }}>
      {stanceLabel(stance)}
    </span>
  );
}

export function NotFound({ what }: { what: string }) {
  return <p role="alert">No {what} has this ID.</p>;
}

/** A position's holders, each linked to its page. */
export function HolderLinks({ holders }: { holders: ReadonlyArray<{ id: string; name: string }> }) {
  return (
    <>
      {holders.length === 0 && <span className="muted">none named</span>}
      {holders.map((holder, i) => (
        <span key={holder.id}>
          {i > 0 && ', '}
          <Link to={paths.actor(holder.id)}>{holder.name}</Link>
        </span>
      ))}
    </>
  );
}

/** A position's speakers, each linked to its page, with their titles. */
export function SpeakerLinks({ speakers }: { speakers: ReadonlyArray<{ id: string; name: string; title?: string | null }> }) {
  return (
    <>
      {speakers.length === 0 && <span className="muted">none named</span>}
      {speakers.map((speaker, i) => (
        <span key={speaker.id}>
          {i > 0 && ', '}
          <Link to={paths.official(speaker.id)}>{speaker.name}</Link>
          {speaker.title && <span className="muted"> ({speaker.title})</span>}
        </span>
      ))}
    </>
  );
}
