import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Flex, Row, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useOpportunity, type VersionName } from '../../api/forecast';
import { ListError } from '../../components/ListStates';
import { PageHeader } from '../../components/PageHeader';
import { useLang, useT } from '../../i18n';
import { formatMoney, formatPercent } from '../../lib/format';
import { StageTag } from './forecastText';
import { HistoryTimeline } from './HistoryTimeline';
import { StageMove } from './StageMove';
import { TargetsCard } from './TargetsCard';
import { VersionForm } from './VersionForm';
import { VersionsPanel } from './VersionsPanel';

/** One opportunity: its facts, stage (and the move), both versions with the gap, and its history. */
export default function OpportunityPage() {
  const t = useT();
  const { lang } = useLang();
  const id = Number(useParams().id);
  const detail = useOpportunity(id);
  const [editing, setEditing] = useState<VersionName | null>(null);
  const o = detail.data;
  if (detail.isError) return <ListError error={detail.error} onRetry={() => detail.refetch()} />;
  if (!o) return <Skeleton active />;
  const commodity = o.businessLine === 'commodity';
  return (
    <div data-testid="opportunity-page" data-stage={o.stage}>
      <Link to="/opportunities" style={{ display: 'inline-block', marginBottom: 8 }}>
        <ArrowLeftOutlined /> {t('opp.back')}
      </Link>
      <PageHeader
        title={
          <Flex gap={8} align="center" wrap>
            <span>
              {o.code} · {o.name}
            </span>
            <StageTag stage={o.stage} label={t(`stage.${o.stage}`)} />
          </Flex>
        }
        extra={
          o.can.write && (
            <Flex gap={8} wrap>
              <StageMove item={o} />
              <Button onClick={() => setEditing('rolling')} data-testid="edit-rolling">
                {t('opp.editRolling')}
              </Button>
              <Button onClick={() => setEditing('precision')} data-testid="edit-precision">
                {commodity ? t('opp.quote') : t('opp.editPrecision')}
              </Button>
            </Flex>
          )
        }
      />
      {!o.can.write && <Alert type="info" showIcon title={t('opp.readOnly')} style={{ marginBottom: 12 }} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Flex vertical gap={16}>
            <Card title={t('opp.facts')} size="small">
              <Descriptions column={{ xs: 1, sm: 2 }} size="small">
                <Descriptions.Item label={t('opps.col.customer')}>
                  {o.customerName} ({o.customerCode})
                </Descriptions.Item>
                <Descriptions.Item label={t('opps.col.am')}>{o.amName}</Descriptions.Item>
                <Descriptions.Item label={t('opps.col.track')}>{o.trackName}</Descriptions.Item>
                <Descriptions.Item label={t('opps.filter.businessLine')}>
                  {t(`businessLine.${o.businessLine}`)}
                </Descriptions.Item>
                <Descriptions.Item label={t('opps.col.kind')}>{t(`kind.${o.kind}`)}</Descriptions.Item>
                <Descriptions.Item label={t('opp.probability')}>
                  {formatPercent(o.probability, lang, true)}
                </Descriptions.Item>
                <Descriptions.Item label={t('opp.shipped')}>
                  {formatMoney(o.shippedAmount, lang)}
                  {o.fullyShipped && ` · ${t('opp.fullyShipped')}`}
                </Descriptions.Item>
                {o.pushCount > 0 && (
                  <Descriptions.Item label={t('opp.field.pushed')}>
                    {t('opps.pushes', { n: o.pushCount })}
                  </Descriptions.Item>
                )}
                {o.lostReason && (
                  <Descriptions.Item label={t('opp.lostReason')}>
                    <Typography.Text>{o.lostReason}</Typography.Text>
                  </Descriptions.Item>
                )}
              </Descriptions>
            </Card>
            <VersionsPanel item={o} />
            {o.businessLine === 'integrated' && <TargetsCard opportunityId={o.id} />}
          </Flex>
        </Col>
        <Col xs={24} lg={10}>
          <HistoryTimeline history={o.history} />
        </Col>
      </Row>
      {editing && <VersionForm item={o} version={editing} open onClose={() => setEditing(null)} />}
    </div>
  );
}
