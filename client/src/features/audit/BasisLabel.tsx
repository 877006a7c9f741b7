import { isUuid } from '@vangnet/shared';
import { useTranslation } from 'react-i18next';

const KNOWN_BASES = [
  'ORIGIN',
  'CONSENT',
  'LEGAL_BASIS',
  'WGS_ART_3_SIGNAL',
  'AVG_ART_15',
  'AVG_ART_5_1_E',
] as const;
type KnownBasis = (typeof KNOWN_BASES)[number];

function isKnownBasis(value: string): value is KnownBasis {
  return (KNOWN_BASES as readonly string[]).includes(value);
}

/**
 * Why an access was allowed, in words: a consent (the API records its id), the organisation's own
 * data, or a named legal basis. Several bases are joined with "+" by the API. Unknown codes are shown
 * as they are, so nothing is hidden from the privacy officer.
 */
export function BasisLabel({ basis }: { basis: string | null }) {
  const { t } = useTranslation();
  if (!basis) return <>—</>;
  const parts = basis.split('+').filter(Boolean);
  return (
    <>
      {parts.map((part, index) => (
        <span key={`${part}-${index}`}>
          {index > 0 ? ', ' : null}
          {isUuid(part) ? (
            <span title={part}>{t('privacy.basis.consentId', { id: part.slice(0, 8) })}</span>
          ) : isKnownBasis(part) ? (
            <span title={part}>{t(`privacy.basis.${part}`)}</span>
          ) : (
            <code>{part}</code>
          )}
        </span>
      ))}
    </>
  );
}
