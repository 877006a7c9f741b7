import { describe, expect, it } from 'vitest';
import {
  allowedNextStatuses,
  CASE_STATUSES,
  CASE_TRANSITIONS,
  coarseStatusOf,
  findTransition,
  mayFireTransition,
} from './index.js';

describe('case lifecycle', () => {
  it('reaches every status from PRE_SIGNAL', () => {
    const reached = new Set<string>(['PRE_SIGNAL']);
    const queue = ['PRE_SIGNAL' as const];
    while (queue.length > 0) {
      const current = queue.shift()!;
      for (const next of allowedNextStatuses(current)) {
        if (!reached.has(next)) {
          reached.add(next);
          queue.push(next as never);
        }
      }
    }
    expect([...reached].sort()).toEqual([...CASE_STATUSES].sort());
  });

  it('lets nothing leave CLOSED', () => {
    expect(allowedNextStatuses('CLOSED')).toEqual([]);
  });

  it('lets only the municipality decide on admission', () => {
    const admit = findTransition('INTAKE', 'ADMITTED')!;
    expect(mayFireTransition(admit, { orgKind: 'MUNICIPALITY', role: 'DEBT_COUNSELLOR' })).toBe(true);
    expect(mayFireTransition(admit, { orgKind: 'DEBT_COUNSELLING', role: 'DEBT_COUNSELLOR' })).toBe(false);
    expect(mayFireTransition(admit, { orgKind: 'HOUSING_CORPORATION', role: 'CASE_WORKER' })).toBe(false);
    expect(mayFireTransition(admit, { orgKind: 'MUNICIPALITY', role: 'PRIVACY_OFFICER' })).toBe(false);
  });

  it('has no duplicate transitions', () => {
    const keys = CASE_TRANSITIONS.map((t) => `${t.from}->${t.to}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('shows a corporation only the coarse status', () => {
    expect(coarseStatusOf('SIGNALLED')).toBe('SIGNAL_SENT');
    expect(coarseStatusOf('ADMITTED')).toBe('HELP_ACCEPTED');
    expect(coarseStatusOf('INTAKE')).toBe('IN_PROGRESS');
    expect(coarseStatusOf('CLOSED')).toBe('CLOSED');
  });
});
