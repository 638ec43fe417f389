// @module-tag any-database
/** The events subscribers are told, from change log rows (src/data/change-events.ts). */
import { describe, expect, it } from 'vitest';
import { eventsOf, type ChangeRow } from '../../src/data/change-events.ts';
import { encodeGlobalId } from '../../src/data/global-id.ts';
import { ChangeAction } from '../../src/generated/prisma/enums.ts';
// Global IDs decode for the models a process has loaded (src/data/global-id.ts).
import '../../src/data/models/position.ts';

let nextId = 1;
const write =
  (at: number) =>
  (action: ChangeAction, entityType: string, entityId: number, details: object = {}): ChangeRow => ({
    id: nextId++,
    at: new Date(at),
    action,
    entityType,
    entityId,
    details,
  });

describe('eventsOf', () => {
  it('tells a created position as recorded, an edited one as changed, with the row id as sequence', () => {
    const row = write(1);
    const rows = [row(ChangeAction.CREATE, 'Position', 7), row(ChangeAction.UPDATE, 'Position', 3, { changes: {} })];
    expect(eventsOf(rows)).toEqual([
      { type: 'positionRecorded', sequence: rows[0]!.id, positionId: 7 },
      { type: 'positionChanged', sequence: rows[1]!.id, positionId: 3, kind: 'UPDATED', mergedIntoId: null },
    ]);
  });

  it('tells an import: positions created (once, though logged twice), positions corroborated, the article with its outcome', () => {
    const row = write(2);
    const events = eventsOf([
      row(ChangeAction.CREATE, 'Position', 10),
      row(ChangeAction.IMPORT, 'Article', 4, {
        outcome: 'created',
        created: { positions: [encodeGlobalId('Position', 10)] },
        updated: { positions: [encodeGlobalId('Position', 2)] },
      }),
      row(ChangeAction.IMPORT, 'Position', 10, { outcome: 'created' }),
      row(ChangeAction.IMPORT, 'Position', 2, { outcome: 'updated' }),
      row(ChangeAction.IMPORT, 'Deployment', 5, { outcome: 'created' }),
    ]);
    expect(events.map(({ sequence: _sequence, ...event }) => event)).toEqual([
      { type: 'positionRecorded', positionId: 10 },
      { type: 'articleImported', articleId: 4, outcome: 'CREATED', recordedPositionIds: [10], corroboratedPositionIds: [2] },
      { type: 'positionChanged', positionId: 2, kind: 'CORROBORATED', mergedIntoId: null },
      { type: 'deploymentChanged', deploymentId: 5, kind: 'CREATED', mergedIntoId: null },
    ]);
  });

  it('tells merges, splits and evidence edits by what they did to each position', () => {
    const row = write(3);
    const events = eventsOf([
      row(ChangeAction.MERGE, 'Position', 1, { mergedFrom: encodeGlobalId('Position', 2) }),
      row(ChangeAction.MERGE, 'Position', 2, { mergedInto: encodeGlobalId('Position', 1) }),
      row(ChangeAction.UPDATE, 'Position', 5, { evidenceMovedTo: encodeGlobalId('Position', 6) }),
      row(ChangeAction.CREATE, 'Position', 6, { splitFrom: encodeGlobalId('Position', 5) }),
      row(ChangeAction.CREATE, 'Evidence', 40, { positionId: 8 }),
      row(ChangeAction.DELETE, 'Evidence', 41, { deleted: { positionId: 8 } }),
    ]);
    expect(events.map(({ sequence: _sequence, ...event }) => event)).toEqual([
      { type: 'positionChanged', positionId: 1, kind: 'MERGED', mergedIntoId: null },
      { type: 'positionChanged', positionId: 2, kind: 'DELETED', mergedIntoId: 1 },
      { type: 'positionChanged', positionId: 5, kind: 'SPLIT', mergedIntoId: null },
      { type: 'positionRecorded', positionId: 6 },
      // Evidence added and removed in one write: the position changed, told once.
      { type: 'positionChanged', positionId: 8, kind: 'UPDATED', mergedIntoId: null },
    ]);
  });

  it('tells the same change again when another write makes it, and a revoked key', () => {
    const events = eventsOf([
      write(4)(ChangeAction.UPDATE, 'Deployment', 9),
      write(5)(ChangeAction.UPDATE, 'Deployment', 9),
      write(5)(ChangeAction.REVOKE, 'ApiKey', 3),
      write(5)(ChangeAction.CREATE, 'Country', 3),
    ]);
    expect(events.map((event) => event.type)).toEqual(['deploymentChanged', 'deploymentChanged', 'apiKeyRevoked']);
  });

  it('does not tell a position recorded by a write as also changed by it', () => {
    const row = write(6);
    const events = eventsOf([row(ChangeAction.CREATE, 'Position', 12), row(ChangeAction.CREATE, 'Evidence', 50, { positionId: 12 })]);
    expect(events.map((event) => event.type)).toEqual(['positionRecorded']);
  });
});
