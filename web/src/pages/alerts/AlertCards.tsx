import { Card, Flex, Skeleton, Typography } from 'antd';
import type { useAlertList } from '../../api/alerts';
import { ListEmpty, LoadMore } from '../../components/ListStates';
import { useLang, useT } from '../../i18n';
import { formatMonth } from '../../lib/format';
import { AlertActions } from './AlertActions';
import { DueCell, factsLine, KindTag, RED, StatusTag, subjectOf } from './alertText';

/** On a phone each alert is a card: what, the countdown, and its buttons full width. */
export function AlertCards({ list, onOpen }: { list: ReturnType<typeof useAlertList>; onOpen: (id: number) => void }) {
  const t = useT();
  const { lang } = useLang();
  if (list.isPending) return <Skeleton active />;
  if (list.items.length === 0) return <ListEmpty text={t('alerts.empty')} />;
  return (
    <Flex vertical gap={12} data-testid="alert-cards">
      {list.items.map((a) => (
        <Card
          key={a.id}
          size="small"
          style={a.overdue ? { borderColor: RED } : undefined}
          onClick={() => onOpen(a.id)}
          data-testid={`alert-card-${a.id}`}
        >
          <Flex vertical gap={6}>
            <Flex justify="space-between" gap={8} wrap>
              <KindTag kind={a.kind} />
              <StatusTag status={a.status} />
            </Flex>
            <Typography.Text strong>
              #{a.id} {subjectOf(a)}
              {a.period ? ` · ${formatMonth(a.period, lang)}` : ''}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {factsLine(a.kind, a.facts, lang, t)}
            </Typography.Text>
            <DueCell alert={a} />
            <AlertActions alert={a} block />
          </Flex>
        </Card>
      ))}
      <LoadMore count={list.items.length} {...list} />
    </Flex>
  );
}
