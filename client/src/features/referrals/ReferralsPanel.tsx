import { useMutation } from '@apollo/client/react';
import type { VangnetAbility } from '@vangnet/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { getFragmentData, graphql, type FragmentType } from '../../gql';
import type { ReferralsPanel_CaseFragment } from '../../gql/graphql';
import { canOnReferral, type Actor } from '../../lib/ability';
import { formatDate, formatDateTime } from '../../lib/format';
import { summaryOf } from '../../lib/form';
import { useFormErrors } from '../../lib/useFormErrors';
import { useWorkingDaysLeft } from '../../lib/useWorkingDaysLeft';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { DataList } from '../../ui/DataList';
import { TextareaField } from '../../ui/Field';
import { FormShell } from '../../ui/FormShell';
import { Heading } from '../../ui/Heading';
import { EmptyState } from '../../ui/QueryState';
import { StatusBadge, type BadgeTone } from '../../ui/StatusBadge';
import { CountdownBadge } from '../deadlines';
import { forgetMyDeadlines } from '../../lib/cachedList';

export const ReferralsPanelFragment = graphql(`
  fragment ReferralsPanel_case on Case {
    referrals {
      id
      status
      message
      respondBy
      respondedAt
      declineReason
      createdAt
      toRole
      from {
        id
        name
        kind
      }
      to {
        id
        name
        kind
      }
    }
  }
`);

const RespondToReferralDocument = graphql(`
  mutation RespondToReferral($input: RespondToReferralInput!) {
    respondToReferral(input: $input) {
      id
      status
      respondedAt
      declineReason
    }
  }
`);

type Referral = ReferralsPanel_CaseFragment['referrals'][number];

const STATUS_TONE: Record<Referral['status'], BadgeTone> = {
  PENDING: 'warning',
  ACCEPTED: 'safe',
  DECLINED: 'danger',
  WITHDRAWN: 'inactive',
  EXPIRED: 'inactive',
};

/** The respond-by countdown in Dutch working days (the calendar loads on first use). */
function RespondByCountdown({ respondBy }: { respondBy: string }) {
  const { t } = useTranslation();
  const left = useWorkingDaysLeft(respondBy);
  return left === null ? (
    <span className="countdown__date">{t('countdown.dueOn', { date: formatDate(respondBy) })}</span>
  ) : (
    <CountdownBadge workingDaysLeft={left} dueOn={respondBy} />
  );
}

function RespondControls({ referral }: { referral: Referral }) {
  const { t } = useTranslation();
  const reasonId = useId();
  const [respond, { loading }] = useMutation(RespondToReferralDocument, {
    // Accepting makes my organisation a participant (status, participants, what it may read change);
    // the answer is the referral only, so the case page is read again. Deadlines are read anew later.
    refetchQueries: ['CasePage'],
    awaitRefetchQueries: true,
    update: (cache) => forgetMyDeadlines(cache),
  });
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const { errors, setErrors, message, setMessage, showFailure } = useFormErrors();

  async function send(accept: boolean) {
    setMessage(null);
    if (!accept && !reason.trim()) {
      setErrors({ declineReason: t('referrals.declineReasonRequired') });
      return;
    }
    setErrors({});
    try {
      await respond({
        variables: {
          input: { referralId: referral.id, accept, ...(accept ? {} : { declineReason: reason.trim() }) },
        },
      });
    } catch (error) {
      showFailure(error);
    }
  }

  return (
    <div className="referral__respond">
      {message ? (
        <Alert type="error" live>
          {message}
        </Alert>
      ) : null}
      {declining ? (
        <FormShell
          className="form"
          onSubmit={() => send(false)}
          errors={summaryOf(errors, { declineReason: reasonId })}
          submitLabel={t('referrals.confirmDecline')}
          submitVariant="danger"
          busy={loading}
          onCancel={() => setDeclining(false)}
        >
          <TextareaField
            id={reasonId}
            label={t('referrals.declineReason')}
            description={t('referrals.declineReasonHint')}
            value={reason}
            error={errors.declineReason}
            onChange={(event) => setReason(event.target.value)}
            rows={3}
            required
          />
        </FormShell>
      ) : (
        <div className="button-row">
          <Button variant="primary" busy={loading} onClick={() => void send(true)}>
            {t('referrals.accept')}
          </Button>
          <Button variant="secondary" onClick={() => setDeclining(true)}>
            {t('referrals.decline')}
          </Button>
        </div>
      )}
    </div>
  );
}

/**
 * The referrals my organisation sent or received (closed loop): who to whom, the message, status and,
 * while pending, the respond-by countdown. The recipient accepts or declines here.
 */
export function ReferralsPanel({
  caseRef,
  actor,
  ability,
}: {
  caseRef: FragmentType<typeof ReferralsPanelFragment>;
  actor: Actor;
  ability: VangnetAbility;
}) {
  const { t } = useTranslation();
  const { referrals } = getFragmentData(ReferralsPanelFragment, caseRef);
  if (referrals.length === 0) return <EmptyState>{t('referrals.empty')}</EmptyState>;
  return (
    <ul className="referral-list">
      {referrals.map((referral) => {
        const incoming = referral.to.id === actor.organizationId;
        const mayRespond =
          incoming && referral.status === 'PENDING' && canOnReferral(ability, 'respond', referral);
        return (
          <li key={referral.id} className="referral">
            <Heading level={3}>
              {incoming
                ? t('referrals.incoming', { organization: referral.from.name })
                : t('referrals.outgoing', { organization: referral.to.name })}
            </Heading>
            <p className="utrecht-paragraph">
              <StatusBadge tone={STATUS_TONE[referral.status]}>
                {t(`referralStatus.${referral.status}`)}
              </StatusBadge>{' '}
              {referral.status === 'PENDING' ? <RespondByCountdown respondBy={referral.respondBy} /> : null}
            </p>
            <DataList
              items={[
                { key: 'sent', label: t('referrals.sentAt'), value: formatDateTime(referral.createdAt) },
                {
                  key: 'role',
                  label: t('referrals.asRole'),
                  value: t(`participantRoles.${referral.toRole}`),
                },
                {
                  key: 'message',
                  label: t('referrals.message'),
                  value: <span className="pre-line">{referral.message}</span>,
                },
                ...(referral.respondedAt
                  ? [
                      {
                        key: 'responded',
                        label: t('referrals.respondedAt'),
                        value: formatDateTime(referral.respondedAt),
                      },
                    ]
                  : []),
                ...(referral.declineReason
                  ? [{ key: 'reason', label: t('referrals.declineReason'), value: referral.declineReason }]
                  : []),
              ]}
            />
            {mayRespond ? <RespondControls referral={referral} /> : null}
          </li>
        );
      })}
    </ul>
  );
}
