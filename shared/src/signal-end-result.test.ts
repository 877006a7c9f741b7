import { describe, expect, it } from 'vitest';
import { ORGANIZATION_KINDS, SIGNAL_END_RESULTS, signalEndResultAsSeenBy } from './index.js';

describe('the end result of a signal as each partner may know it', () => {
  it('shows the corporation "not picked up: other reason" only as "not picked up"', () => {
    expect(signalEndResultAsSeenBy('HOUSING_CORPORATION', 'NOT_PICKED_UP_OTHER_REASON')).toBe(
      'NOT_PICKED_UP',
    );
  });

  it('shows the corporation every other end result as it is', () => {
    for (const endResult of SIGNAL_END_RESULTS.filter((value) => value !== 'NOT_PICKED_UP_OTHER_REASON'))
      expect(signalEndResultAsSeenBy('HOUSING_CORPORATION', endResult)).toBe(endResult);
  });

  it('shows the municipality and debt counselling the real end result, reason included', () => {
    for (const kind of ORGANIZATION_KINDS.filter((value) => value !== 'HOUSING_CORPORATION'))
      for (const endResult of SIGNAL_END_RESULTS)
        expect(signalEndResultAsSeenBy(kind, endResult)).toBe(endResult);
  });

  it('keeps "no end result yet" as null for everyone', () => {
    for (const kind of ORGANIZATION_KINDS) expect(signalEndResultAsSeenBy(kind, null)).toBeNull();
  });
});
