import { useTranslation } from 'react-i18next';
import { Button } from './Button';

/** The "Meer laden" button under a cursor-paginated list; absent when there is no next page. */
export function LoadMoreButton({
  hasNextPage,
  loading,
  onLoadMore,
}: {
  hasNextPage: boolean;
  loading: boolean;
  onLoadMore: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  if (!hasNextPage) return null;
  return (
    <Button variant="secondary" busy={loading} onClick={() => void onLoadMore()} className="load-more">
      {loading ? t('pagination.loadingMore') : t('pagination.loadMore')}
    </Button>
  );
}
