import type { HTMLAttributes, ReactNode } from 'react';

export type HeadingLevel = 1 | 2 | 3 | 4;

export interface HeadingProps extends HTMLAttributes<HTMLHeadingElement> {
  readonly level: HeadingLevel;
  readonly children: ReactNode;
}

export function Heading({ level, className, children, ...rest }: HeadingProps) {
  const Tag = `h${level}` as const;
  return (
    <Tag {...rest} className={[`utrecht-heading-${level}`, className ?? ''].filter(Boolean).join(' ')}>
      {children}
    </Tag>
  );
}

/**
 * The page's one <h1>. The layout moves focus to it after a navigation (see RouteFocus), so a screen
 * reader announces the new page and keyboard users continue from its top.
 */
export function PageHeading({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <h1
      tabIndex={-1}
      className={['utrecht-heading-1', 'page-heading', className ?? ''].filter(Boolean).join(' ')}
    >
      {children}
    </h1>
  );
}

export function Paragraph({ className, ...rest }: HTMLAttributes<HTMLParagraphElement>) {
  return <p {...rest} className={['utrecht-paragraph', className ?? ''].filter(Boolean).join(' ')} />;
}
