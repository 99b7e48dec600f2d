import { CheckCircleOutlined } from '@ant-design/icons';
import { App, Button, Drawer, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { type TaskDto, useCompleteTask } from '../../api/tasks';
import { applyServerError } from '../../components/serverErrors';
import { useT } from '../../i18n';
import { useIsMobile } from '../../lib/useIsMobile';

/**
 * C1 on a phone in two taps: the big button opens a sheet from the bottom with the completion note
 * (pre-filled with a plain phrase, selected when the owner taps into it so typing replaces it; no
 * keyboard pops over the button) and the
 * confirm button. On a desktop the same form sits in a dialog.
 */
export function CompleteTask({ task }: { task: TaskDto }) {
  const t = useT();
  const isMobile = useIsMobile();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ note: string }>();
  const complete = useCompleteTask();
  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    try {
      await complete.mutateAsync({ task, note: values.note.trim() });
      message.success(t('task.complete.done'));
      setOpen(false);
    } catch (error) {
      const rest = applyServerError(form, error, ['note']);
      if (rest) message.error(rest);
    }
  };
  const body = (
    <Form form={form} layout="vertical" requiredMark={false} initialValues={{ note: t('task.complete.quick') }}>
      <Form.Item
        name="note"
        label={t('task.complete.note')}
        rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 4000 }]}
        style={{ marginBottom: 16 }}
      >
        <Input.TextArea
          rows={3}
          placeholder={t('task.complete.placeholder')}
          // The plain phrase keeps completion to two taps; the first keystroke of one's own note replaces it.
          onFocus={(e) => e.currentTarget.select()}
          data-testid="complete-note"
        />
      </Form.Item>
      {isMobile && (
        <Button
          type="primary"
          size="large"
          block
          loading={complete.isPending}
          onClick={submit}
          data-testid="complete-confirm"
        >
          {t('task.complete.confirm')}
        </Button>
      )}
    </Form>
  );
  return (
    <>
      <Button
        type="primary"
        size="large"
        block
        icon={<CheckCircleOutlined />}
        onClick={() => setOpen(true)}
        style={{ height: 52, fontSize: 17 }}
        data-testid="task-complete"
      >
        {t('task.complete')}
      </Button>
      {isMobile ? (
        <Drawer
          open={open}
          placement="bottom"
          size="auto"
          title={t('task.complete')}
          onClose={() => setOpen(false)}
          destroyOnHidden
          styles={{ body: { paddingBottom: 24 } }}
          data-testid="complete-sheet"
        >
          {body}
        </Drawer>
      ) : (
        <Modal
          open={open}
          title={t('task.complete')}
          onCancel={() => setOpen(false)}
          onOk={submit}
          okText={t('task.complete.confirm')}
          cancelText={t('common.cancel')}
          confirmLoading={complete.isPending}
          okButtonProps={{ 'data-testid': 'complete-confirm' }}
          destroyOnHidden
        >
          {body}
        </Modal>
      )}
    </>
  );
}
