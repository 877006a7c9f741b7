import type { TFunction } from 'i18next';

import { TextField, type TextFieldProps } from './Field';
import { parseEuros } from '../lib/euro';

/** A money field: typed as Dutch euros, read with `parseEuros`; the keyboard of a phone offers digits. */
export function EuroField(props: Omit<TextFieldProps, 'inputMode' | 'type' | 'autoComplete'>) {
  return <TextField {...props} type="text" inputMode="decimal" autoComplete="off" className="euro-field" />;
}

/** Reads an amount field: its cents, or the message to show at the field. Zero only where it means something. */
export function readEuros(
  raw: string,
  t: TFunction,
  options: { readonly allowZero?: boolean } = {},
): { cents: number; error?: undefined } | { cents?: undefined; error: string } {
  const result = parseEuros(raw);
  if (!result.ok) return { error: t(`euroAmount.errors.${result.problem}`) };
  if (result.cents === 0 && !options.allowZero) return { error: t('euroAmount.errors.zero') };
  return { cents: result.cents };
}
