import { describe, expect, it } from 'vitest';
import {
  allowedNextStatuses,
  CASE_STATUS_LABELS_NL,
  CASE_STATUSES,
  CASE_TRANSITIONS,
  coarseStatusOf,
  findTransition,
  invalidTransitionMessage,
  mayFireTransition,
  unmetPreconditions,
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

  it('leaves signalling and referring to their own operations', () => {
    const via = CASE_TRANSITIONS.filter((t) => t.via).map((t) => `${t.from}->${t.to} via ${t.via}`);
    expect(via).toEqual([
      'PRE_SIGNAL->SIGNALLED via sendSignal',
      'PRE_SIGNAL->REFERRED via referCase',
      'SIGNALLED->REFERRED via referCase',
    ]);
  });

  it('asks an exit reason for every way to CLOSED, and nothing else of other moves', () => {
    for (const transition of CASE_TRANSITIONS) {
      expect(
        transition.requires?.includes('EXIT_REASON') ?? false,
        `${transition.from}->${transition.to}`,
      ).toBe(transition.to === 'CLOSED');
    }
  });

  it('decides on admission only after the first conversation', () => {
    for (const to of ['ADMITTED', 'NOT_ADMITTED'] as const) {
      const decision = findTransition('INTAKE', to)!;
      expect(unmetPreconditions(decision, {})).toEqual(['FIRST_CONVERSATION']);
      expect(unmetPreconditions(decision, { firstConversationAt: '2026-03-02' })).toEqual([]);
    }
  });

  it('reaches a solution only with its kind, and closes a signal only with its end result', () => {
    const solution = findTransition('STABILISATION', 'SOLUTION')!;
    expect(unmetPreconditions(solution, {})).toEqual(['SOLUTION_KIND']);
    expect(unmetPreconditions(solution, { solutionKind: 'WSNP' })).toEqual([]);
    const closeSignal = findTransition('SIGNALLED', 'CLOSED')!;
    expect(unmetPreconditions(closeSignal, { signalWithoutEndResult: true })).toEqual([
      'EXIT_REASON',
      'SIGNAL_END_RESULT',
    ]);
    expect(
      unmetPreconditions(closeSignal, { exitReason: 'NO_CONTACT', signalWithoutEndResult: false }),
    ).toEqual([]);
    expect(unmetPreconditions(findTransition('ADMITTED', 'STABILISATION')!, {})).toEqual([]);
  });

  it('names the current state and the allowed next states in Dutch', () => {
    expect(invalidTransitionMessage('INTAKE')).toBe(
      "Van 'Intake' kan het dossier alleen naar: toegelaten, niet toegelaten.",
    );
    expect(invalidTransitionMessage('SIGNALLED')).toBe(
      "Van 'Gesignaleerd' kan het dossier alleen naar: verwezen, in contact, afgesloten.",
    );
    expect(invalidTransitionMessage('CLOSED')).toBe("Van 'Afgesloten' kan het dossier nergens meer heen.");
    for (const status of CASE_STATUSES) expect(CASE_STATUS_LABELS_NL[status]).toBeTruthy();
  });
});
