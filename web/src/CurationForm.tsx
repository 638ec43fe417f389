/**
 * Records a position with the selected sentence as its evidence (positionCreate, with the editor
 * key). Each userError is shown next to the field its path names (["input", "holderIds", …]);
 * one naming no field of the form is shown above it.
 */
import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useRef, type FormEvent } from 'react';
import { graphql } from './gql';
import type { PositionCreateInput, Stance } from './gql/graphql';
import { Link, paths } from './router';
import { stanceLabel, stances } from './stances';

export interface SelectedEvidence {
  /** Offset of the first character in the article's body. */
  start: number;
  text: string;
}

const CurationChoices = graphql(`
  query CurationChoices {
    countries(first: 100) {
      nodes {
        id
        name
      }
    }
    organizations(first: 100) {
      nodes {
        id
        name
      }
    }
    officials(first: 100) {
      nodes {
        id
        name
      }
    }
    deployments(first: 100) {
      nodes {
        id
        name
      }
    }
  }
`);

const RecordPosition = graphql(`
  mutation RecordPosition($input: PositionCreateInput!) {
    positionCreate(input: $input) {
      position {
        id
        deployments(first: 10) {
          id
          name
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const formFields = ['stance', 'summary', 'holderIds', 'speakerIds', 'deploymentId', 'statedIn', 'evidence'] as const;
type FormField = (typeof formFields)[number];

export function CurationForm({
  articleId,
  evidence,
  editorKey,
  takeFocus = false,
  onDone,
}: {
  articleId: string;
  evidence: SelectedEvidence;
  editorKey: string;
  /** Move the focus to the form when it opens (a sentence chosen with the keyboard), so that the next Tab is in it. */
  takeFocus?: boolean;
  onDone: () => void;
}) {
  const choices = useQuery(CurationChoices);
  const [record, { data, loading, error }] = useMutation(RecordPosition, {
    context: { headers: { authorization: `Bearer ${editorKey}` } },
    // The lists the new position joins are fetched again when next shown.
    update(cache, { data: result }) {
      const position = result?.positionCreate?.position;
      if (!position) return;
      for (const deployment of position.deployments) {
        const id = cache.identify({ __typename: 'Deployment', id: deployment.id });
        cache.evict({ id, fieldName: 'positions' });
        cache.evict({ id, fieldName: 'stanceSummary' });
      }
      cache.evict({ id: cache.identify({ __typename: 'Article', id: articleId }), fieldName: 'positions' });
      cache.gc();
    },
  });
  const userErrors = data?.positionCreate?.userErrors ?? [];
  const errorOf = (field: FormField) => userErrors.filter((e) => e.field?.[1] === field).map((e) => e.message);
  const otherErrors = userErrors.filter((e) => !formFields.includes(e.field?.[1] as FormField));
  const created = data?.positionCreate?.position;
  const heading = useRef<HTMLHeadingElement>(null);
  const status = useRef<HTMLParagraphElement>(null);
  // On opening only: a later change of the prop does not pull the focus back.
  useEffect(() => {
    if (takeFocus) heading.current?.focus();
  }, []);
  // The submit button the focus was on is gone once the position is recorded: the result takes it.
  useEffect(() => {
    if (created) status.current?.focus();
  }, [created?.id]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => {
      const value = form.get(name);
      return typeof value === 'string' && value.trim() ? value.trim() : null;
    };
    const ids = (name: string) => form.getAll(name).filter((value): value is string => typeof value === 'string' && value !== '');
    const input: PositionCreateInput = {
      stance: (text('stance') ?? 'SUPPORT') as Stance,
      summary: text('summary') ?? '',
      holderIds: ids('holderIds'),
      speakerIds: ids('speakerIds'),
      deploymentId: text('deploymentId'),
      statedIn: text('statedIn'),
      evidence: [{ articleId, start: evidence.start, text: evidence.text }],
    };
    await record({ variables: { input } }).catch(() => undefined); // shown from `error`
  };

  if (created) {
    return (
      <aside className="curation" aria-live="polite">
        <p role="status" tabIndex={-1} ref={status}>
          Recorded: <Link to={paths.position(created.id)}>the new position</Link>
          {created.deployments.map((deployment) => (
            <span key={deployment.id}>
              {' '}
              · on <Link to={paths.deployment(deployment.id)}>{deployment.name}</Link>'s timeline
            </span>
          ))}
        </p>
        <button type="button" onClick={onDone}>
          Done
        </button>
      </aside>
    );
  }

  const FieldErrors = ({ field }: { field: FormField }) =>
    errorOf(field).map((message) => (
      <span key={message} className="field-error" role="alert">
        {message}
      </span>
    ));
  const options = (nodes: readonly { id: string; name: string }[] | undefined) =>
    nodes?.map((node) => (
      <option key={node.id} value={node.id}>
        {node.name}
      </option>
    ));

  return (
    <aside className="curation">
      <h2 tabIndex={-1} ref={heading}>
        Record a position
      </h2>
      <blockquote className="selected-evidence">{evidence.text}</blockquote>
      <FieldErrors field="evidence" />
      {error && <p role="alert">{error.message}</p>}
      {otherErrors.map((e) => (
        <p key={e.message} role="alert">
          {e.message}
        </p>
      ))}
      <form onSubmit={(event) => void submit(event)} aria-label="Record a position">
        <label>
          Stance
          <select name="stance" defaultValue="OPPOSE">
            {stances.map((stance) => (
              <option key={stance} value={stance}>
                {stanceLabel(stance)}
              </option>
            ))}
          </select>
        </label>
        <FieldErrors field="stance" />
        <label>
          Summary
          <input name="summary" />
        </label>
        <FieldErrors field="summary" />
        <label>
          Holders
          <select name="holderIds" multiple size={4}>
            <optgroup label="Countries">{options(choices.data?.countries.nodes)}</optgroup>
            <optgroup label="Organizations">{options(choices.data?.organizations.nodes)}</optgroup>
          </select>
        </label>
        <FieldErrors field="holderIds" />
        <label>
          Speakers
          <select name="speakerIds" multiple size={3}>
            {options(choices.data?.officials.nodes)}
          </select>
        </label>
        <FieldErrors field="speakerIds" />
        <label>
          Deployment
          <select name="deploymentId" defaultValue="">
            <option value="">none (topics only)</option>
            {options(choices.data?.deployments.nodes)}
          </select>
        </label>
        <FieldErrors field="deploymentId" />
        <label>
          Date (2016-07-28, 2016-07 or 2016)
          <input name="statedIn" inputMode="numeric" />
        </label>
        <FieldErrors field="statedIn" />
        <div className="actions">
          <button type="submit" disabled={loading}>
            Record position
          </button>
          <button type="button" onClick={onDone}>
            Cancel
          </button>
        </div>
      </form>
    </aside>
  );
}
