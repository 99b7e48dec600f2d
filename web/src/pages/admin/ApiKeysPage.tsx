import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { useApiKeys, useRevokeApiKey } from '../../api/hooks';
import type { ApiKey } from '../../api/types';
import { ListEmpty, ListError } from '../../components/ListStates';
import { PageHeader } from '../../components/PageHeader';
import { hasMessage, useLang, useT } from '../../i18n';
import { formatInstant } from '../../lib/format';
import { ApiKeyCreate } from './ApiKeyCreate';

function statusOf(key: ApiKey, now: number): 'revoked' | 'expired' | 'active' {
  if (key.revokedAt) return 'revoked';
  if (Date.parse(key.expiresAt) <= now) return 'expired';
  return 'active';
}

const STATUS_COLOR = { active: 'green', expired: 'orange', revoked: 'default' } as const;

export default function ApiKeysPage() {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const keys = useApiKeys();
  const revoke = useRevokeApiKey();
  const [creating, setCreating] = useState(false);
  const now = Date.now();
  const onRevoke = (key: ApiKey) =>
    revoke.mutate(key.id, {
      onSuccess: () => message.success(t('apiKey.revokedDone')),
      onError: (error) => message.error(error.message),
    });
  const columns: TableColumnsType<ApiKey> = [
    { title: t('apiKey.name'), dataIndex: 'name' },
    { title: t('apiKey.prefix'), dataIndex: 'prefix', render: (prefix: string) => <code>{prefix}…</code> },
    {
      title: t('apiKey.scopes'),
      dataIndex: 'scopes',
      render: (scopes: string[]) =>
        scopes.map((scope) => {
          const key = `apiKey.scope.${scope}`;
          return <Tag key={scope}>{hasMessage(key) ? t(key) : scope}</Tag>;
        }),
    },
    {
      title: t('apiKey.status'),
      key: 'status',
      render: (_, key) => {
        const status = statusOf(key, now);
        return <Tag color={STATUS_COLOR[status]}>{t(`apiKey.${status}`)}</Tag>;
      },
    },
    {
      title: t('apiKey.expiresAt'),
      dataIndex: 'expiresAt',
      render: (at: string) => formatInstant(at, lang, false),
    },
    { title: t('apiKey.createdAt'), dataIndex: 'createdAt', render: (at: string) => formatInstant(at, lang) },
    {
      title: t('apiKey.lastUsedAt'),
      dataIndex: 'lastUsedAt',
      render: (at: string | null) => (at ? formatInstant(at, lang) : t('common.none')),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, key) =>
        statusOf(key, now) === 'revoked' ? null : (
          <Popconfirm
            title={t('apiKey.revokeConfirm')}
            okText={t('apiKey.revoke')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() => onRevoke(key)}
          >
            <Button type="link" size="small" danger data-testid="apikey-revoke">
              {t('apiKey.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];
  return (
    <>
      <PageHeader
        title={t('nav.apiKeys')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="apikey-create">
            {t('apiKey.create')}
          </Button>
        }
      />
      <Card>
        {keys.isError ? (
          <ListError error={keys.error} onRetry={() => keys.refetch()} />
        ) : (
          <Table<ApiKey>
            rowKey="id"
            columns={columns}
            dataSource={keys.data?.items ?? []}
            loading={keys.isPending}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: keys.isPending ? ' ' : <ListEmpty /> }}
            data-testid="apikeys-table"
          />
        )}
      </Card>
      <ApiKeyCreate open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
