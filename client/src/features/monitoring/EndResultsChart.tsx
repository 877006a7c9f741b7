import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

import type { SignalEndResultAsSeen } from '../../gql/graphql';
import { formatNumber, formatPercent } from '../../lib/format';
import { EmptyState } from '../../ui/QueryState';
import { Section } from '../../ui/Section';
import { Table } from '../../ui/Table';
import { ChartFigure } from './ChartFigure';

export const END_RESULTS_CHART_HEIGHT = 380;

export interface EndResultCount {
  readonly endResult: SignalEndResultAsSeen | null;
  /** The own organisation's figures are never withheld; null only in figures across organisations. */
  readonly count: number | null;
}

/** Fits the longest Dutch end-result label on a phone, wrapped by the axis. */
const LABEL_WIDTH = 150;

/** How the signals of the own organisation ended (DDAS end results), biggest first, "no end result yet" last. */
export function EndResultsChart({ endResults }: { endResults: readonly EndResultCount[] }) {
  const { t } = useTranslation();
  const labelOf = (endResult: SignalEndResultAsSeen | null) =>
    endResult ? t(`endResults.${endResult}`) : t('monitoring.endResults.none');
  const rows = [...endResults]
    .map((entry) => ({
      key: entry.endResult ?? 'NONE',
      label: labelOf(entry.endResult),
      count: entry.count ?? 0,
    }))
    .sort((a, b) => (a.key === 'NONE' ? 1 : b.key === 'NONE' ? -1 : b.count - a.count));
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  const withResult = rows.filter((row) => row.key !== 'NONE').reduce((sum, row) => sum + row.count, 0);
  const title = t('monitoring.endResults.title');

  if (rows.length === 0) {
    return (
      <Section title={title} className="chart-figure">
        <EmptyState>{t('monitoring.endResults.empty')}</EmptyState>
      </Section>
    );
  }

  return (
    <ChartFigure
      title={title}
      summary={t('monitoring.endResults.summary', {
        count: total,
        formatted: formatNumber(total),
        withResult: formatNumber(withResult),
      })}
      height={END_RESULTS_CHART_HEIGHT}
      chart={
        <ResponsiveContainer
          width="100%"
          height="100%"
          minWidth={0}
          initialDimension={{ width: 320, height: END_RESULTS_CHART_HEIGHT }}
        >
          <BarChart
            data={rows}
            layout="vertical"
            accessibilityLayer={false}
            margin={{ top: 4, right: 40, bottom: 4, left: 0 }}
          >
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis
              type="number"
              allowDecimals={false}
              tickFormatter={(value: number) => formatNumber(value)}
            />
            <YAxis type="category" dataKey="label" width={LABEL_WIDTH} interval={0} tick={{ fontSize: 12 }} />
            <Tooltip formatter={(value) => (typeof value === 'number' ? formatNumber(value) : value)} />
            <Bar
              dataKey="count"
              name={t('monitoring.endResults.count')}
              fill="#24578f"
              isAnimationActive={false}
            >
              {/* The number beside each bar: readable without judging its length. */}
              <LabelList
                dataKey="count"
                position="right"
                formatter={(value) => (typeof value === 'number' ? formatNumber(value) : '')}
              />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      }
      table={
        <Table caption={t('monitoring.endResults.caption')}>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <th scope="col" className="utrecht-table__header-cell">
                {t('monitoring.endResults.endResult')}
              </th>
              <th scope="col" className="utrecht-table__header-cell utrecht-table__header-cell--numeric">
                {t('monitoring.endResults.count')}
              </th>
              <th scope="col" className="utrecht-table__header-cell utrecht-table__header-cell--numeric">
                {t('monitoring.endResults.share')}
              </th>
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {rows.map((row) => (
              <tr key={row.key} className="utrecht-table__row">
                <th scope="row" className="utrecht-table__header-cell">
                  {row.label}
                </th>
                <td className="utrecht-table__cell utrecht-table__cell--numeric">
                  {formatNumber(row.count)}
                </td>
                <td className="utrecht-table__cell utrecht-table__cell--numeric">
                  {total > 0 ? formatPercent(row.count / total) : t('monitoring.notApplicable')}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      }
    />
  );
}
