import { SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Form, Input, Modal, Progress, Select, Skeleton, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import {
  type OpportunityDto,
  useAllOpportunities,
  useCompliance,
  useForecastChanged,
  usePutForecast,
} from '../../api/forecast';
import { useUserLookup } from '../../api/hooks';
import { useMe } from '../../auth/session';
import { ListEmpty, ListError } from '../../components/ListStates';
import { FILTER_STYLE, PageHeader } from '../../components/PageHeader';
import { useLang, useT } from '../../i18n';
import { formatMonth } from '../../lib/format';
import { currentMonth } from '../../lib/month';
import { serverNow } from '../../lib/serverClock';
import { useIsMobile } from '../../lib/useIsMobile';
import { RemindButton } from '../forecast-views/RemindButton';
import { ComplianceTable } from './ComplianceTable';
import { byWork } from './forecastText';
import {
  bodyOf,
  cellErrors,
  type Draft,
  draftOf,
  draftProblems,
  type Field,
  isPush,
  parseBlock,
  pasteInto,
  sameDraft,
  windowMonths,
} from './gridModel';
import { OpportunityCards } from './OpportunityCards';
import { type RowState, UpdateGrid } from './UpdateGrid';

/** A day as the company counts it (Asia/Shanghai, SPEC §8), whatever the browser's zone. */
const companyDay = (iso: string) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(iso));

/** Due in the month's update (SPEC §6.4): integrated, not lost, not fully shipped (won ones included). */
const isDue = (o: OpportunityDto) =>
  o.businessLine === 'integrated' && o.stage !== 'lost' && !(o.stage === 'won' && o.fullyShipped);

type Problems = Record<number, { cells: Record<Field, string>; row: string | null }>;

/** Whose grid: an AM's own; a director or admin picks the AM (kept in the address). */
function useGridAm() {
  const me = useMe().data;
  const [params, setParams] = useSearchParams();
  const own = me?.scope.kind === 'own';
  const picked = Number(params.get('amId')) || undefined;
  const ams = useUserLookup({ role: 'am', trackId: me?.scope.trackId ?? undefined }, !!me && !own);
  const amId = own ? me?.user.id : picked;
  const pick = (id?: number) => setParams(id ? { amId: String(id) } : {}, { replace: true });
  return { me, own, amId, ams: ams.data ?? [], pick };
}

/** 月度滚动更新: the AM's monthly update of every due opportunity in one grid, saved row by row. */
export default function UpdateGridPage() {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const month = currentMonth();
  const months = useMemo(() => windowMonths(month), [month]);
  const { me, own, amId, ams, pick } = useGridAm();
  const list = useAllOpportunities({ amId, businessLine: 'integrated' }, !!amId);
  const compliance = useCompliance(month, !!me);
  const put = usePutForecast(false);
  const changed = useForecastChanged();
  const [drafts, setDrafts] = useState<Record<number, Draft>>({});
  const [problems, setProblems] = useState<Problems>({});
  const [saving, setSaving] = useState<Set<number>>(new Set());
  const [pushes, setPushes] = useState<{ ids: number[]; rows: number[] } | null>(null);
  const [reasonForm] = Form.useForm<Record<string, string>>();

  const items = (list.data ?? []).filter(isDue).sort(byWork);
  const amCompliance = compliance.data?.ams.find((a) => a.amId === amId);
  const missing = new Set(amCompliance?.missing ?? []);
  const rows: RowState[] = items.map((item) => {
    const original = draftOf(item, months);
    const draft = drafts[item.id] ?? original;
    return {
      item,
      draft,
      dirty: !sameDraft(draft, original),
      missing: missing.has(item.id),
      errors: problems[item.id]?.cells ?? {},
      rowError: problems[item.id]?.row ?? null,
      saving: saving.has(item.id),
    };
  });

  const setDraft = (id: number, draft: Draft) => {
    setDrafts((before) => ({ ...before, [id]: draft }));
    setProblems((before) => ({ ...before, [id]: { cells: {}, row: null } }));
  };
  const onEdit = (row: number, field: Field, value: string) => {
    const r = rows[row];
    if (!r) return;
    const draft = { ...r.draft, ship: [...r.draft.ship] };
    if (field === 'orderMonth') draft.orderMonth = value;
    else if (field === 'amount') draft.amount = value;
    else draft.ship[months.indexOf(field)] = value;
    setDraft(r.item.id, draft);
  };
  const onPaste = (row: number, col: number, text: string) => {
    const block = parseBlock(text);
    const editable = (i: number) => {
      const orders = rows[i]?.item.rolling?.orders;
      const scheduled = !!orders && Object.keys(orders).length > 0;
      return Array.from({ length: months.length + 2 }, (_, c) => !(scheduled && c < 2));
    };
    const next = pasteInto(
      rows.map((r) => r.draft),
      block,
      row,
      col,
      editable,
    );
    setDrafts((before) => {
      const out = { ...before };
      next.forEach((draft, i) => {
        const r = rows[i];
        if (r && !sameDraft(draft, r.draft)) out[r.item.id] = draft;
      });
      return out;
    });
    message.info(t('grid.pasted', { rows: block.length, cols: Math.max(...block.map((b) => b.length)) }));
  };

  /** Saves rows (an unchanged row is a confirmation); a push asks for its reason first. */
  const save = async (indices: number[], reasons: Record<string, string> = {}) => {
    const targets = indices.map((i) => rows[i]).filter((r): r is RowState => !!r);
    const checked: Problems = {};
    const ready = targets.filter((r) => {
      const found = draftProblems(r.draft, months);
      const cells = Object.fromEntries(Object.entries(found).map(([f, why]) => [f, t(`grid.${why}`)]));
      checked[r.item.id] = { cells, row: null };
      return Object.keys(cells).length === 0;
    });
    setProblems((before) => ({ ...before, ...checked }));
    const unexplained = ready.filter((r) => isPush(r.item, r.draft) && !reasons[r.item.id]);
    if (unexplained.length) {
      reasonForm.resetFields();
      setPushes({ ids: unexplained.map((r) => r.item.id), rows: indices });
      return;
    }
    const mine = ready.map((r) => r.item.id);
    // a second row saved while the first is in flight keeps its own spinner
    setSaving((before) => new Set([...before, ...mine]));
    let failed = targets.length - ready.length;
    const saved: number[] = [];
    for (const r of ready) {
      try {
        await put.mutateAsync({
          item: r.item,
          version: 'rolling',
          body: bodyOf(r.item, r.draft, months, reasons[r.item.id]),
        });
        saved.push(r.item.id);
      } catch (cause) {
        failed += 1;
        const found =
          cause instanceof ApiError ? cellErrors(cause, months) : { cells: {}, row: String((cause as Error).message) };
        setProblems((before) => ({ ...before, [r.item.id]: found }));
      }
    }
    await changed();
    // the saved rows now show what the server holds
    setDrafts((before) => Object.fromEntries(Object.entries(before).filter(([id]) => !saved.includes(Number(id)))));
    setSaving((before) => new Set([...before].filter((id) => !mine.includes(id))));
    if (failed) message.error(t('grid.failed', { n: failed }));
    else message.success(t('grid.saved', { n: ready.length }));
  };
  const saveDirty = () => {
    const dirty = rows.flatMap((r, i) => (r.dirty ? [i] : []));
    if (dirty.length === 0) message.info(t('grid.nothing'));
    else void save(dirty);
  };

  const windowOpen =
    !!compliance.data &&
    serverNow() >= Date.parse(compliance.data.windowStart) &&
    serverNow() < Date.parse(compliance.data.windowEnd);
  const dirtyCount = rows.filter((r) => r.dirty).length;
  const updated = amCompliance ? amCompliance.updated : 0;
  const due = amCompliance ? amCompliance.due : 0;

  return (
    <div data-testid="update-grid-page" data-busy={saving.size > 0}>
      <PageHeader
        title={t('grid.title')}
        extra={
          !isMobile && (
            <Button
              type="primary"
              icon={<SaveOutlined />}
              onClick={saveDirty}
              disabled={dirtyCount === 0}
              loading={saving.size > 0}
              data-testid="grid-save-all"
            >
              {t('grid.saveAll')}
              {dirtyCount > 0 && ` (${dirtyCount})`}
            </Button>
          )
        }
      />
      {compliance.data && (
        <Alert
          type={windowOpen ? 'info' : 'warning'}
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="grid-window"
          data-open={windowOpen}
          title={`${t('grid.window', {
            month: formatMonth(month, lang),
            start: companyDay(compliance.data.windowStart),
            end: companyDay(new Date(Date.parse(compliance.data.windowEnd) - 1).toISOString()),
          })} · ${windowOpen ? t('grid.windowOpen') : t('grid.windowClosed')}`}
        />
      )}
      <Card styles={{ body: { padding: isMobile ? 12 : 16 } }}>
        <Flex wrap gap={12} align="center" justify="space-between" style={{ marginBottom: 12 }}>
          {!own && (
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              allowClear
              placeholder={t('grid.chooseAm')}
              value={amId}
              style={FILTER_STYLE}
              options={ams.map((u) => ({ value: u.id, label: u.name }))}
              onChange={(id) => pick(id)}
              data-testid="grid-am"
            />
          )}
          {amCompliance && (
            <Flex align="center" gap={8} style={{ minWidth: 220 }} data-testid="grid-progress">
              <Typography.Text>{t('grid.progress', { updated, due })}</Typography.Text>
              <Progress
                percent={due ? Math.round((updated / due) * 100) : 100}
                size="small"
                style={{ width: 120, margin: 0 }}
                status={updated >= due ? 'success' : 'active'}
              />
            </Flex>
          )}
          {!amId && compliance.data && <RemindButton compliance={compliance.data} />}
        </Flex>
        {!isMobile && amId && (
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('grid.help')}
          </Typography.Paragraph>
        )}
        {!amId ? (
          compliance.data && compliance.data.ams.length > 0 ? (
            <ComplianceTable compliance={compliance.data} ams={ams} onOpen={pick} />
          ) : (
            <ListEmpty text={t('grid.chooseAm')} />
          )
        ) : list.isError ? (
          <ListError error={list.error} onRetry={() => list.refetch()} />
        ) : list.isPending ? (
          <Skeleton active />
        ) : rows.length === 0 ? (
          <ListEmpty text={t('grid.empty')} />
        ) : isMobile ? (
          <OpportunityCards rows={items} missing={missing} />
        ) : (
          <UpdateGrid rows={rows} months={months} onEdit={onEdit} onPaste={onPaste} onSaveRow={(i) => save([i])} />
        )}
      </Card>
      <Modal
        open={pushes !== null}
        title={t('grid.pushTitle')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        onCancel={() => setPushes(null)}
        onOk={() => reasonForm.submit()}
        okButtonProps={{ 'data-testid': 'push-submit' }}
        destroyOnHidden
        // the AM may already be typing in the next row when the closing animation ends
        focusTriggerAfterClose={false}
      >
        <Typography.Paragraph>{t('grid.pushHint')}</Typography.Paragraph>
        <Form
          form={reasonForm}
          layout="vertical"
          onFinish={(values) => {
            const again = pushes?.rows ?? [];
            setPushes(null);
            void save(again, values);
          }}
        >
          {(pushes?.ids ?? []).map((id) => {
            const r = rows.find((x) => x.item.id === id);
            return (
              <Form.Item
                key={id}
                name={String(id)}
                label={`${r?.item.code ?? id}: ${r?.item.rolling?.orderMonth ?? ''} → ${r?.draft.orderMonth ?? ''}`}
                rules={[{ required: true, whitespace: true, message: t('version.pushReason') }]}
              >
                <Input maxLength={2000} data-testid={`push-reason-${r?.item.code ?? id}`} />
              </Form.Item>
            );
          })}
        </Form>
      </Modal>
    </div>
  );
}
