import { describe, expect, it } from 'vitest';

import { previewInstalments } from './instalment-preview';

describe('the instalment preview of a new arrangement', () => {
  it('shows the regular instalment and a last one that absorbs the rounding', () => {
    expect(previewInstalments({ totalCents: 100000, count: 3, startDate: '2026-12-01', dueDay: 1 })).toEqual({
      regularCents: 33333,
      lastCents: 33334,
      firstDueOn: '2026-12-01',
      lastDueOn: '2027-02-01',
    });
  });

  it('starts the next month when the due day of this month has passed', () => {
    expect(
      previewInstalments({ totalCents: 60000, count: 12, startDate: '2026-11-27', dueDay: 15 }),
    ).toMatchObject({ firstDueOn: '2026-12-15', lastDueOn: '2027-11-15' });
  });

  it.each([
    { totalCents: 0, count: 3, startDate: '2026-12-01', dueDay: 1 },
    { totalCents: 2, count: 3, startDate: '2026-12-01', dueDay: 1 },
    { totalCents: 100, count: 0, startDate: '2026-12-01', dueDay: 1 },
    { totalCents: 100, count: 121, startDate: '2026-12-01', dueDay: 1 },
    { totalCents: 100, count: 1, startDate: '', dueDay: 1 },
    { totalCents: 100, count: 1, startDate: '2026-12-01', dueDay: 29 },
  ])('shows nothing for a plan the server would refuse: %j', (input) => {
    expect(previewInstalments(input)).toBeNull();
  });

  it('the instalments add up to the total exactly, over the longest plan', () => {
    const preview = previewInstalments({
      totalCents: 123456,
      count: 120,
      startDate: '2026-02-01',
      dueDay: 1,
    });
    expect(preview).toEqual({
      regularCents: 1028,
      lastCents: 123456 - 1028 * 119,
      firstDueOn: '2026-02-01',
      lastDueOn: '2036-01-01',
    });
  });
});
