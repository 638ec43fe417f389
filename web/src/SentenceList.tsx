/**
 * An article's body as a listbox of its sentences, to choose one as evidence without a mouse: one
 * tab stop (a roving tabindex), the arrow keys, Home and End move between the sentences, Enter or
 * Space picks one (so does a click), Escape leaves. The body is still rendered verbatim, the blanks
 * between sentences as plain text, so a mouse selection in it has the same offsets as in the
 * reading view. Evidence spans stay highlighted but without their links: an option's content is
 * not interactive.
 */
import { forwardRef, useMemo, useRef, useState, type KeyboardEvent, type MouseEventHandler, type ReactNode } from 'react';
import type { SelectedEvidence } from './CurationForm';
import { highlighted, type Span } from './highlight';
import { sentencesOf } from './sentences';

export const SentenceList = forwardRef<
  HTMLDivElement,
  {
    body: string;
    /** Spans to highlight, with offsets in `body`. */
    spans: readonly Span[];
    label: string;
    /** The ID of the text that tells which keys do what. */
    describedBy: string;
    onPick: (evidence: SelectedEvidence) => void;
    onLeave: () => void;
    onMouseUp: MouseEventHandler<HTMLDivElement>;
  }
>(function SentenceList({ body, spans, label, describedBy, onPick, onLeave, onMouseUp }, ref) {
  const sentences = useMemo(() => sentencesOf(body), [body]);
  const [active, setActive] = useState(0);
  const options = useRef<(HTMLElement | null)[]>([]);

  const move = (to: number) => {
    const index = Math.max(0, Math.min(sentences.length - 1, to));
    setActive(index);
    options.current[index]?.focus();
  };
  const pick = (index: number) => {
    const sentence = sentences[index];
    if (sentence) onPick({ start: sentence.start, text: body.slice(sentence.start, sentence.end) });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowRight':
        move(active + 1);
        break;
      case 'ArrowUp':
      case 'ArrowLeft':
        move(active - 1);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(sentences.length - 1);
        break;
      case 'Enter':
      case ' ':
        pick(active);
        break;
      case 'Escape':
        onLeave();
        break;
      default:
        return;
    }
    // Space and the arrows would scroll the page.
    event.preventDefault();
  };

  const children: ReactNode[] = [];
  let at = 0;
  for (const [index, sentence] of sentences.entries()) {
    if (sentence.start > at) children.push(body.slice(at, sentence.start));
    // The spans with offsets in the sentence; highlighted() cuts those that reach beyond it at its ends.
    const inSentence = spans.map((span) => ({ ...span, start: span.start - sentence.start, end: span.end - sentence.start }));
    children.push(
      <span
        key={sentence.start}
        role="option"
        aria-selected={index === active}
        tabIndex={index === active ? 0 : -1}
        ref={(option) => {
          options.current[index] = option;
        }}
        onFocus={() => setActive(index)}
        onClick={() => {
          // The end of a drag across the sentence is a selection (onMouseUp), not a pick.
          if (window.getSelection()?.isCollapsed !== false) pick(index);
        }}
      >
        {highlighted(body.slice(sentence.start, sentence.end), inSentence)}
      </span>,
    );
    at = sentence.end;
  }
  if (at < body.length) children.push(body.slice(at));

  return (
    <div ref={ref} className="article-body" role="listbox" aria-label={label} aria-describedby={describedBy} onKeyDown={onKeyDown} onMouseUp={onMouseUp}>
      {children}
    </div>
  );
});
