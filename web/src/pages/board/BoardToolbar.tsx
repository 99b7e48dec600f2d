import { ExclamationCircleOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Flex, Popover, Segmented, Select, Space, Tag, Tooltip, Typography } from 'antd';
import type { BoardView, DataAsOfDto } from '../../api/board';
import { formatInstant } from '../../lib/format';
import { addMonths, recentMonths } from '../../lib/month';
import { useBoardText } from './boardText';

interface Props {
  month: string;
  view: BoardView;
  /** The newest month offered (the current one). */
  lastMonth: string;
  onChange: (next: { month?: string; view?: BoardView }) => void;
}

/** Month picker (with previous / next) and the month / YTD switch. */
export function BoardToolbar({ month, view, lastMonth, onChange }: Props) {
  const text = useBoardText();
  const months = recentMonths(lastMonth, 36);
  if (!months.includes(month)) months.push(month);
  return (
    <Flex wrap gap={8} align="center">
      <Space.Compact>
        <Button
          icon={<LeftOutlined />}
          aria-label={text.t('board.prevMonth')}
          onClick={() => onChange({ month: addMonths(month, -1) })}
        />
        <Select
          value={month}
          onChange={(value) => onChange({ month: value })}
          options={months.map((m) => ({ value: m, label: text.month(m) }))}
          style={{ width: 130 }}
          aria-label={text.t('board.month')}
          data-testid="board-month"
        />
        <Button
          icon={<RightOutlined />}
          aria-label={text.t('board.nextMonth')}
          disabled={month >= lastMonth}
          onClick={() => onChange({ month: addMonths(month, 1) })}
        />
      </Space.Compact>
      <Segmented<BoardView>
        value={view}
        onChange={(value) => onChange({ view: value })}
        options={[
          { value: 'month', label: text.t('board.view.month') },
          { value: 'ytd', label: text.t('board.view.ytd') },
        ]}
        data-testid="board-view"
      />
    </Flex>
  );
}

/** "数据截至" per source; a source whose month is not closed yet is flagged. On a phone: one tag. */
export function DataAsOf({ items, compact }: { items: DataAsOfDto[]; compact: boolean }) {
  const text = useBoardText();
  if (items.length === 0) return null;
  const open = items.filter((item) => !item.complete).length;
  const tags = <SourceTags items={items} />;
  if (compact) {
    return (
      <Popover
        content={
          <Flex vertical gap={4} align="start">
            {tags}
          </Flex>
        }
        trigger="click"
      >
        <Tag
          color={open ? 'warning' : 'default'}
          icon={open ? <ExclamationCircleOutlined /> : undefined}
          data-testid="board-data-as-of"
          style={{ cursor: 'pointer' }}
        >
          {text.t('board.dataAsOf')} · {text.t('board.asOf.sources', { n: items.length })}
          {open ? ` · ${text.t('board.asOf.open', { n: open })}` : ''}
        </Tag>
      </Popover>
    );
  }
  return (
    <Flex wrap gap={4} align="center" data-testid="board-data-as-of">
      <Typography.Text type="secondary" style={{ marginInlineEnd: 4 }}>
        {text.t('board.dataAsOf')}
      </Typography.Text>
      {tags}
    </Flex>
  );
}

function SourceTags({ items }: { items: DataAsOfDto[] }) {
  const text = useBoardText();
  return items.map((item) => {
    const label = `${text.kind(item.kind)} · ${item.source}`;
    const date = item.latestFactDate ?? text.t('board.asOf.never');
    const details = [
      `${text.t('board.asOf.latestFact')}: ${item.latestFactDate ?? text.t('common.none')}`,
      `${text.t('board.asOf.lastWrite')}: ${formatInstant(item.lastWriteAt, text.lang) || text.t('common.none')}`,
      `${text.t('board.asOf.closed')}: ${item.closedThrough ? text.month(item.closedThrough) : text.t('common.none')}`,
    ];
    return (
      <Tooltip key={`${item.source}:${item.kind}`} title={details.map((line) => <div key={line}>{line}</div>)}>
        <Tag
          color={item.complete ? 'default' : 'warning'}
          icon={item.complete ? undefined : <ExclamationCircleOutlined />}
          data-testid={`as-of-${item.source}-${item.kind}`}
          data-complete={item.complete}
          style={{ marginInlineEnd: 0 }}
        >
          {label}: {date}
          {!item.complete && ` (${text.t('board.asOf.incomplete')})`}
        </Tag>
      </Tooltip>
    );
  });
}
