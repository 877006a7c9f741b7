import { useEffect, useId, useRef, type ReactNode } from 'react';

import { Heading } from './Heading';

export interface DialogProps {
  readonly title: ReactNode;
  readonly children: ReactNode;
  /** Escape and the backdrop call this; the dialog's own buttons decide the rest. */
  readonly onClose: () => void;
  readonly className?: string;
}

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog: focus moves into it, Tab stays inside, Escape closes it, and focus returns to where
 * it came from. Rendered in place (no portal) so tests and screen readers see it in the flow.
 */
export function Dialog({ title, children, onClose, className }: DialogProps) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const dialog = ref.current;
    const first = dialog?.querySelector<HTMLElement>(FOCUSABLE);
    (first ?? dialog)?.focus();
    return () => opener?.focus();
  }, []);

  return (
    <div
      className="dialog-backdrop"
      onMouseDown={(event) => event.target === event.currentTarget && onClose()}
    >
      <div
        ref={ref}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        className={['dialog', className ?? ''].filter(Boolean).join(' ')}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.stopPropagation();
            onClose();
            return;
          }
          if (event.key !== 'Tab') return;
          const focusable = Array.from(ref.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? []);
          const firstItem = focusable[0];
          const lastItem = focusable[focusable.length - 1];
          if (!firstItem || !lastItem) return;
          if (event.shiftKey && document.activeElement === firstItem) {
            event.preventDefault();
            lastItem.focus();
          } else if (!event.shiftKey && document.activeElement === lastItem) {
            event.preventDefault();
            firstItem.focus();
          }
        }}
      >
        <Heading level={2} id={titleId}>
          {title}
        </Heading>
        {children}
      </div>
    </div>
  );
}
