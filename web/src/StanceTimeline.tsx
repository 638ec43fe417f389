/**
 * The stance timeline: time across, holders down, one mark per dated statement coloured by its
 * stance; a statement dated only to a month or a year (statedIn) is a bar across the days it may
 * mean. Drawn with @visx (scales and axis as React components rendering plain SVG, so the chart is
 * part of React's tree and its marks are links a keyboard reaches). Undated statements are listed
 * under it, since they have no place on the axis.
 */
import { AxisBottom } from '@visx/axis';
import { Group } from '@visx/group';
import { scaleBand, scaleUtc } from '@visx/scale';
import type { Stance } from './gql/graphql';
import { daySpanOf, isOneDay, type DaySpan } from './reported-dates';
import { navigate, paths } from './router';
import { stanceColours, stanceLabel, stances } from './stances';

export interface TimelinePosition {
  id: string;
  stance: Stance;
  summary: string;
  statedIn?: string | null;
  holders: { name: string }[];
}

const width = 800;
const rowHeight = 34;
const margin = { top: 10, right: 20, bottom: 30, left: 170 };
const dayMs = 86_400_000;

/** A statement's row: its holders together, so that each statement has one mark. */
const rowOf = (position: TimelinePosition) => position.holders.map((holder) => holder.name).join(' · ') || 'unknown holder';

export function StanceTimeline({ positions }: { positions: readonly TimelinePosition[] }) {
  const dated: { position: TimelinePosition; span: DaySpan }[] = [];
  for (const position of positions) {
    const span = position.statedIn ? daySpanOf(position.statedIn) : null;
    if (span) dated.push({ position, span });
  }
  const undated = positions.filter((position) => !dated.some((entry) => entry.position === position));
  if (dated.length === 0) return <p className="muted">No dated statement to place on a timeline.</p>;

  const rows = [...new Set(dated.map((entry) => rowOf(entry.position)))].sort();
  const first = Math.min(...dated.map((entry) => entry.span.start.getTime()));
  const last = Math.max(...dated.map((entry) => entry.span.end.getTime() + dayMs));
  // A little room either side, and at least a few weeks in view when everything is on one day.
  const padding = Math.max((last - first) * 0.05, 15 * dayMs);
  const x = scaleUtc({ domain: [new Date(first - padding), new Date(last + padding)], range: [margin.left, width - margin.right] });
  const y = scaleBand({ domain: rows, range: [margin.top, margin.top + rows.length * rowHeight], padding: 0.3 });
  const height = margin.top + rows.length * rowHeight + margin.bottom;
  const used = new Set(dated.map((entry) => entry.position.stance));

  return (
    <figure className="timeline">
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={`Stance timeline: ${dated.length} dated statements`}>
        {rows.map((row) => (
          <Group key={row} top={(y(row) ?? 0) + y.bandwidth() / 2}>
            <line x1={margin.left} x2={width - margin.right} stroke="#ddd" />
            <text x={margin.left - 8} textAnchor="end" dominantBaseline="middle" fontSize={12}>
              {row.length > 26 ? `${row.slice(0, 25)}…` : row}
            </text>
          </Group>
        ))}
        {dated.map(({ position, span }) => {
          const top = (y(rowOf(position)) ?? 0) + y.bandwidth() / 2;
          const colour = stanceColours[position.stance];
          const label = `${stanceLabel(position.stance)} (${position.statedIn ?? ''}): ${position.summary}`;
          const start = x(span.start);
          return (
            <a
              key={position.id}
              href={paths.position(position.id)}
              className="timeline-mark"
              data-position-id={position.id}
              data-stance={position.stance}
              aria-label={label}
              onClick={(event) => {
                event.preventDefault();
                navigate(paths.position(position.id));
              }}
            >
              <title>{label}</title>
              {isOneDay(span) ? (
                <circle cx={start} cy={top} r={7} fill={colour} stroke="#fff" strokeWidth={1.5} />
              ) : (
                <rect
                  x={start}
                  y={top - 6}
                  width={Math.max(x(new Date(span.end.getTime() + dayMs)) - start, 4)}
                  height={12}
                  rx={6}
                  fill={colour}
                  fillOpacity={0.55}
                  stroke={colour}
                  strokeDasharray={span.approximate ? '3 2' : undefined}
                />
              )}
            </a>
          );
        })}
        <AxisBottom top={height - margin.bottom} scale={x} numTicks={width > 600 ? 6 : 3} tickLabelProps={{ fontSize: 11 }} />
      </svg>
      <figcaption className="legend">
        {stances
          .filter((stance) => used.has(stance))
          .map((stance) => (
            <span key={stance}>
              <span className="swatch" style={{ background: stanceColours[stance] }} /> {stanceLabel(stance)}
            </span>
          ))}
        <span className="muted">● a day · ▬ a month or a year</span>
      </figcaption>
      {undated.length > 0 && <p className="muted">{undated.length} undated statement(s) are listed below but not on the timeline.</p>}
    </figure>
  );
}
