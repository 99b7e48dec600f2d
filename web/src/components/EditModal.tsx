import { App, Form, type FormInstance, Modal } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { useT } from '../i18n';
import { applyServerError, isStaleVersion } from './serverErrors';

interface Props<V> {
  open: boolean;
  title: ReactNode;
  form: FormInstance<V>;
  initialValues?: Partial<V>;
  saving: boolean;
  /** Sends the values; rejects with the ApiError. */
  save: (values: V) => Promise<unknown>;
  onClose: () => void;
  created: boolean;
  children: ReactNode;
  testId?: string;
}

/** Create/edit form in a modal: client validation first, then the server's errors next to their fields. */
export function EditModal<V extends object>(props: Props<V>) {
  const { open, title, form, initialValues, saving, save, onClose, created, children, testId } = props;
  const t = useT();
  const { message } = App.useApp();
  // One form instance serves every opening; start each from this opening's initial values, not the last one's.
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  const fieldNames = () => Object.keys(form.getFieldsValue(true) as object);
  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    try {
      await save(values);
      message.success(t(created ? 'common.created' : 'common.saved'));
      onClose();
    } catch (error) {
      if (isStaleVersion(error)) {
        message.warning(t('common.staleVersion'));
        onClose();
        return;
      }
      const rest = applyServerError(form, error, fieldNames());
      if (rest) message.error(rest);
    }
  };
  return (
    <Modal
      open={open}
      title={title}
      onOk={submit}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form<V>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        preserve={false}
        requiredMark
        data-testid={testId}
      >
        {children}
      </Form>
    </Modal>
  );
}
