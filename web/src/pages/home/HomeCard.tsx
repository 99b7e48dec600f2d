import { RightOutlined } from '@ant-design/icons';
import { Badge, Card, Flex, Skeleton, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ListEmpty, ListError } from '../../components/ListStates';
import { useT } from '../../i18n';

export const RED = '#dc2626';
/** The few rows a start-page card lists; "另有 n 项" and the link lead to the rest. */
export const SHOWN = 5;

/** What a card needs of a query: its loading, error and retry. */
export interface Loadable {
  isPending: boolean;
  isError: boolean;
  error: Error | null;
  refetch: () => unknown;
}

interface HomeCardProps {
  testId: string;
  title: ReactNode;
  /** The page where the work is done. */
  to?: string;
  /** A count beside the title (red when something is late). */
  count?: number;
  late?: boolean;
  state?: Loadable | Loadable[];
  empty?: string | false;
  children?: ReactNode;
}

/** A start-page card: skeleton while loading, the error with a retry, the empty text, or the rows. */
export function HomeCard({ testId, title, to, count, late, state, empty, children }: HomeCardProps) {
  const t = useT();
  const states = state === undefined ? [] : Array.isArray(state) ? state : [state];
  const failed = states.find((s) => s.isError);
  const loading = states.some((s) => s.isPending);
  const phase = failed ? 'error' : loading ? 'loading' : empty ? 'empty' : 'ready';
  return (
    <Card
      size="small"
      data-testid={testId}
      data-state={phase}
      title={
        <Flex align="center" gap={8}>
          <span>{title}</span>
          {phase === 'ready' && count !== undefined && count > 0 && (
            <Badge count={count} color={late ? RED : '#1d4ed8'} data-testid={`${testId}-count`} />
          )}
        </Flex>
      }
      extra={
        to && (
          <Link to={to} data-testid={`${testId}-link`}>
            {t('home.viewAll')} <RightOutlined style={{ fontSize: 10 }} />
          </Link>
        )
      }
      style={{ height: '100%' }}
    >
      {phase === 'error' && failed ? (
        <ListError
          error={failed.error}
          onRetry={() => {
            for (const s of states) s.refetch();
          }}
        />
      ) : phase === 'loading' ? (
        <Skeleton active title={false} paragraph={{ rows: 3 }} />
      ) : phase === 'empty' ? (
        <ListEmpty text={empty || undefined} />
      ) : (
        children
      )}
    </Card>
  );
}

interface RowProps {
  to: string;
  testId?: string;
  late?: boolean;
  main: ReactNode;
  side?: ReactNode;
  sub?: ReactNode;
}

/** One line of a card: what it is (a link), and on the right when it is due. */
export function HomeRow({ to, testId, late, main, side, sub }: RowProps) {
  return (
    <Flex
      justify="space-between"
      align="start"
      gap={12}
      style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}
      data-testid={testId}
      data-late={late ? 'true' : 'false'}
    >
      <Flex vertical style={{ minWidth: 0, flex: 1 }}>
        <Link to={to} style={{ color: late ? RED : undefined }}>
          <Typography.Text ellipsis style={{ color: 'inherit', maxWidth: '100%' }}>
            {main}
          </Typography.Text>
        </Link>
        {sub && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {sub}
          </Typography.Text>
        )}
      </Flex>
      {side && (
        <span
          style={{ whiteSpace: 'nowrap', fontSize: 12, color: late ? RED : undefined, fontWeight: late ? 600 : 400 }}
        >
          {side}
        </span>
      )}
    </Flex>
  );
}

/** "另有 n 项" under the shown rows. */
export function More({ total }: { total: number }) {
  const t = useT();
  if (total <= SHOWN) return null;
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', paddingTop: 6 }}>
      {t('home.more', { n: total - SHOWN })}
    </Typography.Text>
  );
}
