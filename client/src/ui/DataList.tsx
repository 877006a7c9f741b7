import type { ReactNode } from 'react';

export interface DataItem {
  readonly key: string;
  readonly label: ReactNode;
  readonly value: ReactNode;
}

/** Label–value pairs (NL Design System data list), e.g. the facts of a case. */
export function DataList({ items, className }: { items: readonly DataItem[]; className?: string }) {
  return (
    <dl
      className={['utrecht-data-list', 'utrecht-data-list--rows', 'data-list', className ?? '']
        .filter(Boolean)
        .join(' ')}
    >
      {items.map((item) => (
        <div key={item.key} className="utrecht-data-list__item">
          <dt className="utrecht-data-list__item-key">{item.label}</dt>
          <dd className="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">
            {item.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
