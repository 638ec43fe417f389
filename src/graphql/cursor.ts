import { badUserInput } from './errors.ts';

const prefix = 'cursor:v1:';

/** Cursors are opaque to clients; inside they carry the row id the page is keyed on. */
export function encodeCursor(rowId: number): string {
  return Buffer.from(`${prefix}${rowId}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, argumentName: string): number {
  const text = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const rowId = text.startsWith(prefix) ? Number(text.slice(prefix.length)) : Number.NaN;
  if (!Number.isSafeInteger(rowId) || rowId < 0 || `${prefix}${rowId}` !== text) {
    throw badUserInput(`Argument "${argumentName}" is not a valid cursor: ${JSON.stringify(cursor)}`, argumentName);
  }
  return rowId;
}
