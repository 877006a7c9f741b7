import { describe, expect, it } from 'vitest';

import { transitionOptions } from './lifecycle';

const counsellor = { orgKind: 'MUNICIPALITY', role: 'DEBT_COUNSELLOR' } as const;
const kredietbank = { orgKind: 'DEBT_COUNSELLING', role: 'DEBT_COUNSELLOR' } as const;
const corporation = { orgKind: 'HOUSING_CORPORATION', role: 'CASE_WORKER' } as const;

const targets = (options: ReturnType<typeof transitionOptions>) =>
  options.map((option) => option.transition.to);

describe('which lifecycle moves the case page offers', () => {
  it('comes from the shared table, without the moves that have their own operation', () => {
    // SIGNALLED → REFERRED happens through referCase only.
    expect(targets(transitionOptions('SIGNALLED', counsellor, true, {}))).toEqual(['IN_CONTACT', 'CLOSED']);
  });

  it('follows organisation kind and role: only the municipality decides on access', () => {
    expect(targets(transitionOptions('INTAKE', counsellor, true, {}))).toEqual(['ADMITTED', 'NOT_ADMITTED']);
    expect(targets(transitionOptions('INTAKE', kredietbank, true, {}))).toEqual([]);
  });

  it('offers nothing when the access rules do not let me move this case, or I only know the coarse status', () => {
    expect(transitionOptions('IN_CONTACT', counsellor, false, {})).toEqual([]);
    expect(transitionOptions(null, corporation, true, {})).toEqual([]);
  });

  it('names the preconditions the case does not meet yet', () => {
    const [admit] = transitionOptions('INTAKE', counsellor, true, { firstConversationAt: null });
    expect(admit?.blockedBy).toEqual(['FIRST_CONVERSATION']);
    const [admitted] = transitionOptions('INTAKE', counsellor, true, {
      firstConversationAt: '2026-11-20T10:00:00Z',
    });
    expect(admitted?.blockedBy).toEqual([]);

    const close = transitionOptions('SIGNALLED', counsellor, true, { signalWithoutEndResult: true }).find(
      (option) => option.transition.to === 'CLOSED',
    );
    // The exit reason is asked in the form; the missing end result blocks.
    expect(close?.blockedBy).toEqual(['SIGNAL_END_RESULT']);
  });
});
