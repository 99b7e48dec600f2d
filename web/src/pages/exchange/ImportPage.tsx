import { UnorderedListOutlined } from '@ant-design/icons';
import { Button, Card } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { EXCHANGE_KINDS, type ExchangeKind } from '../../api/exchange';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n';
import ImportForm from './ImportForm';

/**
 * 数据导入 (SPEC §7): a CSV or XLSX file of one kind, checked first (预检: the whole write-back, rolled
 * back) and then imported. `?kind=` presets the kind (a link from the page the data belongs to).
 */
export default function ImportPage() {
  const t = useT();
  const [params] = useSearchParams();
  const asked = EXCHANGE_KINDS.find((k) => k === params.get('kind')) as ExchangeKind | undefined;
  return (
    <div data-testid="import-page">
      <PageHeader
        title={t('import.title')}
        extra={
          <Link to="/exchange/runs">
            <Button icon={<UnorderedListOutlined />}>{t('nav.runs')}</Button>
          </Link>
        }
      />
      <Card>
        <ImportForm initialKind={asked ?? 'shipments'} />
      </Card>
    </div>
  );
}
