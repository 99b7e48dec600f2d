import { Flex, Typography } from 'antd';
import { Link } from 'react-router';
import type { OpportunityDto } from '../../api/forecast';
import { useLang, useT } from '../../i18n';
import { formatMoney, formatMonth } from '../../lib/format';
import { leadingVersion, StageTag } from './forecastText';

/** The phone list: one card an opportunity, the whole card a link; a card still to update has an amber edge. */
export function OpportunityCards({ rows, missing }: { rows: OpportunityDto[]; missing?: Set<number> }) {
  const t = useT();
  const { lang } = useLang();
  return (
    <Flex vertical gap={10} data-testid="opp-cards">
      {rows.map((o) => {
        const lead = leadingVersion(o);
        return (
          <Link
            key={o.id}
            to={`/opportunities/${o.id}`}
            data-testid={`opp-card-${o.id}`}
            style={{
              display: 'block',
              color: 'inherit',
              border: '1px solid #e5e7eb',
              borderInlineStart: `4px solid ${missing?.has(o.id) ? '#f59e0b' : '#e5e7eb'}`,
              borderRadius: 8,
              padding: '10px 12px',
              background: missing?.has(o.id) ? '#fffbeb' : '#fff',
            }}
          >
            <Flex justify="space-between" gap={8} align="start">
              <Flex vertical gap={2} style={{ minWidth: 0 }}>
                <Typography.Text strong ellipsis>
                  {o.code} · {o.name}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
                  {o.customerName} · {t(`kind.${o.kind}`)}
                </Typography.Text>
              </Flex>
              <StageTag stage={o.stage} label={t(`stage.${o.stage}`)} />
            </Flex>
            <Flex justify="space-between" style={{ marginTop: 6 }}>
              <span>{lead?.orderMonth ? formatMonth(lead.orderMonth, lang) : t('common.none')}</span>
              <Typography.Text strong>{formatMoney(lead?.amount, lang)}</Typography.Text>
            </Flex>
          </Link>
        );
      })}
    </Flex>
  );
}
