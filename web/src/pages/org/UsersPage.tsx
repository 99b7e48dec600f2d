import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Select, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { useTrackLookup, useUserList } from '../../api/hooks';
import { type Id, ROLES, type Role, type User } from '../../api/types';
import { useCan } from '../../auth/session';
import { HistoryDrawer } from '../../components/HistoryDrawer';
import { PagedTable } from '../../components/PagedTable';
import { FILTER_STYLE, PageHeader } from '../../components/PageHeader';
import { actionsColumn } from '../../components/RowActions';
import { useT } from '../../i18n';
import { UserForm } from './UserForm';

interface Filters {
  q?: string;
  role?: Role;
  trackId?: Id;
}

export default function UsersPage() {
  const t = useT();
  const can = useCan();
  const [filters, setFilters] = useState<Filters>({});
  const list = useUserList(filters);
  const tracks = useTrackLookup();
  const trackNames = new Map((tracks.data ?? []).map((track) => [track.id, track.name]));
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [historyOf, setHistoryOf] = useState<User | null>(null);
  const columns: TableColumnsType<User> = [
    { title: t('user.code'), dataIndex: 'code' },
    { title: t('user.name'), dataIndex: 'name' },
    { title: t('user.username'), dataIndex: 'username' },
    { title: t('user.role'), dataIndex: 'role', render: (role: Role) => t(`role.${role}`) },
    {
      title: t('user.track'),
      dataIndex: 'trackId',
      render: (id: Id | null) => (id ? trackNames.get(id) : null) ?? t('common.none'),
    },
    { title: t('user.email'), dataIndex: 'email', render: (email: string | null) => email ?? t('common.none') },
    {
      title: t('user.active'),
      dataIndex: 'active',
      render: (active: boolean) =>
        active ? <Tag color="green">{t('user.active')}</Tag> : <Tag>{t('user.inactive')}</Tag>,
    },
    ...actionsColumn<User>(
      t('common.actions'),
      can('org.write') ? setEditing : undefined,
      can('history.read') ? setHistoryOf : undefined,
    ),
  ];
  return (
    <>
      <PageHeader
        title={t('nav.users')}
        extra={
          can('org.write') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="user-create">
              {t('user.create')}
            </Button>
          ) : (
            <Tag>{t('common.readOnly')}</Tag>
          )
        }
      />
      <Card>
        <Flex wrap gap={8} style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('user.searchPlaceholder')}
            onSearch={(q) => setFilters((f) => ({ ...f, q: q.trim() || undefined }))}
            style={FILTER_STYLE}
          />
          <Select<Role>
            allowClear
            placeholder={t('user.role')}
            style={FILTER_STYLE}
            options={ROLES.map((value) => ({ value, label: t(`role.${value}`) }))}
            onChange={(role) => setFilters((f) => ({ ...f, role }))}
          />
          <Select<Id>
            allowClear
            placeholder={t('user.track')}
            style={FILTER_STYLE}
            options={(tracks.data ?? []).map((track) => ({ value: track.id, label: track.name }))}
            onChange={(trackId) => setFilters((f) => ({ ...f, trackId }))}
          />
        </Flex>
        <PagedTable<User> list={list} columns={columns} testId="users-table" />
      </Card>
      <UserForm
        open={editing !== null}
        user={editing === 'new' || editing === null ? undefined : editing}
        onClose={() => setEditing(null)}
      />
      <HistoryDrawer
        entity="user"
        entityId={historyOf?.id ?? null}
        subject={historyOf?.name}
        onClose={() => setHistoryOf(null)}
      />
    </>
  );
}
