import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Input, Modal, Popconfirm, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import { useLang, useT } from '../i18n';
import { formatInstant } from '../lib/format';

type Status = { active: boolean; createdAt: string | null; lastUsedAt: string | null };
const KEY = ['calendar-token'];

/**
 * 订阅日历 (SPEC §4.2): a personal iCalendar link with the user's meetings and task deadlines. The link is
 * shown once when made; making a new one or revoking stops the old one at once.
 */
export function CalendarLinkModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [url, setUrl] = useState<string | null>(null);
  const status = useQuery({ queryKey: KEY, queryFn: () => api<Status>('/me/calendar-token') });
  const issue = useMutation({
    mutationFn: () => api<{ url: string }>('/me/calendar-token', { method: 'POST' }),
    onSuccess: (made) => {
      setUrl(made.url);
      client.invalidateQueries({ queryKey: KEY });
    },
  });
  const revoke = useMutation({
    mutationFn: () => api<void>('/me/calendar-token', { method: 'DELETE' }),
    onSuccess: () => {
      setUrl(null);
      client.invalidateQueries({ queryKey: KEY });
      message.success(t('calendar.revoked'));
    },
  });
  const copy = async () => {
    if (!url) return;
    await navigator.clipboard?.writeText(url).catch(() => undefined);
    message.success(t('calendar.copied'));
  };
  return (
    <Modal open title={t('calendar.title')} onCancel={onClose} footer={null} data-testid="calendar-modal">
      {!status.data ? (
        <Skeleton active />
      ) : (
        <Flex vertical gap={12}>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('calendar.hint')}
          </Typography.Paragraph>
          {url ? (
            <>
              <Alert type="warning" showIcon title={t('calendar.once')} />
              <Input.Search
                readOnly
                value={url}
                enterButton={t('calendar.copy')}
                onSearch={copy}
                data-testid="calendar-url"
              />
            </>
          ) : (
            <Typography.Text>
              {status.data.active
                ? t('calendar.active', {
                    created: formatInstant(status.data.createdAt, lang),
                    used: status.data.lastUsedAt ? formatInstant(status.data.lastUsedAt, lang) : t('calendar.never'),
                  })
                : t('calendar.none')}
            </Typography.Text>
          )}
          <Flex gap={8} wrap>
            <Button
              type="primary"
              loading={issue.isPending}
              onClick={() => issue.mutate()}
              data-testid="calendar-issue"
            >
              {t(status.data.active ? 'calendar.renew' : 'calendar.issue')}
            </Button>
            {status.data.active && (
              <Popconfirm title={t('calendar.revoke.confirm')} onConfirm={() => revoke.mutate()}>
                <Button danger loading={revoke.isPending}>
                  {t('calendar.revoke')}
                </Button>
              </Popconfirm>
            )}
          </Flex>
        </Flex>
      )}
    </Modal>
  );
}
