import { App, Descriptions, Form, Input, Modal, Select } from 'antd';
import { useUserLookup } from '../../api/hooks';
import { type Meeting, useRaiseTask } from '../../api/meetings';
import type { Id } from '../../api/types';
import { applyServerError } from '../../components/serverErrors';
import { useLang, useT } from '../../i18n';
import { formatMonth } from '../../lib/format';
import { fromZoneInput, meetingWhen } from '../../lib/meetingTime';
import { useBoardText } from '../board/boardText';
import { useMeetingName } from './MeetingTitle';

interface Props {
  meeting: Meeting;
  dimension: number;
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
export function RaiseTaskModal({ meeting, dimension, subjectType, subjectId, subjectName, month, onClose }: Props) {
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
          {text.dimNo(dimension)} · {text.dimName(dimension)}
        </Descriptions.Item>
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
