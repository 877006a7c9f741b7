import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_CHANGED_ROW_IDS, parseCaseChange, serializeCaseChange } from './case-events.js';

describe('a case change between server processes', () => {
  it('carries the changed rows by category, table and id', () => {
    const change = {
      caseId: randomUUID(),
      version: 3,
      changed: ['CASE_NOTES'],
      rows: [{ category: 'CASE_NOTES', table: 'case_note', ids: [randomUUID()] }],
    };
    expect(parseCaseChange(serializeCaseChange(change))).toEqual(change);
    const withoutRows = { caseId: randomUUID(), version: 4, changed: ['status'] };
    expect(JSON.parse(serializeCaseChange(withoutRows))).toEqual(withoutRows);
  });

  it('drops a change whose rows are anything but ids', () => {
    const caseId = randomUUID();
    const rows = (entry: Record<string, unknown>) =>
      JSON.stringify({ caseId, version: 1, changed: ['CASE_NOTES'], rows: [entry] });
    for (const payload of [
      rows({ category: 'CASE_NOTES', table: 'case_note', ids: ['Huurder belt morgen terug'] }),
      rows({ category: 'CASE_NOTES', table: 'case_note; DROP TABLE case_note', ids: [randomUUID()] }),
      rows({ category: 'CASE_NOTES', table: 'case_note', ids: [] }),
      rows({
        category: 'CASE_NOTES',
        table: 'case_note',
        ids: Array.from({ length: MAX_CHANGED_ROW_IDS + 1 }, () => randomUUID()),
      }),
    ])
      expect(parseCaseChange(payload), payload.slice(0, 120)).toBeNull();
  });
});
