import { describe, expect, it } from 'vitest';

import i18n from '../../app/i18n';
import { consentWording, consentWordingVersion } from './wording';

describe('consent wording shown to the tenant', () => {
  const input = {
    recipient: 'Kredietbank Rivierstad',
    recorder: 'Gemeente Rivierstad',
    purpose: 'DEBT_ASSISTANCE',
    categories: ['INCOME_EXPENSES', 'DEBTS'],
    validUntil: '26-11-2027',
  } as const;

  it('is plain Dutch (B1) built from the locale file, one line per kind of data', () => {
    expect(consentWording(i18n.getFixedT('nl'), input)).toBe(
      [
        'Ik geef Kredietbank Rivierstad toestemming om deze gegevens over mij te zien en te gebruiken:',
        '- mijn inkomsten en uitgaven',
        '- mijn schulden',
        '',
        'Dat is nodig om mij te helpen met mijn schulden.',
        'Deze toestemming geldt tot 26-11-2027.',
        'Ik mag mijn toestemming altijd weer intrekken. Dat kan ik zeggen tegen Gemeente Rivierstad.',
        'Zeg ik nee, of trek ik mijn toestemming in? Dan krijg ik nog steeds hulp.',
      ].join('\n'),
    );
  });

  it('exists in English for a tenant who reads English, with its own version', () => {
    expect(consentWording(i18n.getFixedT('en'), input)).toContain(
      'I give Kredietbank Rivierstad permission to see and use this information about me:',
    );
    expect(consentWordingVersion('nl')).toBe('vangnet-toestemming-v1-nl');
    expect(consentWordingVersion('en')).toBe('vangnet-toestemming-v1-en');
  });
});
