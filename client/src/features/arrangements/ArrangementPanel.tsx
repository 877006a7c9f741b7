import { useMutation } from '@apollo/client/react';
import { DEFAULT_STREAK_LENGTH } from '@vangnet/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { getFragmentData, graphql, type FragmentType } from '../../gql';
import type {
  ArrangementStatus,
  ArrangementView_ArrangementFragment,
  InstalmentStatus,
  RewardStatus,
} from '../../gql/graphql';
import { formatDate, formatDateTime, formatMoney, formatNumber } from '../../lib/format';
import { submitFailure } from '../../lib/form';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { DataList } from '../../ui/DataList';
import { Heading, Paragraph } from '../../ui/Heading';
import { EmptyState } from '../../ui/QueryState';
import { StatusBadge, type BadgeTone } from '../../ui/StatusBadge';
import { Table } from '../../ui/Table';
import { CreateArrangementForm } from './CreateArrangementForm';
import { ArrangementViewFragment } from './arrangement.fragment';
import { RecordPaymentDialog, type PayableInstalment } from './RecordPaymentDialog';
import './arrangement.css';

export const ArrangementPanelFragment = graphql(`
  fragment ArrangementPanel_case on Case {
    id
    arrangement {
      id
      ...ArrangementView_arrangement
    }
    arrears {
      amountCents
    }
  }
`);

export const DecideRewardDocument = graphql(`
  mutation DecideReward($input: DecideRewardInput!) {
    decideReward(input: $input) {
      id
      ...ArrangementView_arrangement
    }
  }
`);

const ARRANGEMENT_TONE: Record<ArrangementStatus, BadgeTone> = {
  ACTIVE: 'active',
  COMPLETED: 'safe',
  BROKEN: 'danger',
};

const INSTALMENT_TONE: Record<InstalmentStatus, BadgeTone> = {
  DUE: 'neutral',
  PAID_ON_TIME: 'safe',
  PAID_LATE: 'warning',
  MISSED: 'danger',
};

const REWARD_TONE: Record<RewardStatus, BadgeTone> = {
  PROPOSED: 'warning',
  CONFIRMED: 'safe',
  DECLINED: 'inactive',
};

type Arrangement = ArrangementView_ArrangementFragment;
type Milestone = Arrangement['milestones'][number];

/** The streak, large: good behaviour made visible to every partner who may see the arrangement. */
function Streak({ arrangement }: { arrangement: Arrangement }) {
  const { t } = useTranslation();
  const toNext = DEFAULT_STREAK_LENGTH - (arrangement.streak % DEFAULT_STREAK_LENGTH);
  return (
    <div className="streak" role="group" aria-label={t('arrangementView.streak.label')}>
      <p className="streak__figure" aria-hidden="true">
        {formatNumber(arrangement.streak)}
      </p>
      <div>
        <p className="streak__text">{t('arrangementView.streak.text', { count: arrangement.streak })}</p>
        {arrangement.status === 'ACTIVE' ? (
          <p className="utrecht-paragraph streak__next">
            {t('arrangementView.streak.next', { count: toNext })}
          </p>
        ) : null}
      </div>
    </div>
  );
}

function MilestoneItem({
  milestone,
  mayDecide,
  onDecided,
}: {
  milestone: Milestone;
  mayDecide: boolean;
  onDecided: (message: string) => void;
}) {
  const { t } = useTranslation();
  const [decide, { loading }] = useMutation(DecideRewardDocument);
  const [choice, setChoice] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reward =
    milestone.rewardDescription && milestone.rewardCents !== null && milestone.rewardCents !== undefined
      ? t('arrangementView.milestones.rewardWithAmount', {
          reward: milestone.rewardDescription,
          amount: formatMoney(milestone.rewardCents),
        })
      : (milestone.rewardDescription ??
        (milestone.rewardCents !== null && milestone.rewardCents !== undefined
          ? formatMoney(milestone.rewardCents)
          : null));
  const title = t(`arrangementView.milestones.kind.${milestone.kind}`, {
    sequence: milestone.reachedAtSequence,
  });

  async function submit(confirm: boolean) {
    setError(null);
    setChoice(confirm);
    try {
      await decide({ variables: { input: { milestoneId: milestone.id, confirm } } });
      onDecided(
        t(confirm ? 'arrangementView.milestones.confirmed' : 'arrangementView.milestones.declined', {
          milestone: title,
        }),
      );
    } catch (caught) {
      setError(submitFailure(caught, t).message ?? t('errors.BAD_USER_INPUT'));
    }
  }

  return (
    <li className="milestone">
      <Heading level={4} className="milestone__title">
        {title}
      </Heading>
      <p className="utrecht-paragraph">
        {t('arrangementView.milestones.reachedOn', { date: formatDate(milestone.reachedOn) })}
      </p>
      {reward ? (
        <p className="utrecht-paragraph">
          {t('arrangementView.milestones.reward', { reward })}{' '}
          <StatusBadge tone={REWARD_TONE[milestone.rewardStatus]}>
            {t(`arrangementView.rewardStatus.${milestone.rewardStatus}`)}
          </StatusBadge>
          {milestone.decidedAt ? (
            <span className="muted">
              {' '}
              {t('arrangementView.milestones.decidedAt', { when: formatDateTime(milestone.decidedAt) })}
            </span>
          ) : null}
        </p>
      ) : null}
      {error ? (
        <Alert type="error" live>
          {error}
        </Alert>
      ) : null}
      {mayDecide && milestone.rewardStatus === 'PROPOSED' ? (
        <div className="button-row">
          <Button variant="primary" busy={loading && choice === true} onClick={() => void submit(true)}>
            {t('arrangementView.milestones.confirm')}
            <span className="visually-hidden">{`: ${title}`}</span>
          </Button>
          <Button variant="secondary" busy={loading && choice === false} onClick={() => void submit(false)}>
            {t('arrangementView.milestones.decline')}
            <span className="visually-hidden">{`: ${title}`}</span>
          </Button>
        </div>
      ) : null}
    </li>
  );
}

function InstalmentsTable({
  arrangement,
  mayRecordPayment,
  onPay,
}: {
  arrangement: Arrangement;
  mayRecordPayment: boolean;
  onPay: (instalment: PayableInstalment) => void;
}) {
  const { t } = useTranslation();
  const payable = mayRecordPayment && arrangement.status === 'ACTIVE';
  const cell = 'utrecht-table__cell';
  const numeric = `${cell} utrecht-table__cell--numeric`;
  return (
    <Table caption={t('arrangementView.instalments.title')} className="instalments">
      <thead className="utrecht-table__header">
        <tr className="utrecht-table__row">
          <th scope="col" className="utrecht-table__header-cell utrecht-table__header-cell--numeric">
            {t('arrangementView.instalments.sequence')}
          </th>
          <th scope="col" className="utrecht-table__header-cell">
            {t('arrangementView.instalments.dueOn')}
          </th>
          <th scope="col" className="utrecht-table__header-cell utrecht-table__header-cell--numeric">
            {t('arrangementView.instalments.amount')}
          </th>
          <th scope="col" className="utrecht-table__header-cell">
            {t('arrangementView.instalments.status')}
          </th>
          <th scope="col" className="utrecht-table__header-cell">
            {t('arrangementView.instalments.paidOn')}
          </th>
          {payable ? (
            <th scope="col" className="utrecht-table__header-cell">
              <span className="visually-hidden">{t('arrangementView.instalments.actions')}</span>
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody className="utrecht-table__body">
        {arrangement.instalments.map((instalment) => (
          <tr key={instalment.id} className="utrecht-table__row">
            <td className={numeric}>{formatNumber(instalment.sequence)}</td>
            <td className={cell}>{formatDate(instalment.dueOn)}</td>
            <td className={numeric}>{formatMoney(instalment.amountCents)}</td>
            <td className={cell}>
              <StatusBadge tone={INSTALMENT_TONE[instalment.status]}>
                {t(`arrangementView.instalmentStatus.${instalment.status}`)}
              </StatusBadge>
            </td>
            <td className={cell}>
              {instalment.paidOn ? formatDate(instalment.paidOn) : <span className="muted">—</span>}
              {instalment.paidCents !== null &&
              instalment.paidCents !== undefined &&
              instalment.paidCents !== instalment.amountCents ? (
                <span className="muted"> ({formatMoney(instalment.paidCents)})</span>
              ) : null}
            </td>
            {payable ? (
              <td className={cell}>
                {instalment.status === 'DUE' || instalment.status === 'MISSED' ? (
                  <Button
                    variant="secondary"
                    aria-label={t('arrangementView.payment.openFor', { sequence: instalment.sequence })}
                    onClick={() => onPay(instalment)}
                  >
                    {t('arrangementView.payment.open')}
                  </Button>
                ) : null}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/** One arrangement: status, streak, figures, instalments and milestones. */
export function ArrangementView({
  arrangementRef,
  mayManage,
  onStatus,
}: {
  arrangementRef: FragmentType<typeof ArrangementViewFragment>;
  mayManage: boolean;
  onStatus: (message: string) => void;
}) {
  const { t } = useTranslation();
  const arrangement = getFragmentData(ArrangementViewFragment, arrangementRef);
  const [paying, setPaying] = useState<PayableInstalment | null>(null);
  return (
    <>
      <p className="utrecht-paragraph arrangement-status">
        {t('arrangementView.statusLabel')}{' '}
        <StatusBadge tone={ARRANGEMENT_TONE[arrangement.status]}>
          {t(`arrangementView.status.${arrangement.status}`)}
        </StatusBadge>
      </p>
      {arrangement.status === 'BROKEN' ? (
        <Alert type="error" heading={t('arrangementView.broken.title')}>
          <p className="utrecht-paragraph">
            {t('arrangementView.broken.body', { count: arrangement.missedTolerance })}
          </p>
        </Alert>
      ) : null}
      {arrangement.status === 'ACTIVE' && arrangement.missedCount > 0 ? (
        <Alert type="warning" heading={t('arrangementView.missed.title', { count: arrangement.missedCount })}>
          <p className="utrecht-paragraph">
            {t('arrangementView.missed.body', { count: arrangement.missedTolerance })}
          </p>
        </Alert>
      ) : null}
      <Streak arrangement={arrangement} />
      <DataList
        items={[
          { key: 'total', label: t('arrangementView.total'), value: formatMoney(arrangement.totalCents) },
          { key: 'paid', label: t('arrangementView.paid'), value: formatMoney(arrangement.paidCents) },
          {
            key: 'remaining',
            label: t('arrangementView.remaining'),
            value: <strong>{formatMoney(arrangement.remainingCents)}</strong>,
          },
          {
            key: 'instalment',
            label: t('arrangementView.instalment'),
            value: t('arrangementView.instalmentValue', {
              count: arrangement.instalmentCount,
              amount: formatMoney(arrangement.instalmentCents),
              day: arrangement.dueDay,
            }),
          },
          { key: 'start', label: t('arrangementView.startDate'), value: formatDate(arrangement.startDate) },
          {
            key: 'missed',
            label: t('arrangementView.missedLabel'),
            value: t('arrangementView.missedValue', {
              missed: formatNumber(arrangement.missedCount),
              tolerance: formatNumber(arrangement.missedTolerance),
            }),
          },
        ]}
      />
      <InstalmentsTable arrangement={arrangement} mayRecordPayment={mayManage} onPay={setPaying} />
      <Heading level={3}>{t('arrangementView.milestones.title')}</Heading>
      {arrangement.milestones.length === 0 ? (
        <EmptyState>{t('arrangementView.milestones.empty', { count: DEFAULT_STREAK_LENGTH })}</EmptyState>
      ) : (
        <ul className="milestone-list" aria-label={t('arrangementView.milestones.title')}>
          {arrangement.milestones.map((milestone) => (
            <MilestoneItem
              key={milestone.id}
              milestone={milestone}
              mayDecide={mayManage}
              onDecided={onStatus}
            />
          ))}
        </ul>
      )}
      {paying ? (
        <RecordPaymentDialog
          instalment={paying}
          onClose={() => setPaying(null)}
          onRecorded={(message) => {
            setPaying(null);
            onStatus(message);
          }}
        />
      ) : null}
    </>
  );
}

/**
 * Category ARRANGEMENT (docs/product.md §4): the payment arrangement between the corporation and the tenant with
 * its streak. The referring corporation (`mayManage`) makes an arrangement, records payments and decides
 * on proposed rewards; every other partner allowed to see it reads along.
 */
export function ArrangementPanel({
  caseRef,
  mayManage,
}: {
  caseRef: FragmentType<typeof ArrangementPanelFragment>;
  mayManage: boolean;
}) {
  const { t } = useTranslation();
  const data = getFragmentData(ArrangementPanelFragment, caseRef);
  const [creating, setCreating] = useState(false);
  const [status, setStatus] = useState('');
  const arrangement = data.arrangement ? getFragmentData(ArrangementViewFragment, data.arrangement) : null;
  // One ACTIVE arrangement per case; after a completed or broken one a new one may be made.
  const mayCreate = mayManage && arrangement?.status !== 'ACTIVE';

  return (
    <>
      <p role="status" className="utrecht-paragraph status-line">
        {status}
      </p>
      {data.arrangement ? (
        <ArrangementView
          arrangementRef={data.arrangement}
          mayManage={mayManage}
          onStatus={(message) => setStatus(message)}
        />
      ) : (
        <EmptyState>{t('arrangementView.none')}</EmptyState>
      )}
      {mayCreate ? (
        creating ? (
          <CreateArrangementForm
            caseId={data.id}
            suggestedTotalCents={data.arrears?.amountCents ?? null}
            onCancel={() => setCreating(false)}
            onDone={(message) => {
              setCreating(false);
              setStatus(message);
            }}
          />
        ) : (
          <div className="button-row">
            <Button
              variant={arrangement ? 'secondary' : 'primary'}
              onClick={() => {
                setStatus('');
                setCreating(true);
              }}
            >
              {arrangement ? t('arrangementView.create.openAnother') : t('arrangementView.create.open')}
            </Button>
          </div>
        )
      ) : null}
      {!mayManage && data.arrangement ? (
        <Paragraph className="muted">{t('arrangementView.readOnly')}</Paragraph>
      ) : null}
    </>
  );
}
