import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { type DecisionKind, type TaskDto, useActiveUsers, useTaskDecision } from '../../api/tasks';
import type { Id } from '../../api/types';
import { applyServerError, isStaleVersion } from '../../components/serverErrors';
import { useLang, useT } from '../../i18n';
import { fromZoneInput, shortInstant, toZoneInput } from '../../lib/meetingTime';
import { serverNow } from '../../lib/serverClock';
import { useNames } from './useNames';

type Values = { deadline?: string; ownerId?: Id; reason?: string; description?: string };

/** Which fields each decision asks for (SPEC §9 bodies); confirm asks nothing and needs no dialog. */
const FIELDS: Record<Exclude<DecisionKind, 'confirm'>, (keyof Values)[]> = {
  extend: ['deadline', 'reason'],
  reassign: ['ownerId', 'reason'],
  revise: ['description'],
  close: ['reason'],
  reopen: ['reason', 'deadline'],
  redispatch: ['reason', 'description'],
};

const WEEK = 7 * 86_400_000;

/** Revise starts from the current text; extend proposes a week after the current deadline (or now). */
function initialValues(task: TaskDto, kind: DecisionKind): Values {
  if (kind === 'revise') return { description: task.description };
  if (kind === 'extend')
    return { deadline: toZoneInput(new Date(Math.max(Date.parse(task.deadline), serverNow()) + WEEK).toISOString()) };
  return {};
}

interface Props {
  task: TaskDto;
  kind: Exclude<DecisionKind, 'confirm'>;
  onClose: () => void;
}

/**
 * One D1 decision in a dialog, sent with If-Match of the version on screen. The server's reasons land
 * next to their fields; a stale version reloads the task and says so.
 */
export function DecisionModal({ task, kind, onClose }: Props) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const decide = useTaskDecision();
  const names = useNames();
  const fields = FIELDS[kind];
  const weekly = task.meetingType === 'weekly';
  const owners = useActiveUsers(
    weekly ? { role: 'am', trackId: task.trackId } : { role: 'director' },
    fields.includes('ownerId'),
  );
  const label = t(`task.decide.${kind}`);
  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    const body = {
      ...(values.deadline ? { deadline: fromZoneInput(values.deadline) } : {}),
      ...(values.ownerId ? { ownerId: values.ownerId } : {}),
      ...(values.reason?.trim() ? { reason: values.reason.trim() } : {}),
      ...(values.description?.trim() ? { description: values.description.trim() } : {}),
    };
    try {
      await decide.mutateAsync({ task, kind, body });
      message.success(t('task.decide.done', { decision: label }));
      onClose();
    } catch (error) {
      if (isStaleVersion(error)) {
        message.warning(t('common.staleVersion'));
        onClose();
        return;
      }
      const rest = applyServerError(form, error, fields);
      if (rest) message.error(rest);
    }
  };
  const required = { required: true, whitespace: true, message: t('task.decide.reasonRequired') };
  return (
    <Modal
      open
      title={label}
      onCancel={onClose}
      onOk={submit}
      okText={label}
      cancelText={t('common.cancel')}
      confirmLoading={decide.isPending}
      okButtonProps={{ danger: kind === 'close', 'data-testid': 'decision-submit' }}
      destroyOnHidden
    >
      {kind === 'redispatch' && (
        <Alert type="info" showIcon title={t('task.decide.redispatch.hint')} style={{ marginBottom: 16 }} />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initialValues(task, kind)}
        data-testid={`decision-${kind}`}
      >
        {fields.includes('ownerId') && (
          <Form.Item
            name="ownerId"
            label={t('task.decide.newOwner')}
            extra={t(weekly ? 'task.decide.newOwner.weekly' : 'task.decide.newOwner.supervision')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={owners.isLoading}
              options={(owners.data ?? [])
                .filter((u) => u.id !== task.ownerId)
                // Name, role and track, so two people of one name, or a director and an AM, are told apart.
                .map((u) => ({
                  value: u.id,
                  label: [u.name, t(`role.${u.role}`), u.trackId ? names.track(u.trackId) : null]
                    .filter(Boolean)
                    .join(' · '),
                }))}
              data-testid="decision-owner"
            />
          </Form.Item>
        )}
        {kind === 'extend' && (
          <Form.Item
            name="deadline"
            label={t('task.decide.newDeadline')}
            extra={t('task.decide.newDeadline.hint', { at: shortInstant(task.deadline, lang) })}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Input type="datetime-local" data-testid="decision-deadline" />
          </Form.Item>
        )}
        {fields.includes('description') && (
          <Form.Item
            name="description"
            label={t(kind === 'redispatch' ? 'task.decide.redispatchDescription' : 'task.decide.description')}
            rules={
              kind === 'revise'
                ? [{ required: true, whitespace: true, message: t('common.required') }, { max: 4000 }]
                : [{ max: 4000 }]
            }
          >
            <Input.TextArea rows={4} data-testid="decision-description" />
          </Form.Item>
        )}
        {fields.includes('reason') && (
          <Form.Item name="reason" label={t('task.decide.reason')} rules={[required, { max: 4000 }]}>
            <Input.TextArea rows={3} autoFocus data-testid="decision-reason" />
          </Form.Item>
        )}
        {kind === 'reopen' && (
          <Form.Item
            name="deadline"
            label={t('task.decide.reopenDeadline')}
            extra={t('task.decide.reopenDeadline.hint')}
          >
            <Input type="datetime-local" data-testid="decision-deadline" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
