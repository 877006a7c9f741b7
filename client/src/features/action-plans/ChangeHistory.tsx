import { useTranslation } from 'react-i18next';

import { getFragmentData, graphql, type FragmentType } from '../../gql';
import type { ActionItemStatus, ConsentChannel } from '../../gql/graphql';
import { formatDate, formatDateTime } from '../../lib/format';
import { Table } from '../../ui/Table';

export const ChangeHistoryFragment = graphql(`
  fragment ChangeHistory_change on FieldChange {
    field
    oldText
    newText
    version
    changedAt
    changedBy {
      id
      displayName
    }
    changedByOrganization {
      id
      name
    }
  }
`);

const DATE_FIELDS: readonly string[] = ['dueDate', 'targetDate', 'tenantSignedOffOn'];
const STATUSES = ['OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED'] as const satisfies readonly ActionItemStatus[];
const CHANNELS = [
  'WRITTEN',
  'DIGITAL',
  'VERBAL_CONFIRMED_IN_WRITING',
] as const satisfies readonly ConsentChannel[];
/** The fields the plan's rows record changes of (the API's field names). */
const KNOWN_FIELDS = [
  'title',
  'description',
  'status',
  'dueDate',
  'ownerOrgId',
  'assigneeId',
  'what',
  'measure',
  'targetDate',
  'helpRequest',
  'tenantSignedOffOn',
  'tenantSignOffChannel',
] as const;

function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}

/**
 * Who changed what and when (docs/product.md §4: every change is kept), newest first. Collapsed by default: the
 * current values are what a reader needs first.
 */
export function ChangeHistory({
  changes,
  subject,
}: {
  changes: readonly FragmentType<typeof ChangeHistoryFragment>[];
  /** What changed, for the table's caption, e.g. the action's title. */
  subject: string;
}) {
  const { t } = useTranslation();
  const rows = getFragmentData(ChangeHistoryFragment, changes);
  if (rows.length === 0) return null;

  const fieldLabel = (field: string) =>
    isOneOf(KNOWN_FIELDS, field) ? t(`planEditing.history.fields.${field}`) : field;
  const valueText = (field: string, text: string | null | undefined) => {
    if (text === null || text === undefined || text === '') return t('planEditing.history.empty');
    if (DATE_FIELDS.includes(field)) return formatDate(text);
    if (field === 'status' && isOneOf(STATUSES, text)) return t(`actionItemStatus.${text}`);
    if (field === 'tenantSignOffChannel' && isOneOf(CHANNELS, text)) return t(`consentChannels.${text}`);
    return text;
  };

  return (
    <details className="change-history">
      <summary>{t('planEditing.history.summary', { count: rows.length })}</summary>
      <Table caption={t('planEditing.history.caption', { subject })}>
        <thead>
          <tr className="utrecht-table__row">
            <th scope="col" className="utrecht-table__header-cell">
              {t('planEditing.history.when')}
            </th>
            <th scope="col" className="utrecht-table__header-cell">
              {t('planEditing.history.who')}
            </th>
            <th scope="col" className="utrecht-table__header-cell">
              {t('planEditing.history.field')}
            </th>
            <th scope="col" className="utrecht-table__header-cell">
              {t('planEditing.history.before')}
            </th>
            <th scope="col" className="utrecht-table__header-cell">
              {t('planEditing.history.after')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((change) => (
            <tr key={`${change.version}-${change.field}`} className="utrecht-table__row">
              <td className="utrecht-table__cell change-history__when">{formatDateTime(change.changedAt)}</td>
              <td className="utrecht-table__cell">
                {change.changedBy.displayName}
                <span className="muted">, {change.changedByOrganization.name}</span>
              </td>
              <td className="utrecht-table__cell">{fieldLabel(change.field)}</td>
              <td className="utrecht-table__cell pre-line">{valueText(change.field, change.oldText)}</td>
              <td className="utrecht-table__cell pre-line">{valueText(change.field, change.newText)}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </details>
  );
}
