import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export interface FieldError {
  /** The id of the field (or fieldset) the message is about; the summary links to it. */
  readonly fieldId?: string;
  readonly message: string;
}

/**
 * The list of what is wrong with a form, above it. It takes focus when it appears so keyboard and
 * screen-reader users hear it at once; every line links to its field.
 */
export function ErrorSummary({ errors }: { errors: readonly FieldError[] }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const headingId = useId();
  const key = errors.map((error) => `${error.fieldId ?? ''}:${error.message}`).join('|');

  useEffect(() => {
    if (key) ref.current?.focus();
  }, [key]);

  if (errors.length === 0) return null;
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="alert"
      aria-labelledby={headingId}
      className="utrecht-alert utrecht-alert--error error-summary"
    >
      <p id={headingId} className="alert__heading">
        {t('form.errorSummary', { count: errors.length })}
      </p>
      <ul className="utrecht-unordered-list">
        {errors.map((error) => (
          <li key={`${error.fieldId ?? ''}:${error.message}`} className="utrecht-unordered-list__item">
            {error.fieldId ? (
              <a
                className="utrecht-link"
                href={`#${error.fieldId}`}
                onClick={(event) => {
                  const target = document.getElementById(error.fieldId ?? '');
                  if (target) {
                    event.preventDefault();
                    target.focus();
                  }
                }}
              >
                {error.message}
              </a>
            ) : (
              error.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
