import type { ReactNode } from 'react';

/**
 * A data table that scrolls sideways on a narrow screen instead of squeezing (the container is a
 * focusable, labelled group so keyboard users can scroll it too; not a landmark region).
 */
export function Table({
  caption,
  children,
  className,
}: {
  caption: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div
      className="utrecht-table-container utrecht-table-container--overflow-inline table-scroll"
      role="group"
      aria-label={typeof caption === 'string' ? caption : undefined}
      tabIndex={0}
    >
      <table
        className={['utrecht-table', 'utrecht-table--html-table', className ?? ''].filter(Boolean).join(' ')}
      >
        <caption className="utrecht-table__caption">{caption}</caption>
        {children}
      </table>
    </div>
  );
}
