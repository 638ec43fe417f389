import { maxRowId, type CursorPosition } from '../db/pages.ts';
import { textProblem } from './rules.ts';
import { InvalidArgument } from './invalid-argument.ts';

/**
 * Cursors are opaque to clients. Inside, a cursor names the ordering it was issued for and the
 * element's place in it: the sort key's value and the row id that breaks ties. A page after a
 * cursor is a keyset condition on those values (`(key, id) > (value, id)`), so it costs the same
 * however deep it is, and it stays valid when rows before it are added or deleted.
 *
 * - `cursor:v1:<id>`: the default ordering (by row id, "as recorded"); unchanged since the first
 *   release, so cursors clients already hold keep working.
 * - `cursor:v2:<JSON [ordering, key, id]>`: any other ordering; `key` is the sort key's value as
 *   PostgreSQL prints it (a date, a timestamp, a name, a relevance score).
 */
const v1 = 'cursor:v1:';
const v2 = 'cursor:v2:';

/** The ordering of a connection when the client gives none: the order rows were recorded in. */
export const recordedOrder = 'RECORDED_AT';

export function encodeCursor(position: CursorPosition): string {
  const text =
    position.key === null && position.order === recordedOrder ? `${v1}${position.id}` : `${v2}${JSON.stringify([position.order, position.key, position.id])}`;
  return Buffer.from(text, 'utf8').toString('base64url');
}

/**
 * Decodes a cursor; throws BAD_USER_INPUT naming `argumentName` when it is not one we issued. A
 * key is checked here for what no key can hold (control characters); whether it is a value of
 * its ordering's type (a real, storable date...) is the ordering's `accepts` (src/data/listing.ts).
 */
export function decodeCursor(cursor: string, argumentName: string): CursorPosition {
  const malformed = () => new InvalidArgument(`Argument "${argumentName}" is not a valid cursor: ${JSON.stringify(cursor)}`, argumentName);
  const text = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  let position: CursorPosition | null = null;
  if (text.startsWith(v1)) {
    position = { order: recordedOrder, key: null, id: Number(text.slice(v1.length)) };
  } else if (text.startsWith(v2)) {
    try {
      const parsed: unknown = JSON.parse(text.slice(v2.length));
      const [order, key, id] = Array.isArray(parsed) && parsed.length === 3 ? (parsed as unknown[]) : [];
      if (typeof order === 'string' && (typeof key === 'string' || key === null)) {
        position = { order, key, id: id as number };
      }
    } catch {
      position = null;
    }
  }
  // Exactly one spelling per cursor: what we would have issued, byte for byte.
  const valid =
    position !== null &&
    /^[A-Z][A-Z_]*$/.test(position.order) &&
    Number.isSafeInteger(position.id) &&
    position.id >= 0 &&
    position.id <= maxRowId &&
    (position.key === null || (position.key.length <= 1000 && textProblem(position.key) === null)) &&
    Buffer.from(cursor, 'base64url').toString('utf8') === text &&
    encodeCursor(position) === cursor;
  if (!valid || position === null) throw malformed();
  return position;
}

/** Decodes a cursor that must belong to `order`; one from another ordering is a client mistake. */
export function decodeCursorFor(order: string, cursor: string, argumentName: string): CursorPosition {
  const position = decodeCursor(cursor, argumentName);
  if (position.order !== order) {
    throw new InvalidArgument(
      `Argument "${argumentName}" is a cursor of the ${position.order} ordering; this connection is ordered by ${order} (keep the same orderBy while paginating)`,
      argumentName,
    );
  }
  return position;
}
