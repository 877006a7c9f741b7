import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './Button';

/**
 * The "Meer laden" button under a cursor-paginated list; absent when there is no next page. It is busy
 * while the next page loads, so a second press does not ask for the same page again.
 */
export function LoadMoreButton({
  hasNextPage,
  onLoadMore,
}: {
  hasNextPage: boolean;
  onLoadMore: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [loading, setLoading] = useState(false);
  if (!hasNextPage) return null;
  return (
    <Button
      variant="secondary"
      busy={loading}
      onClick={() => {
        setLoading(true);
        void onLoadMore().finally(() => setLoading(false));
      }}
      className="load-more"
    >
      {loading ? t('pagination.loadingMore') : t('pagination.loadMore')}
    </Button>
  );
}
