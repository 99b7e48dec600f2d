import { Alert, Button, Empty, Flex, Typography } from 'antd';
import type { ApiError } from '../api/client';
import { useT } from '../i18n';

/** The error state of a list: the server's message and a retry. */
export function ListError({ error, onRetry }: { error: Error | null; onRetry: () => void }) {
  const t = useT();
  const status = (error as ApiError | null)?.status;
  return (
    <Alert
      type="error"
      showIcon
      title={t('common.loadError')}
      description={status === 0 ? t('error.network') : error?.message}
      action={
        <Button size="small" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      }
    />
  );
}

export function ListEmpty({ text }: { text?: string }) {
  const t = useT();
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text ?? t('common.empty')} />;
}

interface LoadMoreProps {
  count: number;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/** Cursor paging: how many rows are shown, and a button for the next page while there is one. */
export function LoadMore({ count, hasNextPage, isFetchingNextPage, fetchNextPage }: LoadMoreProps) {
  const t = useT();
  if (count === 0) return null;
  return (
    <Flex justify="center" align="center" gap={12} style={{ marginTop: 16 }}>
      <Typography.Text type="secondary">{t('common.shown', { n: count })}</Typography.Text>
      {hasNextPage && (
        <Button onClick={() => fetchNextPage()} loading={isFetchingNextPage} data-testid="load-more">
          {t('common.loadMore')}
        </Button>
      )}
    </Flex>
  );
}
