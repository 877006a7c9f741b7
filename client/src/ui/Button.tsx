import type { ButtonHTMLAttributes, ReactNode } from 'react';
import { Link, type LinkProps } from 'react-router';

export type ButtonVariant = 'primary' | 'secondary' | 'subtle' | 'danger';

const VARIANT_CLASS: Record<ButtonVariant, string> = {
  primary: 'utrecht-button--primary-action',
  secondary: 'utrecht-button--secondary-action',
  subtle: 'utrecht-button--subtle',
  danger: 'utrecht-button--primary-action utrecht-button--danger',
};

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  readonly variant?: ButtonVariant;
  /** While busy the button stays focusable but does nothing; the label may say what is happening. */
  readonly busy?: boolean;
  readonly children: ReactNode;
}

/** The NL Design System button (Utrecht CSS), always a real <button>. */
export function Button({
  variant = 'secondary',
  busy = false,
  type = 'button',
  className,
  onClick,
  children,
  ...rest
}: ButtonProps) {
  return (
    <button
      {...rest}
      type={type}
      aria-busy={busy || undefined}
      aria-disabled={busy || rest.disabled || undefined}
      className={[
        'utrecht-button',
        VARIANT_CLASS[variant],
        busy ? 'utrecht-button--busy' : '',
        className ?? '',
      ]
        .filter(Boolean)
        .join(' ')}
      onClick={(event) => {
        if (busy) {
          event.preventDefault();
          return;
        }
        onClick?.(event);
      }}
    >
      {children}
    </button>
  );
}

export interface ButtonLinkProps extends LinkProps {
  readonly variant?: ButtonVariant;
}

/** A link that looks like a button: navigation stays a link for assistive technology. */
export function ButtonLink({ variant = 'secondary', className, ...rest }: ButtonLinkProps) {
  return (
    <Link
      {...rest}
      className={[
        'utrecht-button-link',
        'utrecht-button-link--html-a',
        `utrecht-button-link--${variant === 'primary' ? 'primary' : 'secondary'}-action`,
        className ?? '',
      ]
        .filter(Boolean)
        .join(' ')}
    />
  );
}

export function TextLink({ className, ...rest }: LinkProps) {
  return (
    <Link
      {...rest}
      className={['utrecht-link', 'utrecht-link--html-a', className ?? ''].filter(Boolean).join(' ')}
    />
  );
}
