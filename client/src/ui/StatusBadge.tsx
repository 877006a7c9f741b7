import type { ReactNode } from 'react';

export type BadgeTone = 'neutral' | 'safe' | 'warning' | 'danger' | 'active' | 'inactive';

export function StatusBadge({ tone = 'neutral', children }: { tone?: BadgeTone; children: ReactNode }) {
  return (
    <span className={`utrecht-status-badge utrecht-status-badge--${tone} status-badge`}>{children}</span>
  );
}
