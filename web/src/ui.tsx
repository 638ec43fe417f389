/** Small pieces every page uses. */
import type { ErrorLike } from '@apollo/client';
import type { Stance } from './gql/graphql';
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
