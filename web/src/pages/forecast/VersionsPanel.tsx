import { Card, Col, Descriptions, Empty, Row, Table, Tag, Typography } from 'antd';
import { Fragment } from 'react';
import type { ForecastVersionDto, OpportunityDto } from '../../api/forecast';
import { type Lang, useLang, useT } from '../../i18n';
import { formatInstant, formatMoney, formatMonth, formatPercent } from '../../lib/format';
import { RED } from './forecastText';

type MonthRow = { month: string; rolling?: number; precision?: number };

function monthRows(rolling: ForecastVersionDto | null, precision: ForecastVersionDto | null): MonthRow[] {
  const months = new Set([...Object.keys(rolling?.shipments ?? {}), ...Object.keys(precision?.shipments ?? {})]);
  return [...months].sort().map((month) => ({
    month,
    rolling: rolling?.shipments[month],
    precision: precision?.shipments[month],
  }));
}

function VersionFacts({ version, lang, testId }: { version: ForecastVersionDto | null; lang: Lang; testId: string }) {
  const t = useT();
  if (!version) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('opp.noVersion')} />;
  // Mass production ordered by monthly call-offs: the schedule behind the order month and the amount.
  const callOffs = Object.entries(version.orders ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return (
    <Descriptions column={1} size="small" data-testid={testId}>
      <Descriptions.Item label={t('opp.orderMonth')}>
        {version.orderMonth ? formatMonth(version.orderMonth, lang) : t('common.none')}
      </Descriptions.Item>
      {callOffs.length > 0 && (
        <Descriptions.Item label={t('opp.callOffs')}>
          <span data-testid={`${testId}-orders`}>
            {callOffs.map(([month, amount], i) => (
              <Fragment key={month}>
                {i > 0 && ' · '}
                {/* a month and its amount never break apart; the line breaks between months */}
                <span
                  style={{ whiteSpace: 'nowrap' }}
                >{`${formatMonth(month, lang)} ${formatMoney(amount, lang)}`}</span>
              </Fragment>
            ))}
          </span>
        </Descriptions.Item>
      )}
      <Descriptions.Item label={t('opp.amount')}>
        <span data-testid={`${testId}-amount`}>{formatMoney(version.amount, lang)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('opp.updatedAt')}>{formatInstant(version.updatedAt, lang)}</Descriptions.Item>
    </Descriptions>
  );
}

/** The gap the dual-version alert watches: |rolling − precision| ÷ precision, and a different order month. */
function gapOf(rolling: ForecastVersionDto | null, precision: ForecastVersionDto | null) {
  if (!rolling || !precision) return null;
  const diff = (rolling.amount ?? 0) - (precision.amount ?? 0);
  const share = precision.amount ? Math.abs(diff) / precision.amount : null;
  return { diff, share, monthDiffers: rolling.orderMonth !== precision.orderMonth };
}

/** Rolling and precision (the quote, for commodity) side by side, the gap between them, month by month. */
export function VersionsPanel({ item }: { item: OpportunityDto }) {
  const t = useT();
  const { lang } = useLang();
  const precisionName = item.businessLine === 'commodity' ? t('opp.quote') : t('opp.precision');
  const gap = gapOf(item.rolling, item.precision);
  const rows = monthRows(item.rolling, item.precision);
  const money = (value?: number) => (value === undefined ? t('common.none') : formatMoney(value, lang));
  return (
    <Card title={t('opp.versions')} size="small" data-testid="opp-versions">
      <Row gutter={[16, 12]}>
        <Col xs={24} md={12}>
          <Typography.Title level={5}>{t('opp.rolling')}</Typography.Title>
          <VersionFacts version={item.rolling} lang={lang} testId="version-rolling" />
        </Col>
        <Col xs={24} md={12}>
          <Typography.Title level={5}>{precisionName}</Typography.Title>
          <VersionFacts version={item.precision} lang={lang} testId="version-precision" />
        </Col>
      </Row>
      {gap && (
        <div data-testid="opp-gap" style={{ marginBottom: 12 }}>
          <Typography.Text strong>{t('opp.gapAmount')}: </Typography.Text>
          <Typography.Text style={{ color: gap.diff !== 0 ? RED : undefined }}>
            {gap.diff > 0 ? '+' : ''}
            {formatMoney(gap.diff, lang)}
            {gap.share !== null && ` (${formatPercent(gap.share, lang)})`}
          </Typography.Text>
          {gap.monthDiffers && (
            <Tag color="red" style={{ marginInlineStart: 8 }}>
              {t('opp.gapMonth')}
            </Tag>
          )}
        </div>
      )}
      {rows.length > 0 && (
        <Table<MonthRow>
          rowKey="month"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={rows}
          data-testid="opp-shipments"
          columns={[
            { title: t('opp.shipments'), key: 'month', render: (_, r) => formatMonth(r.month, lang) },
            { title: t('opp.rolling'), key: 'rolling', align: 'right', render: (_, r) => money(r.rolling) },
            { title: precisionName, key: 'precision', align: 'right', render: (_, r) => money(r.precision) },
            {
              title: t('opp.gap'),
              key: 'gap',
              align: 'right',
              render: (_, r) => {
                const diff = (r.rolling ?? 0) - (r.precision ?? 0);
                if (!item.rolling || !item.precision) return t('common.none');
                return (
                  <span style={{ color: diff !== 0 ? RED : undefined }}>
                    {diff > 0 ? '+' : ''}
                    {formatMoney(diff, lang)}
                  </span>
                );
              },
            },
          ]}
        />
      )}
    </Card>
  );
}
