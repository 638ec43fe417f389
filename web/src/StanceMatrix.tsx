/** A matrix of counts: one row per deployment or topic, one column per stance, each cell shaded by its count. */
import type { Stance } from './gql/graphql';
import { stanceColours, stanceLabel, stances } from './stances';

export interface MatrixRow {
  key: string;
  label: React.ReactNode;
  byStance: readonly { stance: Stance; count: number }[];
  totalCount: number;
}

export function StanceMatrix({ caption, rows }: { caption: string; rows: readonly MatrixRow[] }) {
  if (rows.length === 0) return null;
  const most = Math.max(1, ...rows.flatMap((row) => row.byStance.map((cell) => cell.count)));
  return (
    <div className="scroll">
      <table className="matrix">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" />
            {stances.map((stance) => (
              <th scope="col" key={stance}>
                {stanceLabel(stance)}
              </th>
            ))}
            <th scope="col">All</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              {stances.map((stance) => {
                const count = row.byStance.find((cell) => cell.stance === stance)?.count ?? 0;
                // Opacity as two hex digits: the cell's share of the largest count, faint but visible at 1.
                const alpha = count ? Math.round(64 + (191 * count) / most).toString(16) : '00';
                return (
                  <td key={stance} data-stance={stance} data-count={count} style={{ background: `${stanceColours[stance]}${alpha}` }}>
                    {count || ''}
                  </td>
                );
              })}
              <td data-total={row.totalCount}>{row.totalCount}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
