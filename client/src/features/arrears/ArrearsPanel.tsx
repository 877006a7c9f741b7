import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { getFragmentData, graphql, type FragmentType } from '../../gql';
import { todayIso } from '../../lib/dates';
import { formatDate, formatDateTime, formatMoney, formatNumber } from '../../lib/format';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { DataList } from '../../ui/DataList';
import { Heading } from '../../ui/Heading';
import { EmptyState } from '../../ui/QueryState';
import { StatusBadge } from '../../ui/StatusBadge';
import { Table } from '../../ui/Table';
import { activePause, upcomingPauses, STEPS_BLOCKED_BY_PAUSE } from './collection-pause';
import { CollectionPauseForm } from './CollectionPauseForm';
import { CollectionStepForm } from './CollectionStepForm';
import { RecordArrearsForm } from './RecordArrearsForm';
import './arrears.css';

export const ArrearsPanelFragment = graphql(`
  fragment ArrearsPanel_case on Case {
    id
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

type OpenForm = 'arrears' | 'step' | 'pause' | null;

/**
 * Category ARREARS: the amount, its history, the collection ladder and any collection pause. The
 * referring corporation (`mayManage`) records new arrears, collection steps and pauses here.
 */
export function ArrearsPanel({
  caseRef,
  mayManage = false,
}: {
  caseRef: FragmentType<typeof ArrearsPanelFragment>;
  mayManage?: boolean;
}) {
  const { t } = useTranslation();
  const { id: caseId, arrears } = getFragmentData(ArrearsPanelFragment, caseRef);
  const [open, setOpen] = useState<OpenForm>(null);
  const [status, setStatus] = useState('');
  if (!arrears) return null;
  const today = todayIso();
  const pause = activePause(arrears.pauses, today);
  const upcoming = upcomingPauses(arrears.pauses, today);
  const hasAmount = arrears.amountCents !== null && arrears.amountCents !== undefined;
  const figures =
    hasAmount && arrears.aroseOn && arrears.monthsInArrears !== null && arrears.monthsInArrears !== undefined
      ? {
          amountCents: arrears.amountCents ?? 0,
          aroseOn: arrears.aroseOn,
          monthsInArrears: arrears.monthsInArrears,
        }
      : null;
  const openForm = (form: OpenForm) => {
    setStatus('');
    setOpen(form);
  };
  const done = (message: string) => {
    setOpen(null);
    setStatus(message);
  };
  const blockedSteps = STEPS_BLOCKED_BY_PAUSE.map((step) => t(`collectionSteps.${step}`)).join(', ');

  return (
    <>
      <p role="status" className="utrecht-paragraph status-line">
        {status}
      </p>
      {pause ? (
        <Alert
          type="warning"
          className="pause-alert"
          heading={t('arrears.pause.active', { date: formatDate(pause.endsOn) })}
        >
          <p className="utrecht-paragraph">{t('arrears.pause.rule')}</p>
          <p className="utrecht-paragraph">{t('collectionPause.blockedSteps', { steps: blockedSteps })}</p>
          <p className="utrecht-paragraph">
            {pause.automatic
              ? t('arrears.pause.automatic')
              : t('collectionPause.reasonIs', { reason: pause.reason })}
          </p>
        </Alert>
      ) : null}

      {hasAmount ? (
        <DataList
          items={[
            {
              key: 'amount',
              label: t('arrears.amount'),
              value: <strong>{formatMoney(arrears.amountCents ?? 0)}</strong>,
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
      {mayManage ? (
        open === 'arrears' ? (
          <RecordArrearsForm
            caseId={caseId}
            current={figures}
            version={arrears.version ?? 0}
            onDone={done}
            onCancel={() => setOpen(null)}
          />
        ) : (
          <div className="button-row">
            <Button variant="secondary" onClick={() => openForm('arrears')}>
              {hasAmount ? t('arrearsEdit.openUpdate') : t('arrearsEdit.openNew')}
            </Button>
          </div>
        )
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
      {mayManage ? (
        open === 'step' ? (
          <CollectionStepForm caseId={caseId} pause={pause} onDone={done} onCancel={() => setOpen(null)} />
        ) : (
          <div className="button-row">
            <Button variant="secondary" onClick={() => openForm('step')}>
              {t('collectionLadder.open')}
            </Button>
          </div>
        )
      ) : null}

      {arrears.pauses.length > 0 || mayManage ? (
        <Heading level={3}>{t('arrears.pause.title')}</Heading>
      ) : null}
      {arrears.pauses.length > 0 ? (
        <ul className="utrecht-unordered-list pause-list">
          {arrears.pauses.map((item) => (
            <li key={item.id} className="utrecht-unordered-list__item">
              {t('arrears.pause.period', { from: formatDate(item.startsOn), until: formatDate(item.endsOn) })}{' '}
              {item === pause ? (
                <StatusBadge tone="warning">{t('collectionPause.state.active')}</StatusBadge>
              ) : upcoming.includes(item) ? (
                <StatusBadge tone="active">{t('collectionPause.state.upcoming')}</StatusBadge>
              ) : item.endsOn < today ? (
                <StatusBadge tone="inactive">{t('collectionPause.state.ended')}</StatusBadge>
              ) : null}
              {' — '}
              {item.automatic ? t('arrears.pause.automatic') : item.reason}
            </li>
          ))}
        </ul>
      ) : mayManage ? (
        <EmptyState>{t('collectionPause.none')}</EmptyState>
      ) : null}
      {mayManage ? (
        open === 'pause' ? (
          <CollectionPauseForm caseId={caseId} onDone={done} onCancel={() => setOpen(null)} />
        ) : (
          <div className="button-row">
            <Button variant="secondary" onClick={() => openForm('pause')}>
              {t('collectionPause.open')}
            </Button>
          </div>
        )
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
            {arrears.history.map((change, index) => (
              <tr key={`${change.recordedAt}-${index}`} className="utrecht-table__row">
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
