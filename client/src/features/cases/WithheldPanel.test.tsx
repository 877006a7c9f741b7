import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { changeLanguage } from '../../app/i18n';
import type { AccessReason } from '../../gql/graphql';
import { WithheldPanel } from './WithheldPanel';

describe('"why can\'t I see this" panel', () => {
  it.each<[AccessReason, string]>([
    ['NO_CONSENT', 'De huurder heeft geen toestemming gegeven om dit met Kredietbank Rivierstad te delen.'],
    [
      'CONSENT_WITHDRAWN',
      'De huurder heeft de toestemming om dit met Kredietbank Rivierstad te delen ingetrokken.',
    ],
    [
      'CONSENT_EXPIRED',
      'De toestemming van de huurder om dit met Kredietbank Rivierstad te delen is verlopen.',
    ],
    ['NOT_PARTICIPANT', 'Kredietbank Rivierstad werkt niet mee aan dit dossier.'],
    ['NOT_ASSIGNED', 'Dit dossier is aan een collega van Kredietbank Rivierstad toegewezen, niet aan jou.'],
    ['LEGAL_RESTRICTION', 'De wet staat niet toe dat Kredietbank Rivierstad dit ziet.'],
  ])('says in plain Dutch why (%s), naming my organisation', (reason, sentence) => {
    render(<WithheldPanel category="DEBTS" reason={reason} organizationName="Kredietbank Rivierstad" />);
    expect(screen.getByText('Je kunt dit niet zien')).toBeVisible();
    expect(screen.getByText(sentence)).toBeVisible();
  });

  it('treats a missing reason as no consent', () => {
    render(<WithheldPanel category="DEBTS" reason={null} organizationName="Gemeente Rivierstad" />);
    expect(
      screen.getByText('De huurder heeft geen toestemming gegeven om dit met Gemeente Rivierstad te delen.'),
    ).toBeVisible();
  });

  it('offers to record consent when a consent would resolve it, for the withheld category', async () => {
    const onRecordConsent = vi.fn();
    render(
      <WithheldPanel
        category="INCOME_EXPENSES"
        reason="NO_CONSENT"
        organizationName="Kredietbank Rivierstad"
        onRecordConsent={onRecordConsent}
      />,
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Toestemming vastleggen voor Inkomsten en uitgaven' }),
    );
    expect(onRecordConsent).toHaveBeenCalledWith('INCOME_EXPENSES');
  });

  it('asks for a new consent when it expired, and reminds to respect a withdrawal', () => {
    const onRecordConsent = vi.fn();
    const { rerender } = render(
      <WithheldPanel
        category="DEBTS"
        reason="CONSENT_EXPIRED"
        organizationName="X"
        onRecordConsent={onRecordConsent}
      />,
    );
    expect(screen.getByRole('button', { name: 'Nieuwe toestemming vastleggen voor Schulden' })).toBeVisible();

    rerender(
      <WithheldPanel
        category="DEBTS"
        reason="CONSENT_WITHDRAWN"
        organizationName="X"
        onRecordConsent={onRecordConsent}
      />,
    );
    expect(screen.getByText(/Respecteer de keuze van de huurder/)).toBeVisible();
  });

  it('offers nothing when consent cannot help or I may not record consents', () => {
    const { rerender } = render(
      <WithheldPanel
        category="DEBTS"
        reason="NOT_PARTICIPANT"
        organizationName="X"
        onRecordConsent={vi.fn()}
      />,
    );
    expect(screen.queryByRole('button')).toBeNull();

    rerender(<WithheldPanel category="DEBTS" reason="NO_CONSENT" organizationName="X" />);
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('speaks English when the user switched language', async () => {
    await act(() => changeLanguage('en'));
    render(<WithheldPanel category="DEBTS" reason="NO_CONSENT" organizationName="Kredietbank Rivierstad" />);
    expect(
      screen.getByText('The tenant has not given consent to share this with Kredietbank Rivierstad.'),
    ).toBeVisible();
  });
});
