import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { graphql } from '../../gql';
import type { MonitoringCounts_FiguresFragment } from '../../gql/graphql';
import { formatNumber, formatPercent } from '../../lib/format';
import { Section } from '../../ui/Section';
import { formatDays } from './FigureValues';

/** The figures of one set of signals: the own organisation, one partner organisation, or the region. */
export const MonitoringCountsFragment = graphql(`
  fragment MonitoringCounts_Figures on MonitoringCounts {
    signals
    reached
    reachRate
    helpAccepted
    helpAcceptanceRate
    withFirstContactAttempt
    averageDaysToFirstContact
    medianDaysToFirstContact
    arrangementsKept
    evictionsPrevented
    suppressed
    endResults {
      endResult
      count
      suppressed
    }
  }
`);

export type MonitoringCounts = MonitoringCounts_FiguresFragment;

function Tile({ label, value, detail }: { label: string; value: ReactNode; detail?: ReactNode }) {
  return (
    <div className="key-figure">
      <dt className="key-figure__label">{label}</dt>
      <dd className="key-figure__value">{value}</dd>
      {detail ? <dd className="key-figure__detail">{detail}</dd> : null}
    </div>
  );
}

/**
 * The organisation's own figures, in full (the API never withholds them). A rate or average without a
 * base (no signals, no contact attempt yet) says so instead of showing 0.
 */
export function KeyFigures({
  counts,
  organizationName,
}: {
  counts: MonitoringCounts;
  organizationName: string;
}) {
  const { t } = useTranslation();
  const notApplicable = t('monitoring.notApplicable');
  const signals = counts.signals ?? 0;
  const ofSignals = (part: number | null | undefined) =>
    part === null || part === undefined
      ? undefined
      : t('monitoring.tiles.ofSignals', { part: formatNumber(part), total: formatNumber(signals) });
  const contactBase =
    counts.withFirstContactAttempt === null
      ? undefined
      : t('monitoring.tiles.contactBase', {
          count: counts.withFirstContactAttempt,
          formatted: formatNumber(counts.withFirstContactAttempt),
        });
  return (
    <Section title={t('monitoring.tiles.title', { organization: organizationName })}>
      <dl className="key-figures">
        <Tile
          label={t('monitoring.tiles.signals')}
          value={counts.signals === null ? notApplicable : formatNumber(counts.signals)}
        />
        <Tile
          label={t('monitoring.tiles.reachRate')}
          value={counts.reachRate === null ? notApplicable : formatPercent(counts.reachRate)}
          detail={ofSignals(counts.reached)}
        />
        <Tile
          label={t('monitoring.tiles.helpAcceptance')}
          value={
            counts.helpAcceptanceRate === null ? notApplicable : formatPercent(counts.helpAcceptanceRate)
          }
          detail={ofSignals(counts.helpAccepted)}
        />
        <Tile
          label={t('monitoring.tiles.averageDays')}
          value={
            counts.averageDaysToFirstContact === null
              ? notApplicable
              : t('monitoring.days', {
                  count: counts.averageDaysToFirstContact,
                  formatted: formatDays(counts.averageDaysToFirstContact),
                })
          }
          detail={contactBase}
        />
        <Tile
          label={t('monitoring.tiles.medianDays')}
          value={
            counts.medianDaysToFirstContact === null
              ? notApplicable
              : t('monitoring.days', {
                  count: counts.medianDaysToFirstContact,
                  formatted: formatDays(counts.medianDaysToFirstContact),
                })
          }
          detail={contactBase}
        />
        <Tile
          label={t('monitoring.tiles.arrangementsKept')}
          value={
            counts.arrangementsKept === null
              ? t('monitoring.tiles.notRecorded')
              : formatNumber(counts.arrangementsKept)
          }
          detail={
            counts.arrangementsKept === null ? t('monitoring.tiles.arrangementsNotRecorded') : undefined
          }
        />
        <Tile
          label={t('monitoring.tiles.evictionsPrevented')}
          value={counts.evictionsPrevented === null ? notApplicable : formatNumber(counts.evictionsPrevented)}
          detail={t('monitoring.tiles.evictionsPreventedDetail')}
        />
      </dl>
    </Section>
  );
}
