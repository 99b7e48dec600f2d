import { Flex, Table, Timeline, Typography } from 'antd';
import { Link } from 'react-router';
import { type TargetRequestDto, useAllOpportunities } from '../../api/forecast';
import { hasMessage, useLang, useT } from '../../i18n';
import { formatInstant, formatMoney, formatMonth } from '../../lib/format';
import { RED } from './forecastText';

type Line = TargetRequestDto['lines'][number];

/** A request's lines (which opportunity gives or takes how much in which month) and its decisions. */
export function RequestLines({ request, names }: { request: TargetRequestDto; names: (id: number) => string }) {
  const t = useT();
  const { lang } = useLang();
  // the track's opportunities name the lines' ids (a request stays inside one track)
  const opportunities = useAllOpportunities({ trackId: request.trackId });
  const code = (id: number) => opportunities.data?.find((o) => o.id === id)?.code ?? `#${id}`;
  return (
    <Flex gap={24} wrap data-testid={`request-lines-${request.id}`}>
      <Table<Line>
        rowKey={(l) => `${l.opportunityId}-${l.month}`}
        size="small"
        pagination={false}
        dataSource={request.lines}
        style={{ flex: '1 1 360px' }}
        columns={[
          {
            title: t('requests.opportunity'),
            key: 'o',
            render: (_, l) => <Link to={`/opportunities/${l.opportunityId}`}>{code(l.opportunityId)}</Link>,
          },
          { title: t('requests.month'), key: 'm', render: (_, l) => formatMonth(l.month, lang) },
          {
            title: t('requests.delta'),
            key: 'a',
            align: 'right',
            render: (_, l) => (
              <span style={{ color: l.amount < 0 ? RED : '#16a34a' }}>
                {l.amount > 0 ? '+' : ''}
                {formatMoney(l.amount, lang)}
              </span>
            ),
          },
        ]}
      />
      <div style={{ flex: '1 1 280px' }}>
        <Typography.Text strong>{t('requests.decisions')}</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('requests.col.reason')}: {request.reason}
        </Typography.Paragraph>
        <Timeline
          items={request.decisions.map((d, i) => {
            const key = `requests.${d.decision}`;
            return {
              key: `${d.at}-${i}`,
              color: d.decision === 'reject' ? 'red' : 'green',
              content: (
                <div>
                  <Typography.Text strong>{hasMessage(key) ? t(key) : d.decision}</Typography.Text>{' '}
                  <Typography.Text type="secondary">
                    {names(d.by)} · {formatInstant(d.at, lang)}
                  </Typography.Text>
                  {d.comment && <div>{d.comment}</div>}
                </div>
              ),
            };
          })}
        />
      </div>
    </Flex>
  );
}
