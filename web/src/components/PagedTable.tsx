import { Table, type TableColumnsType, type TableProps } from 'antd';
import { ListEmpty, ListError, LoadMore } from './ListStates';

/** What a cursor-paged list hook gives (useCursorList). */
export interface PagedList<T> {
  items: T[];
  isError: boolean;
  isPending: boolean;
  error: Error | null;
  refetch: () => unknown;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

interface PagedTableProps<T> {
  list: PagedList<T>;
  columns: TableColumnsType<T>;
  /** Rows to show when the page filters the loaded items further; the loaded items otherwise. */
  rows?: T[];
  emptyText?: string;
  testId: string;
  size?: TableProps<T>['size'];
  scroll?: TableProps<T>['scroll'];
}

/** Every organisation and log list: the error state with retry, the empty state, the rows and "load more". */
export function PagedTable<T extends { id: number }>({
  list,
  columns,
  rows,
  emptyText,
  testId,
  size,
  scroll,
}: PagedTableProps<T>) {
  return (
    <>
      {list.isError ? (
        <ListError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Table<T>
          rowKey="id"
          size={size}
          columns={columns}
          dataSource={rows ?? list.items}
          loading={list.isPending}
          pagination={false}
          scroll={scroll === undefined ? { x: 'max-content' } : scroll}
          locale={{ emptyText: list.isPending ? ' ' : <ListEmpty text={emptyText} /> }}
          data-testid={testId}
        />
      )}
      <LoadMore count={list.items.length} {...list} />
    </>
  );
}
