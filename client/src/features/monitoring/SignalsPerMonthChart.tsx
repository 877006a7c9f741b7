import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

import type { SignalPartnerType } from '../../gql/graphql';
import { formatNumber } from '../../lib/format';
import { Table } from '../../ui/Table';
import { ChartFigure } from './ChartFigure';
import { formatMonthLong, formatMonthShort } from './period';

export const SIGNALS_CHART_HEIGHT = 300;

/** Distinct, dark enough on white (≥ 3:1 for graphics); each series also has its own pattern. */
const SERIES_COLOURS = ['#24578f', '#b35900', '#2f5d0a', '#6b3fa0'] as const;

/** Solid, diagonal stripes, dots, cross-hatch: series stay apart without seeing colour. */
function SeriesPattern({ id, index }: { id: string; index: number }) {
  const colour = SERIES_COLOURS[index % SERIES_COLOURS.length];
  const kind = index % 4;
  return (
    <pattern id={id} width="8" height="8" patternUnits="userSpaceOnUse">
      <rect width="8" height="8" fill={kind === 0 ? colour : '#fff'} />
      {kind === 1 ? <path d="M0 8L8 0M-2 2L2 -2M6 10L10 6" stroke={colour} strokeWidth="3" /> : null}
      {kind === 2 ? <circle cx="4" cy="4" r="2.5" fill={colour} /> : null}
      {kind === 3 ? <path d="M0 0L8 8M8 0L0 8" stroke={colour} strokeWidth="2" /> : null}
    </pattern>
  );
}

export interface MonthSignals {
  readonly month: string;
  readonly partnerType: SignalPartnerType;
  readonly signals: number;
}

export interface MonthRow {
  readonly month: string;
  readonly counts: Readonly<Partial<Record<SignalPartnerType, number>>>;
  readonly total: number;
}

/** One row per month (in the API's order), with the signals of each partner type. */
export function pivotByMonth(entries: readonly MonthSignals[]): {
  rows: MonthRow[];
  partnerTypes: SignalPartnerType[];
} {
  const partnerTypes: SignalPartnerType[] = [];
  const rows = new Map<string, { counts: Partial<Record<SignalPartnerType, number>>; total: number }>();
  for (const entry of entries) {
    if (!partnerTypes.includes(entry.partnerType)) partnerTypes.push(entry.partnerType);
    const row = rows.get(entry.month) ?? { counts: {}, total: 0 };
    row.counts[entry.partnerType] = (row.counts[entry.partnerType] ?? 0) + entry.signals;
    row.total += entry.signals;
    rows.set(entry.month, row);
  }
  return { rows: [...rows].map(([month, row]) => ({ month, ...row })), partnerTypes };
}

export function SignalsPerMonthChart({ entries }: { entries: readonly MonthSignals[] }) {
  const { t } = useTranslation();
  const { rows, partnerTypes } = pivotByMonth(entries);
  const chartData = rows.map((row) => ({ label: formatMonthShort(row.month), ...row.counts }));
  const total = rows.reduce((sum, row) => sum + row.total, 0);
  const patternPrefix = `signals-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  return (
    <ChartFigure
      title={t('monitoring.signalsPerMonth.title')}
      summary={t('monitoring.signalsPerMonth.summary', {
        count: total,
        formatted: formatNumber(total),
      })}
      height={SIGNALS_CHART_HEIGHT}
      chart={
        <ResponsiveContainer
          width="100%"
          height="100%"
          minWidth={0}
          initialDimension={{ width: 320, height: SIGNALS_CHART_HEIGHT }}
        >
          <BarChart
            data={chartData}
            accessibilityLayer={false}
            margin={{ top: 8, right: 8, bottom: 8, left: 0 }}
          >
            <defs>
              {partnerTypes.map((partnerType, index) => (
                <SeriesPattern key={partnerType} id={`${patternPrefix}-${index}`} index={index} />
              ))}
            </defs>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" interval="preserveStartEnd" tick={{ fontSize: 12 }} />
            <YAxis allowDecimals={false} width={40} tickFormatter={(value: number) => formatNumber(value)} />
            <Tooltip formatter={(value) => (typeof value === 'number' ? formatNumber(value) : value)} />
            <Legend />
            {partnerTypes.map((partnerType, index) => (
              <Bar
                key={partnerType}
                dataKey={partnerType}
                name={t(`monitoring.partnerTypes.${partnerType}`)}
                stackId="signals"
                fill={`url(#${patternPrefix}-${index})`}
                stroke={SERIES_COLOURS[index % SERIES_COLOURS.length]}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      }
      table={
        <Table caption={t('monitoring.signalsPerMonth.caption')}>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <th scope="col" className="utrecht-table__header-cell">
                {t('monitoring.signalsPerMonth.month')}
              </th>
              {partnerTypes.map((partnerType) => (
                <th
                  key={partnerType}
                  scope="col"
                  className="utrecht-table__header-cell utrecht-table__header-cell--numeric"
                >
                  {t(`monitoring.partnerTypes.${partnerType}`)}
                </th>
              ))}
              {partnerTypes.length > 1 ? (
                <th scope="col" className="utrecht-table__header-cell utrecht-table__header-cell--numeric">
                  {t('monitoring.signalsPerMonth.total')}
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {rows.map((row) => (
              <tr key={row.month} className="utrecht-table__row">
                <th scope="row" className="utrecht-table__header-cell">
                  {formatMonthLong(row.month)}
                </th>
                {partnerTypes.map((partnerType) => (
                  <td key={partnerType} className="utrecht-table__cell utrecht-table__cell--numeric">
                    {formatNumber(row.counts[partnerType] ?? 0)}
                  </td>
                ))}
                {partnerTypes.length > 1 ? (
                  <td className="utrecht-table__cell utrecht-table__cell--numeric">
                    {formatNumber(row.total)}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </Table>
      }
    />
  );
}
