import { Button, Flex, Space, Tag, Typography } from 'antd';
import type { ProposalDto, ProposalStatus } from '../../api/thresholds';
import { formatInstant } from '../../lib/format';
import { useBoardText } from '../board/boardText';
import { dimOf, withBands } from './dimensions';

// The cells of one proposal: side by side on a desk, stacked in two columns on a phone.

const STATUS_COLORS: Record<ProposalStatus, string> = { pending: 'gold', approved: 'green', rejected: 'red' };
const SMALL = { fontSize: 12 } as const;

export function DimCell({ proposal }: { proposal: ProposalDto }) {
  const text = useBoardText();
  return (
    <span>
      <Typography.Text type="secondary">{text.dimNo(proposal.no)}</Typography.Text> {text.dimName(proposal.no)}
    </span>
  );
}

/** The proposed colour rule; while pending, the rule in force below it for comparison. */
export function ProposedCell({ proposal }: { proposal: ProposalDto }) {
  const text = useBoardText();
  const dim = dimOf(proposal.no);
  return (
    <Flex vertical>
      <Typography.Text strong data-testid={`proposal-band-${proposal.id}`}>
        {text.band(withBands(dim, proposal))}
      </Typography.Text>
      {proposal.current && proposal.status === 'pending' && (
        <Typography.Text type="secondary" style={SMALL}>
          {text.t('thresholds.col.current')}: {text.band(withBands(dim, proposal.current))}
        </Typography.Text>
      )}
    </Flex>
  );
}

export function ReasonCell({ proposal }: { proposal: ProposalDto }) {
  return (
    <Typography.Paragraph ellipsis={{ rows: 2, expandable: 'collapsible' }} style={{ marginBottom: 0 }}>
      {proposal.reason}
    </Typography.Paragraph>
  );
}

export function ByCell({ proposal, inline }: { proposal: ProposalDto; inline?: boolean }) {
  const text = useBoardText();
  return (
    <Flex vertical={!inline} gap={inline ? 6 : 0} wrap>
      <Typography.Text type={inline ? 'secondary' : undefined} style={inline ? SMALL : undefined}>
        {proposal.proposedByName}
      </Typography.Text>
      <Typography.Text type="secondary" style={SMALL}>
        {formatInstant(proposal.proposedAt, text.lang)}
      </Typography.Text>
    </Flex>
  );
}

/** 待审批 / 已批准 (with its effective month) / 已驳回, when and why. */
export function DecisionCell({ proposal }: { proposal: ProposalDto }) {
  const text = useBoardText();
  const { t } = text;
  return (
    <Flex vertical gap={2} align="start">
      <Tag color={STATUS_COLORS[proposal.status]} data-testid={`proposal-status-${proposal.id}`}>
        {t(`thresholds.status.${proposal.status}`)}
      </Tag>
      {proposal.effectiveMonth && (
        <Typography.Text strong>
          {t('thresholds.effectiveFrom', { month: text.month(proposal.effectiveMonth) })}
        </Typography.Text>
      )}
      {proposal.decidedAt && (
        <Typography.Text type="secondary" style={SMALL}>
          {t('thresholds.decidedBy', { at: formatInstant(proposal.decidedAt, text.lang) })}
        </Typography.Text>
      )}
      {proposal.decisionReason && <Typography.Text style={SMALL}>{proposal.decisionReason}</Typography.Text>}
    </Flex>
  );
}

export type DecisionKind = 'approve' | 'reject';

/** The CEO's two buttons on a pending proposal. */
export function DecideButtons({
  proposal,
  onDecide,
}: {
  proposal: ProposalDto;
  onDecide: (proposal: ProposalDto, kind: DecisionKind) => void;
}) {
  const { t } = useBoardText();
  if (proposal.status !== 'pending') return null;
  return (
    <Space wrap size={6}>
      <Button
        size="small"
        type="primary"
        onClick={() => onDecide(proposal, 'approve')}
        data-testid={`proposal-approve-${proposal.id}`}
      >
        {t('thresholds.approve')}
      </Button>
      <Button
        size="small"
        danger
        onClick={() => onDecide(proposal, 'reject')}
        data-testid={`proposal-reject-${proposal.id}`}
      >
        {t('thresholds.reject')}
      </Button>
    </Space>
  );
}
