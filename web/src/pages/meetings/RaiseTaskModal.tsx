import { App, Descriptions, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import type { DimensionDto, MetricDto } from '../../api/board';
import { useUserLookup } from '../../api/hooks';
import { type Meeting, useRaiseTask } from '../../api/meetings';
import type { Id } from '../../api/types';
import { applyServerError } from '../../components/serverErrors';
import { useLang, useT } from '../../i18n';
import { formatMonth } from '../../lib/format';
import { fromZoneInput, meetingWhen } from '../../lib/meetingTime';
import { useBoardText } from '../board/boardText';
import { useMeetingName } from './MeetingTitle';

/** One dimension the chair may raise on, with the value and status the board shows for the row. */
export type RaiseChoice = { no: number; metric: MetricDto | undefined; dim: DimensionDto };

const SEVERITY: Record<string, number> = { red: 3, yellow: 2, green: 1, none: 0 };

/** The row's worst dimension (red before yellow, in board order); `fallback` when none is worse than green. */
export function worstOf(choices: RaiseChoice[], fallback: number): number {
  let best: RaiseChoice | undefined;
  for (const c of choices)
    if ((SEVERITY[c.metric?.status ?? 'none'] ?? 0) > (SEVERITY[best?.metric?.status ?? 'none'] ?? 0)) best = c;
  return best && (SEVERITY[best.metric?.status ?? 'none'] ?? 0) >= 2 ? best.no : fallback;
}

interface Props {
  meeting: Meeting;
  dimension: number;
  choices?: RaiseChoice[] | undefined;
  subjectType: 'track' | 'am';
  subjectId: Id;
  subjectName?: string;
  month: string;
  onClose: () => void;
}

type Values = { ownerId?: Id; deadline?: string; description?: string };

/**
 * 发起任务: everything but the description comes from the board and the meeting. The owner is preset
 * where the rules give one (a supervision task: the track's director; a weekly AM row: that AM); the
 * chair picks an AM for a weekly track row. The deadline defaults to the next meeting of the series.
 */
export function RaiseTaskModal(props: Props) {
  const { meeting, choices, subjectType, subjectId, subjectName, month, onClose } = props;
  const [dimension, setDimension] = useState(props.dimension);
  const chosen = choices?.find((c) => c.no === dimension);
  const t = useT();
  const { lang } = useLang();
  const text = useBoardText();
  const name = useMeetingName();
  const { message } = App.useApp();
  const raise = useRaiseTask();
  const [form] = Form.useForm<Values>();
  const weekly = meeting.type === 'weekly';
  const owners = useUserLookup(weekly ? { role: 'am', trackId: meeting.trackId ?? undefined } : { role: 'director' });
  const needsOwner = weekly && subjectType === 'track';
  const submit = async () => {
    const values = await form.validateFields();
    try {
      const task = await raise.mutateAsync({
        meetingId: meeting.id,
        dimension,
        subjectType,
        subjectId,
        month,
        ...(values.ownerId ? { ownerId: values.ownerId } : {}),
        ...(values.deadline ? { deadline: fromZoneInput(values.deadline) } : {}),
        ...(values.description?.trim() ? { description: values.description.trim() } : {}),
      });
      message.success(t('raise.done', { background: task.background }));
      onClose();
    } catch (error) {
      const rest = applyServerError(form, error, ['ownerId', 'deadline', 'description']);
      if (rest) message.error(rest);
    }
  };
  return (
    <Modal
      open
      title={t('raise.title')}
      onCancel={onClose}
      onOk={submit}
      okText={t('raise.submit')}
      confirmLoading={raise.isPending}
      okButtonProps={{ 'data-testid': 'raise-submit' }}
      width={560}
    >
      <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('raise.meeting')}>
          {name(meeting)} · {meetingWhen(meeting.startsAt, meeting.endsAt, lang)}
        </Descriptions.Item>
        <Descriptions.Item label={t('raise.dimension')}>
          {choices?.length ? (
            <Select
              value={dimension}
              onChange={setDimension}
              style={{ width: '100%' }}
              data-testid="raise-dimension"
              options={choices.map((c) => ({
                value: c.no,
                label: `${text.dimNo(c.no)} · ${text.dimName(c.no)} · ${text.value(c.dim, c.metric?.value)} · ${text.status(c.metric?.status ?? 'none')}`,
              }))}
            />
          ) : (
            `${text.dimNo(dimension)} · ${text.dimName(dimension)}`
          )}
        </Descriptions.Item>
        {chosen && (
          <Descriptions.Item label={t('raise.value')}>
            <span data-testid="raise-value" style={chosen.metric?.status === 'red' ? { color: '#dc2626' } : undefined}>
              {text.value(chosen.dim, chosen.metric?.value)} · {text.status(chosen.metric?.status ?? 'none')} ·{' '}
              {text.band(chosen.dim)}
            </span>
          </Descriptions.Item>
        )}
        {subjectName && <Descriptions.Item label={t('raise.subject')}>{subjectName}</Descriptions.Item>}
        <Descriptions.Item label={t('raise.period')}>{formatMonth(month, lang)}</Descriptions.Item>
      </Descriptions>
      <Form form={form} layout="vertical">
        <Form.Item name="description" label={t('raise.description')} rules={[{ max: 4000 }]}>
          <Input.TextArea
            autoFocus
            rows={4}
            placeholder={t('raise.description.placeholder')}
            data-testid="raise-description"
          />
        </Form.Item>
        <Form.Item
          name="ownerId"
          label={t('raise.owner')}
          rules={needsOwner ? [{ required: true, message: t('raise.owner.pick') }] : []}
          extra={
            !needsOwner && subjectType === 'am' && weekly && subjectName
              ? t('raise.owner.default', { name: subjectName })
              : undefined
          }
        >
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={needsOwner ? t('raise.owner.pick') : undefined}
            loading={owners.isLoading}
            options={(owners.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
            data-testid="raise-owner"
          />
        </Form.Item>
        <Form.Item name="deadline" label={t('raise.deadline')} extra={t('raise.deadline.default')}>
          <Input type="datetime-local" data-testid="raise-deadline" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
