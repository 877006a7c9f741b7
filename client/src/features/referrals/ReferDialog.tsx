import { useMutation } from '@apollo/client/react';
import { ROLE_BY_KIND, type OrganizationKind } from '@vangnet/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { graphql } from '../../gql';
import { todayIso } from '../../lib/dates';
import { submitFailure, summaryOf } from '../../lib/form';
import { Dialog } from '../../ui/Dialog';
import { SelectField, TextareaField, TextField } from '../../ui/Field';
import { FormShell } from '../../ui/FormShell';
import { Paragraph } from '../../ui/Heading';

const ReferCaseDocument = graphql(`
  mutation ReferCase($input: ReferCaseInput!) {
    referCase(input: $input) {
      id
      status
      respondBy
      to {
        id
        name
      }
    }
  }
`);

export interface ReferralTarget {
  readonly id: string;
  readonly name: string;
  readonly kind: OrganizationKind;
}

export interface ReferDialogProps {
  readonly caseId: string;
  /** Organisations my organisation can refer to (the server checks the agreement). */
  readonly targets: readonly ReferralTarget[];
  readonly onClose: () => void;
  readonly onReferred: (message: string) => void;
}

/** Refer the case to a partner organisation, with a message; it joins the case in the role of its kind. */
export function ReferDialog({ caseId, targets, onClose, onReferred }: ReferDialogProps) {
  const { t } = useTranslation();
  const ids = { toOrgId: useId(), message: useId(), respondBy: useId() };
  const [toOrgId, setToOrgId] = useState(targets.length === 1 ? (targets[0]?.id ?? '') : '');
  const [message, setMessage] = useState('');
  const [respondBy, setRespondBy] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [refer, { loading }] = useMutation(ReferCaseDocument, {
    // A referral adds a partner to the case (referrals, participants, clocks, the plan's referred
    // organisations); the answer is the referral only, so the case page is read again.
    refetchQueries: ['CasePage'],
    awaitRefetchQueries: true,
  });

  async function submit() {
    setFailure(null);
    const target = targets.find((option) => option.id === toOrgId);
    const found: Record<string, string> = {};
    if (!target) found.toOrgId = t('refer.errors.toOrgId');
    if (!message.trim()) found.message = t('refer.errors.message');
    setErrors(found);
    if (!target || Object.keys(found).length > 0) return;
    try {
      await refer({
        variables: {
          input: {
            caseId,
            toOrgId: target.id,
            toRole: ROLE_BY_KIND[target.kind],
            message: message.trim(),
            ...(respondBy ? { respondBy } : {}),
          },
        },
      });
      onReferred(t('refer.sent', { organization: target.name }));
    } catch (error) {
      const result = submitFailure(error, t);
      setErrors({ ...result.fieldErrors });
      setFailure(result.message);
    }
  }

  return (
    <Dialog title={t('refer.title')} onClose={onClose}>
      <FormShell
        className="form"
        onSubmit={submit}
        header={<Paragraph>{t('refer.intro')}</Paragraph>}
        errors={summaryOf(errors, ids)}
        message={failure}
        submitLabel={t('refer.submit')}
        busy={loading}
        onCancel={onClose}
      >
        <SelectField
          id={ids.toOrgId}
          label={t('refer.toOrganization')}
          placeholder={t('common.choose')}
          options={targets.map((target) => ({ value: target.id, label: target.name }))}
          value={toOrgId}
          error={errors.toOrgId ?? errors.toRole}
          onChange={(event) => setToOrgId(event.target.value)}
        />
        <TextareaField
          id={ids.message}
          label={t('refer.message')}
          description={t('refer.messageHint')}
          value={message}
          rows={4}
          error={errors.message}
          onChange={(event) => setMessage(event.target.value)}
        />
        <TextField
          id={ids.respondBy}
          type="date"
          label={t('refer.respondBy')}
          description={t('refer.respondByHint')}
          min={todayIso()}
          value={respondBy}
          error={errors.respondBy}
          onChange={(event) => setRespondBy(event.target.value)}
        />
      </FormShell>
    </Dialog>
  );
}
