import type { FormHTMLAttributes, ReactNode, Ref } from 'react';
import { useTranslation } from 'react-i18next';

import { Alert } from './Alert';
import { Button, type ButtonVariant } from './Button';
import { ErrorSummary, type FieldError } from './ErrorSummary';

export interface FormShellProps extends Omit<
  FormHTMLAttributes<HTMLFormElement>,
  'onSubmit' | 'noValidate' | 'children'
> {
  readonly ref?: Ref<HTMLFormElement>;
  /** Called on submit; the browser's own submit (a page load) is already prevented. */
  readonly onSubmit: () => unknown;
  /** What stands above the error summary: the form's heading or introduction. */
  readonly header?: ReactNode;
  /** The error summary's lines (see `summaryOf`); none, no summary. */
  readonly errors: readonly FieldError[];
  /** A message about the form as a whole (e.g. the server refused it), shown as an error alert. */
  readonly message?: string | null;
  readonly submitLabel: ReactNode;
  readonly submitVariant?: ButtonVariant;
  readonly submitDisabled?: boolean;
  /** While saving: the submit button is busy (it stays focusable but does nothing). */
  readonly busy: boolean;
  /** Shows the "Annuleren" button. */
  readonly onCancel?: () => void;
  /** More actions in the button row, after submit and cancel. */
  readonly extraActions?: ReactNode;
  readonly children: ReactNode;
}

/**
 * The frame every edit form shares: the form (validated by us, not the browser), its error summary
 * (which takes the focus after a failed submit and links to the fields), the form-level error, the
 * fields, and the button row with submit and cancel.
 */
export function FormShell({
  onSubmit,
  header,
  errors,
  message,
  submitLabel,
  submitVariant = 'primary',
  submitDisabled,
  busy,
  onCancel,
  extraActions,
  children,
  ...form
}: FormShellProps) {
  const { t } = useTranslation();
  return (
    <form
      {...form}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      {header}
      <ErrorSummary errors={errors} />
      {message ? (
        <Alert type="error" live>
          {message}
        </Alert>
      ) : null}
      {children}
      <div className="button-row">
        <Button type="submit" variant={submitVariant} busy={busy} disabled={submitDisabled}>
          {submitLabel}
        </Button>
        {onCancel ? (
          <Button variant="subtle" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        ) : null}
        {extraActions}
      </div>
    </form>
  );
}
