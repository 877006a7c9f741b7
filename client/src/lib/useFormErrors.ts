import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { submitFailure } from './form';

/**
 * What a form says is wrong: per-field messages (for the fields and the error summary) and one message
 * for the form as a whole. `showFailure` puts a refused write into words, the same way in every form.
 */
export function useFormErrors() {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);

  function showFailure(error: unknown) {
    const failure = submitFailure(error, t);
    setErrors({ ...failure.fieldErrors });
    setMessage(failure.message);
  }

  return { errors, setErrors, message, setMessage, showFailure };
}
