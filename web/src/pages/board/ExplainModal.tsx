import { App, Empty, Form, Input, Modal, Tag, Typography } from 'antd';
import {
  type BoardDto,
  type BoardRowDto,
  type ExplanationDto,
  type ExplanationInput,
  TRACK_DIMS,
  useSaveExplanations,
} from '../../api/board';
import { metricOf, STATUS_COLORS, useBoardText } from './boardText';

type Values = Record<string, { cause?: string; plan?: string }>;

interface Props {
  track: BoardRowDto;
  board: BoardDto;
  month: string;
  notes: Map<number, ExplanationDto> | undefined;
  onClose: () => void;
}

const MAX = 2000;

/** P3: the director writes, per dimension of the track that is not green, 原因分析 and 改善计划. */
export function ExplainModal({ track, board, month, notes, onClose }: Props) {
  const text = useBoardText();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveExplanations(month, track.id);
  const dims = board.dimensions.filter((dim) => {
    if (!(TRACK_DIMS as readonly number[]).includes(dim.no)) return false;
    const status = metricOf(track, dim.no)?.status;
    return status === 'red' || status === 'yellow' || notes?.has(dim.no);
  });
  const initialValues: Values = Object.fromEntries(
    dims.map((dim) => [
      String(dim.no),
      { cause: notes?.get(dim.no)?.cause ?? '', plan: notes?.get(dim.no)?.plan ?? '' },
    ]),
  );
  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    const items: ExplanationInput[] = dims
      .map((dim) => ({
        no: dim.no,
        cause: values[String(dim.no)]?.cause?.trim() ?? '',
        plan: values[String(dim.no)]?.plan?.trim() ?? '',
      }))
      .filter((item) => item.cause || item.plan || notes?.has(item.no));
    try {
      await save.mutateAsync(items);
      message.success(text.t('common.saved'));
      onClose();
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <Modal
      open
      title={text.t('explain.title', { track: track.name, month: text.month(month) })}
      onOk={submit}
      onCancel={onClose}
      okText={text.t('common.save')}
      cancelText={text.t('common.cancel')}
      okButtonProps={{ disabled: dims.length === 0, 'data-testid': 'explain-save' }}
      confirmLoading={save.isPending}
      width={680}
      destroyOnHidden
    >
      {dims.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text.t('explain.allGreen')} />
      ) : (
        <Form<Values> form={form} layout="vertical" initialValues={initialValues} data-testid="explain-form">
          {dims.map((dim) => {
            const metric = metricOf(track, dim.no);
            const status = metric?.status ?? 'none';
            return (
              <section key={dim.no} style={{ marginBottom: 8 }}>
                <Typography.Title level={5} style={{ marginBottom: 8 }}>
                  {text.dimNo(dim.no)} · {text.dimName(dim.no)}{' '}
                  <Tag style={{ background: STATUS_COLORS[status].bg, color: STATUS_COLORS[status].fg, border: 0 }}>
                    {status === 'red' || status === 'yellow' ? text.t('explain.notMet') : text.status(status)} ·{' '}
                    {text.value(dim, metric?.value)}
                    {metric ? ` · ${text.rank(metric.rank)}` : ''}
                  </Tag>
                </Typography.Title>
                <Form.Item name={[String(dim.no), 'cause']} label={text.t('explain.cause')}>
                  <Input.TextArea
                    rows={3}
                    maxLength={MAX}
                    showCount
                    placeholder={text.t('explain.causePlaceholder')}
                    data-testid={`explain-cause-${dim.no}`}
                  />
                </Form.Item>
                <Form.Item name={[String(dim.no), 'plan']} label={text.t('explain.plan')}>
                  <Input.TextArea
                    rows={3}
                    maxLength={MAX}
                    showCount
                    placeholder={text.t('explain.planPlaceholder')}
                    data-testid={`explain-plan-${dim.no}`}
                  />
                </Form.Item>
              </section>
            );
          })}
        </Form>
      )}
    </Modal>
  );
}
