import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { useTrackList } from '../../api/hooks';
import type { Track } from '../../api/types';
import { useCan } from '../../auth/session';
import { HistoryDrawer } from '../../components/HistoryDrawer';
import { PagedTable } from '../../components/PagedTable';
import { PageHeader } from '../../components/PageHeader';
import { actionsColumn } from '../../components/RowActions';
import { useT } from '../../i18n';
import { TrackForm } from './TrackForm';

export default function TracksPage() {
  const t = useT();
  const can = useCan();
  const list = useTrackList();
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<Track | 'new' | null>(null);
  const [historyOf, setHistoryOf] = useState<Track | null>(null);
  const needle = filter.trim().toLowerCase();
  const rows = needle
    ? list.items.filter((track) => `${track.code} ${track.name}`.toLowerCase().includes(needle))
    : list.items;
  const columns: TableColumnsType<Track> = [
    { title: t('track.code'), dataIndex: 'code', width: 120 },
    { title: t('track.name'), dataIndex: 'name' },
    {
      title: t('track.businessLine'),
      dataIndex: 'businessLine',
      render: (line: Track['businessLine']) => (
        <Tag color={line === 'integrated' ? 'blue' : 'gold'}>{t(`businessLine.${line}`)}</Tag>
      ),
    },
    {
      title: t('track.director'),
      dataIndex: 'directorName',
      render: (name: string | null) => name ?? t('common.none'),
    },
    ...actionsColumn<Track>(
      t('common.actions'),
      can('org.write') ? setEditing : undefined,
      can('history.read') ? setHistoryOf : undefined,
    ),
  ];
  return (
    <>
      <PageHeader
        title={t('nav.tracks')}
        extra={
          can('org.write') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="track-create">
              {t('track.create')}
            </Button>
          ) : (
            <Tag>{t('common.readOnly')}</Tag>
          )
        }
      />
      <Card>
        <Input.Search
          allowClear
          placeholder={t('track.searchPlaceholder')}
          onChange={(event) => setFilter(event.target.value)}
          style={{ maxWidth: 320, marginBottom: 16 }}
        />
        <PagedTable<Track> list={list} columns={columns} rows={rows} testId="tracks-table" />
      </Card>
      <TrackForm
        open={editing !== null}
        track={editing === 'new' || editing === null ? undefined : editing}
        onClose={() => setEditing(null)}
      />
      <HistoryDrawer
        entity="track"
        entityId={historyOf?.id ?? null}
        subject={historyOf?.name}
        onClose={() => setHistoryOf(null)}
      />
    </>
  );
}
