import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Flex, Input, Modal, Popconfirm, Select, Tooltip } from 'antd';
import { useState } from 'react';
import { type SavedViewPage, useDeleteView, useSavedViews, useSaveView } from '../api/views';
import { useT } from '../i18n';
import { useIsMobile } from '../lib/useIsMobile';

type Query = Record<string, string>;

const sameQuery = (a: Query, b: Query) => {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
};

/**
 * 我的视图: the user's saved filter sets of a list page (stored on the server, so they follow the user to
 * the phone). Picking one replaces the page's filters (its address); the select shows the view whose
 * filters equal the address, so after changing a filter it shows none until saved again.
 */
export function SavedViews({
  page,
  query,
  onApply,
}: {
  page: SavedViewPage;
  /** The page's filters now, as its address holds them. */
  query: Query;
  onApply: (query: Query) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const views = useSavedViews(page);
  const save = useSaveView(page);
  const remove = useDeleteView(page);
  const [naming, setNaming] = useState<string | null>(null);
  const current = (views.data ?? []).find((v) => sameQuery(v.query, query));
  const empty = Object.keys(query).length === 0;

  const submit = () => {
    const name = naming?.trim();
    if (!name) return;
    save.mutate(
      { name, query },
      {
        onSuccess: () => {
          setNaming(null);
          message.success(t('views.saved', { name }));
        },
        onError: (error) => message.error(error.message),
      },
    );
  };

  return (
    <Flex gap={8} wrap align="center" data-testid="saved-views" data-current={current?.id ?? ''}>
      <Select<number>
        allowClear
        placeholder={t('views.pick')}
        loading={views.isPending}
        value={current?.id}
        style={{ width: isMobile ? undefined : 200, flex: isMobile ? '1 1 160px' : undefined }}
        options={(views.data ?? []).map((v) => ({ value: v.id, label: v.name }))}
        notFoundContent={t('views.none')}
        onChange={(id) => {
          const view = views.data?.find((v) => v.id === id);
          onApply(view ? view.query : {});
        }}
        data-testid="views-select"
      />
      <Tooltip title={empty ? t('views.saveEmpty') : undefined}>
        <Button
          icon={<SaveOutlined />}
          disabled={empty}
          onClick={() => setNaming(current?.name ?? '')}
          data-testid="views-save"
        >
          {t('views.save')}
        </Button>
      </Tooltip>
      {current && (
        <Popconfirm
          title={t('views.deleteConfirm', { name: current.name })}
          okText={t('views.delete')}
          okButtonProps={{ danger: true }}
          cancelText={t('common.cancel')}
          onConfirm={() => remove.mutateAsync(current.id)}
        >
          <Button
            icon={<DeleteOutlined />}
            aria-label={t('views.delete')}
            loading={remove.isPending}
            data-testid="views-delete"
          />
        </Popconfirm>
      )}
      <Modal
        open={naming !== null}
        title={t('views.saveTitle')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        onOk={submit}
        onCancel={() => setNaming(null)}
        okButtonProps={{
          disabled: !naming?.trim(),
          loading: save.isPending,
          ...({ 'data-testid': 'views-save-ok' } as object),
        }}
        destroyOnHidden
      >
        <Input
          autoFocus
          maxLength={60}
          value={naming ?? ''}
          placeholder={t('views.namePlaceholder')}
          onChange={(e) => setNaming(e.target.value)}
          onPressEnter={submit}
          data-testid="views-name"
        />
      </Modal>
    </Flex>
  );
}
