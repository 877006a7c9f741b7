import { describe, expect, it } from 'vitest';

import { amsterdamMidnight } from './day-boundaries';

describe('Amsterdam day boundaries for the audit log filter', () => {
  it('starts a winter day at 23:00 UTC the evening before', () => {
    expect(amsterdamMidnight('2026-11-26')).toBe('2026-11-25T23:00:00.000Z');
  });

  it('starts a summer day at 22:00 UTC the evening before', () => {
    expect(amsterdamMidnight('2026-07-01')).toBe('2026-06-30T22:00:00.000Z');
  });

  it('ends a day ("up to and including") at the next midnight, also across the clock change', () => {
    expect(amsterdamMidnight('2026-03-28', 1)).toBe('2026-03-28T23:00:00.000Z');
    expect(amsterdamMidnight('2026-03-29', 1)).toBe('2026-03-29T22:00:00.000Z');
  });

  it('refuses what is not a date', () => {
    expect(amsterdamMidnight('26-11-2026')).toBeNull();
    expect(amsterdamMidnight('')).toBeNull();
  });
});
