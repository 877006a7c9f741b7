import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { Button } from '../../ui/Button';
import { Section } from '../../ui/Section';

/**
 * A chart with its text alternative: the same figures as a data table, one click (or key press) away.
 * The drawing itself is hidden from assistive technology and has no focusable parts; the table is
 * the accessible version, so nothing depends on seeing the bars or telling their colours apart.
 */
export function ChartFigure({
  title,
  summary,
  height,
  chart,
  table,
}: {
  readonly title: string;
  /** One sentence saying what the chart shows, read before it. */
  readonly summary: ReactNode;
  /** Fixed, so the page does not jump when the data arrive or the window narrows. */
  readonly height: number;
  readonly chart: ReactNode;
  readonly table: ReactNode;
}) {
  const { t } = useTranslation();
  const [showTable, setShowTable] = useState(false);
  const tableId = useId();
  return (
    <Section title={title} className="chart-figure">
      <p className="utrecht-paragraph">{summary}</p>
      <div className="chart-figure__chart" style={{ height }} aria-hidden="true">
        {chart}
      </div>
      <Button
        variant="subtle"
        aria-expanded={showTable}
        aria-controls={tableId}
        onClick={() => setShowTable((shown) => !shown)}
      >
        {showTable ? t('monitoring.hideTable') : t('monitoring.showTable')}
      </Button>
      <div id={tableId} hidden={!showTable} className="chart-figure__table">
        {showTable ? table : null}
      </div>
    </Section>
  );
}

/** The grey block of a chart's exact size while the figures load. */
export function ChartPlaceholder({ title, height }: { title: string; height: number }) {
  const { t } = useTranslation();
  return (
    <Section title={title} className="chart-figure">
      <div className="skeleton" aria-busy="true">
        <span role="status" className="visually-hidden">
          {t('monitoring.loading')}
        </span>
        <div aria-hidden="true" className="skeleton__line" />
        <div aria-hidden="true" className="skeleton__block" style={{ height }} />
      </div>
    </Section>
  );
}
