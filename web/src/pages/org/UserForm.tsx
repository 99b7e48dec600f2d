import { Form, Input, Select, Switch } from 'antd';
import { type UserInput, useSaveUser, useTrackLookup } from '../../api/hooks';
import { ROLES, type Role, type User } from '../../api/types';
import { EditModal } from '../../components/EditModal';
import { CODE_PATTERN } from '../../components/serverErrors';
import { useT } from '../../i18n';

const MIN_PASSWORD = 8;
/** Directors lead one track and AMs belong to one (SPEC §2); other roles stand outside tracks. */
const TRACK_ROLES: Role[] = ['director', 'am'];

function bodyOf(values: UserInput, user?: User): UserInput {
  const body: UserInput = { ...values, trackId: values.trackId ?? null, email: values.email?.trim() || null };
  if (!body.password) delete body.password;
  if (user) {
    delete body.username;
    delete body.code;
  }
  return body;
}

export function UserForm({ open, user, onClose }: { open: boolean; user?: User; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<UserInput>();
  const save = useSaveUser();
  const tracks = useTrackLookup(open);
  const role = Form.useWatch('role', form);
  const required = { required: true, message: t('common.required') };
  const codeRule = { pattern: CODE_PATTERN, message: t('common.codeFormat') };
  return (
    <EditModal<UserInput>
      open={open}
      title={t(user ? 'user.edit' : 'user.create')}
      form={form}
      initialValues={user ?? { role: 'am', active: true }}
      saving={save.isPending}
      save={(values) =>
        save.mutateAsync({ id: user?.id, version: user?.version, original: user, values: bodyOf(values, user) })
      }
      onClose={onClose}
      created={!user}
      testId="user-form"
    >
      <Form.Item name="username" label={t('user.username')} rules={user ? [] : [required, codeRule]}>
        <Input disabled={!!user} autoComplete="off" maxLength={40} />
      </Form.Item>
      <Form.Item name="code" label={t('user.code')} rules={user ? [] : [required, codeRule]}>
        <Input disabled={!!user} maxLength={40} />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('user.name')}
        rules={[required, { whitespace: true, message: t('common.required') }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="role" label={t('user.role')} rules={[required]}>
        <Select options={ROLES.map((value) => ({ value, label: t(`role.${value}`) }))} />
      </Form.Item>
      <Form.Item name="trackId" label={t('user.track')} rules={role && TRACK_ROLES.includes(role) ? [required] : []}>
        <Select
          allowClear
          loading={tracks.isPending}
          options={(tracks.data ?? []).map((track) => ({ value: track.id, label: track.name }))}
        />
      </Form.Item>
      <Form.Item name="email" label={t('user.email')} rules={[{ type: 'email', message: t('user.emailInvalid') }]}>
        <Input type="email" maxLength={200} />
      </Form.Item>
      {user && (
        <Form.Item name="active" label={t('user.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      )}
      <Form.Item
        name="password"
        label={t(user ? 'user.resetPassword' : 'user.password')}
        rules={[
          ...(user ? [] : [required]),
          { min: MIN_PASSWORD, message: t('password.minLength', { n: MIN_PASSWORD }) },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </EditModal>
  );
}
