import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { useState } from 'react';
import { useCan } from '../../auth/session';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n';
import { BandsTable } from './BandsTable';
import { ProposalsTable } from './ProposalsTable';
import { ProposeModal } from './ProposeModal';

/** A2 晾晒排名指标优化: the bands in force, a director's proposals and the CEO's decisions. */
export default function ThresholdsPage() {
  const t = useT();
  const can = useCan();
  const [proposing, setProposing] = useState(false);
  return (
    <div data-testid="thresholds-page">
      <PageHeader
        title={t('thresholds.title')}
        extra={
          can('thresholds.propose') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setProposing(true)}
              data-testid="propose-open"
            >
              {t('thresholds.propose')}
            </Button>
          )
        }
      />
      <Alert type="info" showIcon title={t('thresholds.flow')} style={{ marginBottom: 16 }} />
      <BandsTable />
      <ProposalsTable />
      {proposing && <ProposeModal onClose={() => setProposing(false)} />}
    </div>
  );
}
