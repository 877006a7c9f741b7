import type { ReactNode } from 'react';

export type AlertType = 'info' | 'ok' | 'warning' | 'error';

export interface AlertProps {
  readonly type?: AlertType;
  readonly heading?: ReactNode;
  readonly children?: ReactNode;
  /** Announce the alert when it appears (errors: assertive, the rest: polite). */
  readonly live?: boolean;
  readonly className?: string;
}

export function Alert({ type = 'info', heading, children, live = false, className }: AlertProps) {
  const role = live ? (type === 'error' ? 'alert' : 'status') : undefined;
  return (
    <div
      role={role}
      className={['utrecht-alert', `utrecht-alert--${type}`, 'alert', className ?? '']
        .filter(Boolean)
        .join(' ')}
    >
      <div className="utrecht-alert__content">
        {heading ? <p className="alert__heading">{heading}</p> : null}
        {children ? <div className="utrecht-alert__message">{children}</div> : null}
      </div>
    </div>
  );
}
