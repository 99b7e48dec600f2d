import { FileTextFilled, WarningFilled } from '@ant-design/icons';
import { Flex, Tooltip, Typography } from 'antd';
import type { DimensionDto, ExplanationDto, MetricDto } from '../../api/board';
import { STATUS_COLORS, useBoardText } from './boardText';

interface Props {
  dim: DimensionDto;
  metric: MetricDto | undefined;
  explanation?: ExplanationDto;
}

/** What a cell's tooltip says: the dimension, numerator / denominator, the status and its band, P3 notes. */
function CellTooltip({ dim, metric, explanation }: Props) {
  const text = useBoardText();
  return (
    <div>
      <div style={{ fontWeight: 600 }}>
        {text.dimNo(dim.no)} · {text.dimName(dim.no)}
      </div>
      {metric && <div>{text.ratio(dim.no, metric)}</div>}
      {metric && <div>{text.status(metric.status)}</div>}
      <div style={{ opacity: 0.8 }}>
        {text.band(dim)} ({text.since(dim)})
      </div>
      {explanation && (
        <div style={{ marginTop: 6, borderTop: '1px solid rgba(255,255,255,0.3)', paddingTop: 6 }}>
          <div>
            <b>{text.t('explain.cause')}</b> {explanation.cause || text.t('common.none')}
          </div>
          <div>
            <b>{text.t('explain.plan')}</b> {explanation.plan || text.t('common.none')}
          </div>
        </div>
      )}
    </div>
  );
}

/** One board cell: the value in its status colour, the rank (and the rank in the track for AMs). */
export function MetricCell({ dim, metric, explanation }: Props) {
  const text = useBoardText();
  const colors = STATUS_COLORS[metric?.status ?? 'none'];
  return (
    <Tooltip
      title={<CellTooltip dim={dim} metric={metric} explanation={explanation} />}
      styles={{ root: { maxWidth: 400 } }}
    >
      <Flex align="center" justify="space-between" gap={8} style={{ minWidth: 112 }}>
        <span style={{ color: colors.fg, fontWeight: 600, fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
          {metric?.status === 'red' && <WarningFilled style={{ marginInlineEnd: 4 }} />}
          {text.value(dim, metric?.value)}
          {explanation && (
            <FileTextFilled
              style={{ marginInlineStart: 6, color: '#1d4ed8' }}
              aria-label={text.t('explain.hasNote')}
              data-testid="cell-explained"
            />
          )}
        </span>
        {/* no value, no standing: a null ranks last and shows only "—" */}
        {metric && metric.value !== null && (
          <Flex vertical align="end" style={{ lineHeight: 1.2 }}>
            <span
              style={{
                fontSize: 12,
                padding: '0 6px',
                borderRadius: 10,
                background: metric.rank === 1 ? '#1d4ed8' : 'rgba(15,23,42,0.08)',
                color: metric.rank === 1 ? '#fff' : '#334155',
                whiteSpace: 'nowrap',
              }}
            >
              {text.rank(metric.rank)}
            </span>
            {metric.trackRank !== undefined && (
              <Typography.Text type="secondary" style={{ fontSize: 11, whiteSpace: 'nowrap' }}>
                {text.trackRank(metric.trackRank)}
              </Typography.Text>
            )}
          </Flex>
        )}
      </Flex>
    </Tooltip>
  );
}
