import { useEffect, useId, useRef } from 'react';

/**
 * A form that opens in place of its button takes the focus to its first field, so keyboard and
 * screen-reader users continue where the form is instead of at the top of the page.
 */
export function useFocusFirstField<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('input:not([type="hidden"]), textarea, select')?.focus();
  }, []);
  return ref;
}

/**
 * When a form closes (saved or cancelled), the focus goes back to the button that opened it, instead
 * of getting lost with the form. Returns the id to give that button.
 */
export function useReturnFocus(open: boolean): string {
  const openerId = useId();
  const wasOpen = useRef(open);
  useEffect(() => {
    if (wasOpen.current && !open) document.getElementById(openerId)?.focus();
    wasOpen.current = open;
  }, [open, openerId]);
  return openerId;
}
