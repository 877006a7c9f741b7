import { useTranslation } from 'react-i18next';

import { getFragmentData, graphql, type FragmentType } from '../../gql';
import { todayIso } from '../../lib/dates';
import { formatDate, formatDateTime, formatMoney, formatNumber } from '../../lib/format';
import { Alert } from '../../ui/Alert';
import { DataList } from '../../ui/DataList';
import { Heading } from '../../ui/Heading';
import { EmptyState } from '../../ui/QueryState';
import { Table } from '../../ui/Table';

export const ArrearsPanelFragment = graphql(`
  fragment ArrearsPanel_case on Case {
    arrears {
      amountCents
      aroseOn
      monthsInArrears
      version
      history {
        amountCents
        aroseOn
        monthsInArrears
        recordedAt
      }
      collectionSteps {
        id
        kind
        stepDate
        note
      }
      pauses {
        id
        startsOn
        endsOn
        reason
        automatic
      }
    }
  }
`);

/** Category ARREARS: the amount, its history, the collection ladder and any collection pause. */
export function ArrearsPanel({ caseRef }: { caseRef: FragmentType<typeof ArrearsPanelFragment> }) {
  const { t } = useTranslation();
  const { arrears } = getFragmentData(ArrearsPanelFragment, caseRef);
  if (!arrears) return null;
  const today = todayIso();
  const activePause = arrears.pauses.find((pause) => pause.startsOn <= today && today <= pause.endsOn);
  return (
    <>
      {arrears.amountCents !== null && arrears.amountCents !== undefined ? (
        <DataList
          items={[
            {
              key: 'amount',
              label: t('arrears.amount'),
              value: <strong>{formatMoney(arrears.amountCents)}</strong>,
            },
            ...(arrears.aroseOn
              ? [{ key: 'aroseOn', label: t('arrears.aroseOn'), value: formatDate(arrears.aroseOn) }]
              : []),
            ...(arrears.monthsInArrears !== null && arrears.monthsInArrears !== undefined
              ? [{ key: 'months', label: t('arrears.months'), value: formatNumber(arrears.monthsInArrears) }]
              : []),
          ]}
        />
      ) : (
        <EmptyState>{t('arrears.none')}</EmptyState>
      )}

      {activePause ? (
        <Alert type="info" heading={t('arrears.pause.active', { date: formatDate(activePause.endsOn) })}>
          <p className="utrecht-paragraph">{t('arrears.pause.rule')}</p>
          <p className="utrecht-paragraph">
            {activePause.automatic ? t('arrears.pause.automatic') : activePause.reason}
          </p>
        </Alert>
      ) : null}

      <Heading level={3}>{t('arrears.ladder.title')}</Heading>
      {arrears.collectionSteps.length === 0 ? (
        <EmptyState>{t('arrears.ladder.empty')}</EmptyState>
      ) : (
        <ol className="ladder" aria-label={t('arrears.ladder.title')}>
          {arrears.collectionSteps.map((step) => (
            <li key={step.id} className={`ladder__step ladder__step--${step.kind.toLowerCase()}`}>
              <span className="ladder__date">{formatDate(step.stepDate)}</span>{' '}
              <span className="ladder__kind">{t(`collectionSteps.${step.kind}`)}</span>
              {step.note ? <span className="ladder__note"> — {step.note}</span> : null}
            </li>
          ))}
        </ol>
      )}

      {arrears.pauses.length > 0 ? (
        <>
          <Heading level={3}>{t('arrears.pause.title')}</Heading>
          <ul className="utrecht-unordered-list">
            {arrears.pauses.map((pause) => (
              <li key={pause.id} className="utrecht-unordered-list__item">
                {t('arrears.pause.period', {
                  from: formatDate(pause.startsOn),
                  until: formatDate(pause.endsOn),
                })}
                {' — '}
                {pause.automatic ? t('arrears.pause.automatic') : pause.reason}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      {arrears.history.length > 0 ? (
        <Table caption={t('arrears.history.title')}>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <th scope="col" className="utrecht-table__header-cell">
                {t('arrears.history.recordedAt')}
              </th>
              <th scope="col" className="utrecht-table__header-cell utrecht-table__header-cell--numeric">
                {t('arrears.amount')}
              </th>
              <th scope="col" className="utrecht-table__header-cell">
                {t('arrears.aroseOn')}
              </th>
              <th scope="col" className="utrecht-table__header-cell utrecht-table__header-cell--numeric">
                {t('arrears.months')}
              </th>
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {arrears.history.map((change) => (
              <tr key={change.recordedAt} className="utrecht-table__row">
                <td className="utrecht-table__cell">{formatDateTime(change.recordedAt)}</td>
                <td className="utrecht-table__cell utrecht-table__cell--numeric">
                  {formatMoney(change.amountCents)}
                </td>
                <td className="utrecht-table__cell">{formatDate(change.aroseOn)}</td>
                <td className="utrecht-table__cell utrecht-table__cell--numeric">
                  {formatNumber(change.monthsInArrears)}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
    </>
  );
}
