/**
 * An article: its body with every evidence span highlighted and linked to its position; with an
 * editor key, a sentence selected in the body, or chosen with the keyboard from the list of its
 * sentences, can be recorded as a new position's evidence.
 */
import { useQuery, useSubscription } from '@apollo/client/react';
import { useId, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { CurationForm, type SelectedEvidence } from '../CurationForm';
import { useEditorKey } from '../editor-key';
import { graphql } from '../gql';
import { highlighted } from '../highlight';
import { Link, paths } from '../router';
import { SentenceList } from '../SentenceList';
import { stanceColours, stanceLabel } from '../stances';
import { NotFound, Status } from '../ui';

const ArticlePage = graphql(`
  query ArticlePage($id: ID!) {
    node(id: $id) {
      ... on Article {
        id
        source
        headline
        publishedOn
        url
        body
        positions(first: 100) {
          nodes {
            id
            stance
            summary
            evidence(first: 10) {
              id
              start
              end
              article {
                id
              }
            }
          }
        }
      }
    }
  }
`);

const PositionRecordedInArticle = graphql(`
  subscription PositionRecordedInArticle($articles: [ID!]!) {
    positionRecorded(filter: { articles: $articles }) {
      id
    }
  }
`);

/** The selection's offsets in the body: the text before it inside `container`, which renders the body verbatim. */
function selectionIn(container: HTMLElement): SelectedEvidence | null {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!container.contains(range.startContainer) || !container.contains(range.endContainer)) return null;
  const before = document.createRange();
  before.selectNodeContents(container);
  before.setEnd(range.startContainer, range.startOffset);
  // Without the blanks a drag picks up at either end: the evidence is the words.
  const selected = range.toString();
  const text = selected.trim();
  return text ? { start: before.toString().length + selected.length - selected.trimStart().length, text } : null;
}

export function Article({ id }: { id: string }) {
  const { data, error, refetch } = useQuery(ArticlePage, { variables: { id } });
  // A position recorded with evidence in this article (by another editor, or an import) is
  // highlighted without a reload: the page's query runs again.
  useSubscription(PositionRecordedInArticle, { variables: { articles: [id] }, onData: () => void refetch() });
  const editorKey = useEditorKey();
  const body = useRef<HTMLDivElement>(null);
  const chooseButton = useRef<HTMLButtonElement>(null);
  const hint = useId();
  const [selected, setSelected] = useState<SelectedEvidence | null>(null);
  const [choosing, setChoosing] = useState(false);
  if (!data) return <Status error={error} />;
  const article = data.node?.__typename === 'Article' ? data.node : null;
  if (!article) return <NotFound what="article" />;

  // Positions quoting the same span share one mark: its text links to the first, a number to each other.
  const bySpan = new Map<string, { start: number; end: number; evidenceId: string; positions: (typeof article.positions.nodes)[number][] }>();
  for (const position of article.positions.nodes) {
    for (const evidence of position.evidence) {
      if (evidence.article.id !== article.id) continue;
      const key = `${evidence.start}:${evidence.end}`;
      const span = bySpan.get(key) ?? { start: evidence.start, end: evidence.end, evidenceId: evidence.id, positions: [] };
      span.positions.push(position);
      bySpan.set(key, span);
    }
  }
  // While sentences are being chosen the marks are not links (they are inside the options).
  const spansOf = (linked: boolean) =>
    [...bySpan.values()].map(({ start, end, evidenceId, positions: [first, ...others] }) => ({
      start,
      end,
      render: (text: string, key: string, depth: number) => (
        <mark
          key={key}
          className={depth > 1 ? 'nested' : undefined}
          style={{ borderBottomColor: first && stanceColours[first.stance] }}
          data-evidence-id={evidenceId}
        >
          {linked ? (
            <>
              {first && (
                <Link to={paths.position(first.id)} title={`${stanceLabel(first.stance)}: ${first.summary}`}>
                  {text}
                </Link>
              )}
              {others.map((position, i) => (
                <sup key={position.id}>
                  <Link to={paths.position(position.id)} title={`${stanceLabel(position.stance)}: ${position.summary}`}>
                    {i + 2}
                  </Link>
                </sup>
              ))}
            </>
          ) : (
            text
          )}
        </mark>
      ),
    }));
  // A new selection replaces the form's evidence; a click that selects nothing keeps the form and
  // what was typed in it (Cancel closes it).
  const pickSelection = () => {
    const picked = editorKey && body.current ? selectionIn(body.current) : null;
    if (picked) setSelected(picked);
  };
  // The sentence the list's one tab stop is on.
  const focusSentence = () => body.current?.querySelector<HTMLElement>('[role="option"][tabindex="0"]')?.focus();
  const startChoosing = () => {
    // The list must be in the DOM for its sentence to take the focus from the button.
    flushSync(() => setChoosing(true));
    focusSentence();
  };
  const stopChoosing = () => {
    setChoosing(false);
    chooseButton.current?.focus();
  };
  const closeForm = () => {
    // Back to the sentence the form was opened from, rather than to the top of the page.
    if (choosing) focusSentence();
    setSelected(null);
  };

  return (
    <>
      <h1>{article.headline ?? article.source}</h1>
      <p className="muted">
        {article.source}, {article.publishedOn ?? 'undated'} · {bySpan.size} evidence spans
        {article.url && (
          <>
            {' · '}
            <a href={article.url} rel="noreferrer noopener" target="_blank">
              original
            </a>
          </>
        )}
      </p>
      {editorKey ? (
        <div className="curation-hint">
          <p className="hint" id={hint}>
            Select a sentence of the body to record a position with it as evidence. With the keyboard: “Choose a sentence as evidence”, then the arrow keys move
            between the sentences, Enter or Space picks one, Escape goes back to the links.
          </p>
          <button type="button" ref={chooseButton} aria-pressed={choosing} onClick={choosing ? stopChoosing : startChoosing}>
            Choose a sentence as evidence
          </button>
        </div>
      ) : (
        <p className="hint muted">Enter an editor key (top right) to record positions from this article.</p>
      )}
      <div className="article-layout">
        {editorKey && choosing ? (
          <SentenceList
            ref={body}
            body={article.body}
            spans={spansOf(false)}
            label="Sentences of the article"
            describedBy={hint}
            onPick={setSelected}
            onLeave={stopChoosing}
            onMouseUp={pickSelection}
          />
        ) : (
          <div className="article-body" ref={body} onMouseUp={pickSelection} onKeyUp={pickSelection}>
            {highlighted(article.body, spansOf(true))}
          </div>
        )}
        {editorKey && selected && (
          <CurationForm
            key={`${selected.start}:${selected.text}`}
            articleId={article.id}
            evidence={selected}
            editorKey={editorKey}
            takeFocus={choosing}
            onDone={closeForm}
          />
        )}
      </div>
    </>
  );
}
