import { Card, Flex, Segmented, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { PROPOSAL_STATUSES, type ProposalDto, type ProposalStatus, useProposals } from '../../api/thresholds';
import { useCan } from '../../auth/session';
import { ListEmpty, ListError, LoadMore } from '../../components/ListStates';
import { useT } from '../../i18n';
import { useIsMobile } from '../../lib/useIsMobile';
import { DecideModal } from './DecideModal';
import {
  ByCell,
  DecideButtons,
  DecisionCell,
  type DecisionKind,
  DimCell,
  ProposedCell,
  ReasonCell,
} from './ProposalCells';

type Decide = (proposal: ProposalDto, kind: DecisionKind) => void;

function deskColumns(t: ReturnType<typeof useT>, onDecide: Decide | null): TableColumnsType<ProposalDto> {
  return [
    { key: 'dim', title: t('thresholds.col.dim'), width: 130, render: (_, p) => <DimCell proposal={p} /> },
    {
      key: 'proposed',
      title: t('thresholds.col.proposed'),
      width: 220,
      render: (_, p) => <ProposedCell proposal={p} />,
    },
    { key: 'reason', title: t('thresholds.col.reason'), width: 260, render: (_, p) => <ReasonCell proposal={p} /> },
    { key: 'by', title: t('thresholds.col.proposedBy'), width: 130, render: (_, p) => <ByCell proposal={p} /> },
    { key: 'status', title: t('thresholds.col.status'), width: 160, render: (_, p) => <DecisionCell proposal={p} /> },
    ...(onDecide
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            width: 140,
            render: (_: unknown, p: ProposalDto) => <DecideButtons proposal={p} onDecide={onDecide} />,
          },
        ]
      : []),
  ];
}

/** On a phone: what is proposed and why on the left, the decision (and the CEO's buttons) on the right. */
function phoneColumns(t: ReturnType<typeof useT>, onDecide: Decide | null): TableColumnsType<ProposalDto> {
  return [
    {
      key: 'proposal',
      title: t('thresholds.col.proposed'),
      render: (_, p) => (
        <Flex vertical gap={4}>
          <DimCell proposal={p} />
          <ProposedCell proposal={p} />
          <ReasonCell proposal={p} />
          <ByCell proposal={p} inline />
        </Flex>
      ),
    },
    {
      key: 'status',
      title: t('thresholds.col.status'),
      width: 128,
      render: (_, p) => (
        <Flex vertical gap={8}>
          <DecisionCell proposal={p} />
          {onDecide && <DecideButtons proposal={p} onDecide={onDecide} />}
        </Flex>
      ),
    },
  ];
}

/** Proposals in scope (a director's own; everyone's for the CEO and the admin), newest first. */
export function ProposalsTable() {
  const t = useT();
  const can = useCan();
  const isMobile = useIsMobile();
  const [status, setStatus] = useState<ProposalStatus | 'all'>('all');
  const [deciding, setDeciding] = useState<{ proposal: ProposalDto; kind: DecisionKind } | null>(null);
  const list = useProposals(status === 'all' ? undefined : status);
  const rows = [...list.items].reverse();
  const onDecide: Decide | null = can('thresholds.decide') ? (proposal, kind) => setDeciding({ proposal, kind }) : null;
  return (
    <Card
      size="small"
      title={t(can('thresholds.propose') ? 'thresholds.proposals.own' : 'thresholds.proposals')}
      extra={
        <Segmented<ProposalStatus | 'all'>
          size="small"
          value={status}
          onChange={setStatus}
          options={[
            { value: 'all', label: t('thresholds.status.all') },
            ...PROPOSAL_STATUSES.map((value) => ({ value, label: t(`thresholds.status.${value}`) })),
          ]}
          data-testid="proposal-status-filter"
        />
      }
    >
      {list.isError ? (
        <ListError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Table<ProposalDto>
          size="small"
          rowKey="id"
          columns={isMobile ? phoneColumns(t, onDecide) : deskColumns(t, onDecide)}
          dataSource={rows}
          loading={list.isLoading}
          pagination={false}
          tableLayout="fixed"
          scroll={isMobile ? undefined : { x: onDecide ? 1040 : 900 }}
          locale={{ emptyText: <ListEmpty text={t('thresholds.empty')} /> }}
          data-testid="proposals-table"
        />
      )}
      <LoadMore
        count={rows.length}
        hasNextPage={list.hasNextPage}
        isFetchingNextPage={list.isFetchingNextPage}
        fetchNextPage={list.fetchNextPage}
      />
      {deciding && <DecideModal {...deciding} onClose={() => setDeciding(null)} />}
    </Card>
  );
}
