import { describe, expect, it } from 'vitest';

import { readPreSignalGate } from './pre-signal-gate.js';

describe('reading the pre-signal gate', () => {
  it('misses every step of an empty dossier, in the order of the Besluit', () => {
    expect(readPreSignalGate([]).missing).toEqual([
      'WRITTEN_REMINDER',
      'PERSONAL_CONTACT_ATTEMPT',
      'DEBT_HELP_POINTER',
    ]);
  });

  it('counts a written reminder only when it offered to pass the contact details on', () => {
    const without = readPreSignalGate([{ kind: 'WRITTEN_REMINDER', offeredContactTransfer: false }]);
    expect(without.missing).toContain('WRITTEN_REMINDER');
    expect(without.reminderWithoutOffer).toBe(true);
    const withOffer = readPreSignalGate([
      { kind: 'WRITTEN_REMINDER', offeredContactTransfer: false },
      { kind: 'WRITTEN_REMINDER', offeredContactTransfer: true },
    ]);
    expect(withOffer.missing).not.toContain('WRITTEN_REMINDER');
    expect(withOffer.fulfilledBy.WRITTEN_REMINDER).toEqual({
      kind: 'WRITTEN_REMINDER',
      offeredContactTransfer: true,
    });
    expect(withOffer.reminderWithoutOffer).toBe(false);
  });

  it('is open when all three are recorded, and shut by an objection whatever else was done', () => {
    const steps = [
      { kind: 'WRITTEN_REMINDER', offeredContactTransfer: true },
      { kind: 'PERSONAL_CONTACT_ATTEMPT' },
      { kind: 'DEBT_HELP_POINTER' },
    ] as const;
    expect(readPreSignalGate(steps)).toMatchObject({ missing: [], objection: null });
    expect(readPreSignalGate([...steps, { kind: 'TENANT_OBJECTION' }]).objection).toEqual({
      kind: 'TENANT_OBJECTION',
    });
  });
});
