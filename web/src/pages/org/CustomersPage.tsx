import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Select, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { useCustomerList, useTrackLookup, useUserLookup } from '../../api/hooks';
import type { Customer, Id } from '../../api/types';
import { useCan, useMe } from '../../auth/session';
import { HistoryDrawer } from '../../components/HistoryDrawer';
import { PagedTable } from '../../components/PagedTable';
import { FILTER_STYLE, PageHeader } from '../../components/PageHeader';
import { actionsColumn } from '../../components/RowActions';
import { useT } from '../../i18n';
import { CustomerForm } from './CustomerForm';

interface Filters {
  q?: string;
  trackId?: Id;
  amId?: Id;
}

export default function CustomersPage() {
  const t = useT();
  const can = useCan();
  // a caller who sees only their own customers (an AM) has nothing to filter by AM
  const ownOnly = useMe().data?.scope.kind === 'own';
  const [filters, setFilters] = useState<Filters>({});
  const list = useCustomerList(filters);
  const tracks = useTrackLookup(can('org.read'));
  const ams = useUserLookup({ role: 'am' }, can('org.read'));
  const trackNames = new Map((tracks.data ?? []).map((track) => [track.id, track.name]));
  const amNames = new Map((ams.data ?? []).map((am) => [am.id, am.name]));
  const [editing, setEditing] = useState<Customer | 'new' | null>(null);
  const [historyOf, setHistoryOf] = useState<Customer | null>(null);
  const filterAms = (ams.data ?? []).filter((am) => !filters.trackId || am.trackId === filters.trackId);
  const columns: TableColumnsType<Customer> = [
    { title: t('customer.code'), dataIndex: 'code' },
    { title: t('customer.name'), dataIndex: 'name' },
    {
      title: t('customer.track'),
      dataIndex: 'trackId',
      render: (id: Id) => trackNames.get(id) ?? id,
    },
    { title: t('customer.am'), dataIndex: 'amId', render: (id: Id) => amNames.get(id) ?? id },
    ...actionsColumn<Customer>(
      t('common.actions'),
      can('customers.write') ? setEditing : undefined,
      can('history.read') ? setHistoryOf : undefined,
    ),
  ];
  return (
    <>
      <PageHeader
        title={t('nav.customers')}
        extra={
          can('customers.write') ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing('new')}
              data-testid="customer-create"
            >
              {t('customer.create')}
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
            placeholder={t('customer.searchPlaceholder')}
            onSearch={(q) => setFilters((f) => ({ ...f, q: q.trim() || undefined }))}
            style={FILTER_STYLE}
          />
          <Select<Id>
            allowClear
            placeholder={t('customer.track')}
            style={FILTER_STYLE}
            options={(tracks.data ?? []).map((track) => ({ value: track.id, label: track.name }))}
            onChange={(trackId) => setFilters((f) => ({ ...f, trackId, amId: undefined }))}
          />
          {!ownOnly && (
            <Select<Id>
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('customer.am')}
              style={FILTER_STYLE}
              value={filters.amId}
              options={filterAms.map((am) => ({ value: am.id, label: am.name }))}
              onChange={(amId) => setFilters((f) => ({ ...f, amId }))}
              data-testid="customers-am-filter"
            />
          )}
        </Flex>
        <PagedTable<Customer> list={list} columns={columns} testId="customers-table" />
      </Card>
      <CustomerForm
        open={editing !== null}
        customer={editing === 'new' || editing === null ? undefined : editing}
        onClose={() => setEditing(null)}
      />
      <HistoryDrawer
        entity="customer"
        entityId={historyOf?.id ?? null}
        subject={historyOf?.name}
        onClose={() => setHistoryOf(null)}
      />
    </>
  );
}
