import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Drawer, Flex, List, Popover, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { type NotificationDto, useInbox, useMarkAllRead, useMarkRead, useUnreadCount } from '../api/notifications';
import { type Lang, useLang, useT } from '../i18n';
import { formatInstant } from '../lib/format';
import { serverNow } from '../lib/serverClock';
import { useIsMobile } from '../lib/useIsMobile';
import { ListEmpty, ListError } from './ListStates';

const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/**
 * "3 分钟前" · "4 天前" · "2 周前" / "3 minutes ago" against the server's clock — one form for every notice
 * (issue 13, item 11); the exact time, in the company's zone, is the tooltip.
 */
function relative(iso: string, lang: Lang, justNow: string): string {
  const delta = Date.parse(iso) - serverNow();
  if (Math.abs(delta) < 60_000) return justNow;
  const [unit, size] = STEPS.find(([, ms]) => Math.abs(delta) >= ms) ?? STEPS[2]!;
  return new Intl.RelativeTimeFormat(lang, { numeric: 'auto' }).format(Math.round(delta / size), unit);
}

function Inbox({ onOpen, inDrawer }: { onOpen: (n: NotificationDto) => void; inDrawer: boolean }) {
  const t = useT();
  const { lang } = useLang();
  const inbox = useInbox(true);
  const readAll = useMarkAllRead();
  const unread = useUnreadCount().data ?? 0;
  return (
    <Flex vertical style={{ width: '100%' }} data-testid="notification-inbox">
      <Flex justify="space-between" align="center" style={{ padding: '4px 4px 8px' }}>
        <Typography.Text strong>{inDrawer ? '' : t('notifications.title')}</Typography.Text>
        <Button
          type="link"
          size="small"
          disabled={unread === 0}
          loading={readAll.isPending}
          onClick={() => readAll.mutate()}
          data-testid="notifications-read-all"
        >
          {t('notifications.readAll')}
        </Button>
      </Flex>
      {inbox.isError && <ListError error={inbox.error} onRetry={() => inbox.refetch()} />}
      {inbox.isPending && <Spin style={{ padding: 24 }} />}
      {inbox.isSuccess && inbox.items.length === 0 && <ListEmpty text={t('notifications.empty')} />}
      <List
        dataSource={inbox.items}
        style={inDrawer ? undefined : { maxHeight: 420, overflowY: 'auto' }}
        renderItem={(n) => (
          <List.Item
            key={n.id}
            onClick={() => onOpen(n)}
            data-testid={`notification-${n.id}`}
            data-unread={n.readAt === null}
            style={{
              cursor: 'pointer',
              padding: '8px 8px',
              background: n.readAt ? undefined : '#eff6ff',
              borderRadius: 6,
            }}
          >
            <Flex gap={8} align="start" style={{ width: '100%' }}>
              <Badge status={n.readAt ? 'default' : 'processing'} style={{ marginTop: 4 }} />
              <Flex vertical gap={2} style={{ minWidth: 0 }}>
                <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }} title={formatInstant(n.createdAt, lang)}>
                  {relative(n.createdAt, lang, t('notifications.justNow'))}
                </Typography.Text>
              </Flex>
            </Flex>
          </List.Item>
        )}
      />
      {inbox.hasNextPage && (
        <Button type="link" onClick={() => inbox.fetchNextPage()} loading={inbox.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      )}
    </Flex>
  );
}

/**
 * The bell in the header: the unread count (asked every minute and when the window regains focus) and
 * the inbox; opening a notification marks it read and goes to what it is about.
 */
export function NotificationBell() {
  const t = useT();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const unread = useUnreadCount().data ?? 0;
  const markRead = useMarkRead();
  const onOpen = (n: NotificationDto) => {
    setOpen(false);
    if (!n.readAt) markRead.mutate(n.id);
    navigate(n.link);
  };
  const bell = (
    <Button
      type="text"
      aria-label={t('notifications.bell', { n: unread })}
      onClick={() => setOpen((o) => !o)}
      data-testid="notification-bell"
      data-count={unread}
      style={{ height: 40, width: 40 }}
    >
      <Badge count={unread} size="small" overflowCount={99}>
        <BellOutlined style={{ fontSize: 18 }} />
      </Badge>
    </Button>
  );
  if (isMobile)
    return (
      <>
        {bell}
        <Drawer
          open={open}
          onClose={() => setOpen(false)}
          placement="right"
          size="100%"
          title={t('notifications.title')}
          destroyOnHidden
          styles={{ body: { padding: 12 } }}
        >
          <Inbox onOpen={onOpen} inDrawer />
        </Drawer>
      </>
    );
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      arrow={false}
      content={open ? <Inbox onOpen={onOpen} inDrawer={false} /> : null}
      styles={{ container: { width: 380, padding: 8 } }}
    >
      {bell}
    </Popover>
  );
}
