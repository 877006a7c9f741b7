import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { useFormErrors } from './useFormErrors';

const refused = (code: string, message: string, extensions: Record<string, unknown> = {}) =>
  new CombinedGraphQLErrors({ errors: [{ message, extensions: { code, ...extensions } }] });

describe('useFormErrors', () => {
  it('puts per-field input errors at their fields, without a message for the whole form', () => {
    const { result } = renderHook(() => useFormErrors());
    act(() =>
      result.current.showFailure(
        refused('BAD_USER_INPUT', 'Invoer klopt niet', {
          fieldErrors: { paidOn: 'Datum ligt in de toekomst.' },
        }),
      ),
    );
    expect(result.current.errors).toEqual({ paidOn: 'Datum ligt in de toekomst.' });
    expect(result.current.message).toBeNull();
  });

  it('says in the UI’s own words why any other write was refused, and clears earlier field errors', () => {
    const { result } = renderHook(() => useFormErrors());
    act(() => result.current.setErrors({ note: 'Te lang.' }));
    act(() => result.current.showFailure(refused('FORBIDDEN', 'forbidden')));
    expect(result.current.errors).toEqual({});
    expect(result.current.message).toBe('Dit mag jij niet doen bij dit dossier.');
  });
});
