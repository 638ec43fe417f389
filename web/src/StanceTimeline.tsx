/**
 * The stance timeline: time across, holders down, one mark per dated statement coloured by its
 * stance; a statement dated only to a month or a year (statedIn) is a bar across the days it may
 * mean. Drawn with @visx (scales and axis as React components rendering plain SVG, so the chart is
 * part of React's tree and its marks are links a keyboard reaches). Undated statements are listed
 * under it, since they have no place on the axis.
 */
import { AxisBottom } from '@visx/axis';
import { Group } from '@visx/group';
import { scaleUtc } from '@visx/scale';
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
const laneHeight = 16;
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

  // Statements of one row on the same day are stacked, each a lane of the row, so none hides another.
  const lanes = new Map<TimelinePosition, number>();
  const rowLanes = new Map<string, number>();
  const taken = new Map<string, number>();
  for (const { position, span } of dated) {
    const day = `${rowOf(position)}|${span.start.getTime()}`;
    const lane = taken.get(day) ?? 0;
    taken.set(day, lane + 1);
    lanes.set(position, lane);
    rowLanes.set(rowOf(position), Math.max(rowLanes.get(rowOf(position)) ?? 1, lane + 1));
  }
  const rows: { name: string; top: number; height: number }[] = [];
  let bottom = margin.top;
  for (const name of [...rowLanes.keys()].sort()) {
    const height = Math.max(rowHeight, (rowLanes.get(name) ?? 1) * laneHeight + 12);
    rows.push({ name, top: bottom, height });
    bottom += height;
  }
  const rowTop = new Map(rows.map((row) => [row.name, row]));
  /** The vertical centre of a statement's mark: its lane, the lanes of its row centred on the row's middle. */
  const markY = (position: TimelinePosition) => {
    const row = rowTop.get(rowOf(position));
    const count = rowLanes.get(rowOf(position)) ?? 1;
    return (row?.top ?? 0) + (row?.height ?? rowHeight) / 2 + ((lanes.get(position) ?? 0) - (count - 1) / 2) * laneHeight;
  };
  const first = Math.min(...dated.map((entry) => entry.span.start.getTime()));
  const last = Math.max(...dated.map((entry) => entry.span.end.getTime() + dayMs));
  // A little room either side, and at least a few weeks in view when everything is on one day.
  const padding = Math.max((last - first) * 0.05, 15 * dayMs);
  const x = scaleUtc({ domain: [new Date(first - padding), new Date(last + padding)], range: [margin.left, width - margin.right] });
  const height = bottom + margin.bottom;
  const used = new Set(dated.map((entry) => entry.position.stance));

  return (
    <figure className="timeline">
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={`Stance timeline: ${dated.length} dated statements`}>
        {rows.map((row) => (
          <Group key={row.name} top={row.top + row.height / 2}>
            <line x1={margin.left} x2={width - margin.right} stroke="#ddd" />
            <text x={margin.left - 8} textAnchor="end" dominantBaseline="middle" fontSize={12}>
              {row.name.length > 26 ? `${row.name.slice(0, 25)}…` : row.name}
            </text>
          </Group>
        ))}
        {dated.map(({ position, span }) => {
          const top = markY(position);
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
              // An SVG link is focusable but, unlike an HTML one, Enter does not follow it.
              onKeyDown={(event) => {
                if (event.key !== 'Enter') return;
                event.preventDefault();
                navigate(paths.position(position.id));
              }}
            >
              <title>{label}</title>
              {isOneDay(span) ? (
                <circle cx={start} cy={top} r={6.5} fill={colour} stroke="#fff" strokeWidth={1.5} />
              ) : (
                <rect
                  x={start}
                  y={top - 5}
                  width={Math.max(x(new Date(span.end.getTime() + dayMs)) - start, 4)}
                  height={10}
                  rx={5}
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
