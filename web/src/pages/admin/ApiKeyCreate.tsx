import { Alert, Button, Checkbox, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { type ApiKeyInput, useCreateApiKey } from '../../api/hooks';
import { API_KEY_SCOPES } from '../../api/types';
import { EditModal } from '../../components/EditModal';
import { type MessageKey, useT } from '../../i18n';

// the server caps a key's life at two years and always sets an expiry
const EXPIRY_DAYS = [30, 90, 180, 365, 730] as const;
const DAY_MS = 86_400_000;

interface Values {
  name: string;
  scopes: ApiKeyInput['scopes'];
  expiryDays: number;
}

/** Create a key, then show its plaintext once. */
export function ApiKeyCreate({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const create = useCreateApiKey();
  const [plaintext, setPlaintext] = useState<string | null>(null);
  const save = async ({ name, scopes, expiryDays }: Values) => {
    const expiresAt = new Date(Date.now() + expiryDays * DAY_MS).toISOString();
    const body: ApiKeyInput = { name: name.trim(), scopes, expiresAt };
    const created = await create.mutateAsync(body);
    setPlaintext(created.key);
  };
  return (
    <>
      <EditModal<Values>
        open={open}
        title={t('apiKey.create')}
        form={form}
        initialValues={{ scopes: ['integration'], expiryDays: 365 }}
        saving={create.isPending}
        save={save}
        onClose={onClose}
        created
        testId="apikey-form"
      >
        <Form.Item
          name="name"
          label={t('apiKey.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="scopes" label={t('apiKey.scopes')} rules={[{ required: true, message: t('common.required') }]}>
          <Checkbox.Group
            options={API_KEY_SCOPES.map((scope) => ({ value: scope, label: t(`apiKey.scope.${scope}` as MessageKey) }))}
          />
        </Form.Item>
        <Form.Item name="expiryDays" label={t('apiKey.expiry')}>
          <Select options={EXPIRY_DAYS.map((n) => ({ value: n, label: t('apiKey.days', { n }) }))} />
        </Form.Item>
      </EditModal>
      <Modal
        open={plaintext !== null}
        title={t('apiKey.createdTitle')}
        closable={false}
        mask={{ closable: false }}
        footer={
          <Button type="primary" onClick={() => setPlaintext(null)} data-testid="apikey-done">
            {t('apiKey.close')}
          </Button>
        }
      >
        <Alert type="warning" showIcon title={t('apiKey.copyOnce')} style={{ marginBottom: 16 }} />
        <Typography.Paragraph
          code
          copyable={{ text: plaintext ?? '', tooltips: [t('apiKey.copy'), t('apiKey.copied')] }}
          style={{ wordBreak: 'break-all', fontSize: 15 }}
          data-testid="apikey-plaintext"
        >
          {plaintext}
        </Typography.Paragraph>
      </Modal>
    </>
  );
}
