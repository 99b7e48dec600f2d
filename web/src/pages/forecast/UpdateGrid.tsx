import { CheckOutlined } from '@ant-design/icons';
import { Button, Tag, Tooltip, Typography } from 'antd';
import { type ClipboardEvent, type CSSProperties, type KeyboardEvent, useLayoutEffect, useState } from 'react';
import { Link } from 'react-router';
import type { OpportunityDto } from '../../api/forecast';
import { useLang, useT } from '../../i18n';
import { formatMoney, formatMonth } from '../../lib/format';
import { RED } from './forecastText';
import { type Draft, type Field, fieldsOf, isBlock, parseAmount } from './gridModel';
import { StageMove } from './StageMove';

export interface RowState {
  item: OpportunityDto;
  draft: Draft;
  dirty: boolean;
  missing: boolean;
  /** Client check or server refusal, by cell. */
  errors: Record<Field, string>;
  rowError: string | null;
  saving: boolean;
}

interface Props {
  rows: RowState[];
  months: string[];
  onEdit: (row: number, field: Field, value: string) => void;
  onPaste: (row: number, col: number, text: string) => void;
  onSaveRow: (row: number) => void;
}

const AMBER = '#fffbeb';
const cellInput: CSSProperties = {
  width: '100%',
  minWidth: 88,
  border: '1px solid transparent',
  borderRadius: 4,
  padding: '4px 6px',
  textAlign: 'right',
  background: 'transparent',
  font: 'inherit',
  outline: 'none',
};
const th: CSSProperties = {
  position: 'sticky',
  top: 0,
  background: '#f8fafc',
  padding: '8px 6px',
  borderBottom: '1px solid #e5e7eb',
  fontWeight: 600,
  whiteSpace: 'nowrap',
  textAlign: 'right',
  zIndex: 1,
};
const td: CSSProperties = { padding: '2px 4px', borderBottom: '1px solid #f1f5f9', whiteSpace: 'nowrap' };
const firstCol: CSSProperties = { position: 'sticky', left: 0, zIndex: 2, textAlign: 'left', minWidth: 200 };

const focusCell = (row: number, col: number) => {
  const input = document.querySelector<HTMLInputElement>(`[data-cell="${row}-${col}"]`);
  if (!input) return false;
  input.focus();
  return true;
};

/** Excel-like movement: arrows and Enter between cells (left/right once the caret is at the edge). */
function keyHandler(row: number, col: number, onSaveRow: (row: number) => void) {
  return (event: KeyboardEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const atStart = input.selectionStart === 0 && input.selectionEnd === 0;
    const atEnd = input.selectionStart === input.value.length;
    const whole = input.selectionStart === 0 && input.selectionEnd === input.value.length;
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onSaveRow(row);
      return;
    }
    const moves: Record<string, [number, number] | null> = {
      ArrowDown: [1, 0],
      Enter: event.shiftKey ? [-1, 0] : [1, 0],
      ArrowUp: [-1, 0],
      ArrowLeft: atStart || whole ? [0, -1] : null,
      ArrowRight: atEnd || whole ? [0, 1] : null,
    };
    const move = moves[event.key];
    if (!move) return;
    if (focusCell(row + move[0], col + move[1])) event.preventDefault();
  };
}

/** Rows = the opportunities due this month; columns = stage, order month, amount, the next 12 months. */
export function UpdateGrid({ rows, months, onEdit, onPaste, onSaveRow }: Props) {
  const t = useT();
  const { lang } = useLang();
  const fields = fieldsOf(months);
  // amounts read with separators, to the yuan; the focused cell shows what is stored or typed
  const [focused, setFocused] = useState<string | null>(null);
  const grouping = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
  const shown = (raw: string, col: number, key: string) => {
    if (col === 0 || key === focused) return raw;
    const n = parseAmount(raw);
    return n === null || Number.isNaN(n) ? raw : grouping.format(n);
  };
  // Excel-like: a cell entered is selected whole, so typing replaces it — after the raw text replaced the
  // grouped one (that swap would otherwise drop the selection and typing would append)
  useLayoutEffect(() => {
    const input = focused ? document.querySelector<HTMLInputElement>(`[data-cell="${focused}"]`) : null;
    if (input && input === document.activeElement) input.select();
  }, [focused]);
  const sum = (pick: (d: Draft) => string) => rows.reduce((total, r) => total + (parseAmount(pick(r.draft)) || 0), 0);
  const cellValue = (draft: Draft, col: number) =>
    col === 0 ? draft.orderMonth : col === 1 ? draft.amount : (draft.ship[col - 2] ?? '');
  return (
    <div style={{ overflow: 'auto', maxHeight: 'calc(100vh - 300px)', minHeight: 240 }} data-testid="update-grid">
      <table style={{ borderCollapse: 'separate', borderSpacing: 0, width: '100%', fontSize: 13 }}>
        <thead>
          <tr>
            <th style={{ ...th, ...firstCol, zIndex: 3 }}>{t('grid.col.opportunity')}</th>
            <th style={{ ...th, textAlign: 'left' }}>{t('grid.col.stage')}</th>
            <th style={th}>{t('grid.col.orderMonth')}</th>
            <th style={th}>{t('grid.col.amount')}</th>
            {months.map((m) => (
              <th key={m} style={th}>
                {formatMonth(m, lang)}
              </th>
            ))}
            <th style={{ ...th, textAlign: 'left' }}>{t('grid.col.status')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, rowIndex) => {
            const scheduled = !!r.item.rolling?.orders && Object.keys(r.item.rolling.orders).length > 0;
            const bg = r.rowError ? '#fef2f2' : r.missing ? AMBER : '#fff';
            return (
              <tr
                key={r.item.id}
                data-testid={`grid-row-${r.item.code}`}
                data-missing={r.missing}
                data-dirty={r.dirty}
                style={{ background: bg }}
              >
                <td
                  style={{
                    ...td,
                    ...firstCol,
                    background: bg,
                    borderInlineStart: `3px solid ${r.missing ? '#f59e0b' : 'transparent'}`,
                  }}
                >
                  <Link to={`/opportunities/${r.item.id}`}>{r.item.code}</Link>
                  <Typography.Text type="secondary" ellipsis style={{ display: 'block', maxWidth: 220, fontSize: 12 }}>
                    {r.item.name} · {r.item.customerName}
                  </Typography.Text>
                </td>
                <td style={td}>
                  <StageMove item={r.item} compact />
                </td>
                {fields.map((field, col) => {
                  const error = r.errors[field];
                  const locked = scheduled && col < 2;
                  const key = `${rowIndex}-${col}`;
                  return (
                    <td key={field} style={{ ...td, background: error ? '#fee2e2' : undefined }}>
                      <Tooltip title={error} open={error ? undefined : false} color={RED}>
                        <input
                          data-cell={`${rowIndex}-${col}`}
                          data-testid={`cell-${r.item.code}-${field}`}
                          data-error={error ? 'true' : undefined}
                          aria-label={`${r.item.code} ${field}`}
                          aria-invalid={!!error}
                          value={shown(cellValue(r.draft, col), col, key)}
                          readOnly={locked}
                          placeholder={col === 0 ? 'YYYY-MM' : ''}
                          inputMode={col === 0 ? 'text' : 'decimal'}
                          style={{
                            ...cellInput,
                            textAlign: col === 0 ? 'center' : 'right',
                            borderColor: error ? RED : 'transparent',
                            color: locked ? '#64748b' : undefined,
                          }}
                          onFocus={(e) => {
                            e.currentTarget.style.borderColor = error ? RED : '#1d4ed8';
                            setFocused(key);
                          }}
                          onBlur={(e) => {
                            e.currentTarget.style.borderColor = error ? RED : 'transparent';
                            setFocused((current) => (current === key ? null : current));
                          }}
                          onChange={(e) => onEdit(rowIndex, field, e.target.value)}
                          onKeyDown={keyHandler(rowIndex, col, onSaveRow)}
                          onPaste={(e: ClipboardEvent<HTMLInputElement>) => {
                            const textValue = e.clipboardData.getData('text/plain');
                            if (!isBlock(textValue)) return;
                            e.preventDefault();
                            onPaste(rowIndex, col, textValue);
                          }}
                        />
                      </Tooltip>
                    </td>
                  );
                })}
                <td style={{ ...td, paddingInline: 8 }}>
                  <RowStatus row={r} onSave={() => onSaveRow(rowIndex)} />
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr data-testid="grid-total" style={{ background: '#f8fafc', fontWeight: 600 }}>
            <td style={{ ...td, ...firstCol, background: '#f8fafc', padding: '8px 6px' }}>
              {t('grid.total')} ({rows.length})
            </td>
            <td style={td} />
            <td style={td} />
            <td style={{ ...td, textAlign: 'right', padding: '8px 6px' }} data-testid="grid-total-amount">
              {formatMoney(
                sum((d) => d.amount),
                lang,
              )}
            </td>
            {months.map((m, i) => (
              <td key={m} style={{ ...td, textAlign: 'right', padding: '8px 6px' }} data-testid={`grid-total-${m}`}>
                {formatMoney(
                  sum((d) => d.ship[i] ?? ''),
                  lang,
                )}
              </td>
            ))}
            <td style={td} />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function RowStatus({ row, onSave }: { row: RowState; onSave: () => void }) {
  const t = useT();
  return (
    <span style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}>
      {row.missing ? (
        <Tag color="warning" data-testid="row-missing">
          {t('grid.missing')}
        </Tag>
      ) : (
        <Tag color="success" data-testid="row-done">
          {t('grid.done')}
        </Tag>
      )}
      <Tooltip title={row.dirty ? t('grid.saveRow') : t('grid.confirmRowTip')}>
        <Button
          size="small"
          type={row.dirty ? 'primary' : 'default'}
          icon={<CheckOutlined />}
          loading={row.saving}
          onClick={onSave}
          data-testid={`row-save-${row.item.code}`}
        >
          {row.dirty ? t('grid.saveRow') : t('grid.confirmRow')}
        </Button>
      </Tooltip>
      {row.rowError && (
        <Typography.Text style={{ color: RED, fontSize: 12 }} data-testid="row-error">
          {row.rowError}
        </Typography.Text>
      )}
    </span>
  );
}
