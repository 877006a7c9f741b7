import { useTranslation } from 'react-i18next';

export interface SkeletonProps {
  /** Lines of text the content will have; each is one line high, so nothing jumps when it arrives. */
  readonly lines?: number;
  /** A fixed block height instead of lines (e.g. a table). */
  readonly height?: string;
  /** What is loading, for the screen reader ("Werklijst laden"). */
  readonly label?: string;
  readonly className?: string;
}

/** A grey placeholder the size of the content, with a polite "loading" for assistive technology. */
export function Skeleton({ lines = 3, height, label, className }: SkeletonProps) {
  const { t } = useTranslation();
  return (
    <div className={['skeleton', className ?? ''].filter(Boolean).join(' ')} aria-busy="true">
      <span role="status" className="visually-hidden">
        {label ?? t('state.loading')}
      </span>
      {height ? (
        <div aria-hidden="true" className="skeleton__block" style={{ height }} />
      ) : (
        Array.from({ length: lines }, (_, index) => (
          <div aria-hidden="true" key={index} className="skeleton__line" />
        ))
      )}
    </div>
  );
}
