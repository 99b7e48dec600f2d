import { EditOutlined, HistoryOutlined } from '@ant-design/icons';
import { Button, type TableColumnsType as ColumnsType, Space } from 'antd';
import { useT } from '../i18n';

/** The edit and history buttons of a list row; each only when the user may use it. */
export function RowActions({ onEdit, onHistory }: { onEdit?: () => void; onHistory?: () => void }) {
  const t = useT();
  return (
    <Space size={0}>
      {onEdit && (
        <Button type="link" size="small" icon={<EditOutlined />} onClick={onEdit} data-testid="row-edit">
          {t('common.edit')}
        </Button>
      )}
      {onHistory && (
        <Button type="link" size="small" icon={<HistoryOutlined />} onClick={onHistory} data-testid="row-history">
          {t('common.history')}
        </Button>
      )}
    </Space>
  );
}

/** The actions column of a list, or no column when the user may neither edit nor see history. */
export function actionsColumn<T>(title: string, edit?: (row: T) => void, history?: (row: T) => void): ColumnsType<T> {
  if (!edit && !history) return [];
  return [
    {
      title,
      key: 'actions',
      render: (_: unknown, row: T) => (
        <RowActions onEdit={edit && (() => edit(row))} onHistory={history && (() => history(row))} />
      ),
    },
  ];
}
