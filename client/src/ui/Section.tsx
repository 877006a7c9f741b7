import { useId, type ReactNode } from 'react';

import { Heading, type HeadingLevel } from './Heading';

export interface SectionProps {
  readonly title: ReactNode;
  readonly level?: HeadingLevel;
  readonly children: ReactNode;
  /** Buttons next to the heading. */
  readonly actions?: ReactNode;
  readonly className?: string;
  readonly id?: string;
}

/** A named region of a page: a landmark with its own heading. */
export function Section({ title, level = 2, children, actions, className, id }: SectionProps) {
  const headingId = useId();
  return (
    <section
      id={id}
      aria-labelledby={headingId}
      className={['panel', className ?? ''].filter(Boolean).join(' ')}
    >
      <div className="panel__header">
        <Heading level={level} id={headingId}>
          {title}
        </Heading>
        {actions ? <div className="panel__actions">{actions}</div> : null}
      </div>
      {children}
    </section>
  );
}
