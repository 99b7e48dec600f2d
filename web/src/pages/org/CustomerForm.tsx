import { Form, Input, Select } from 'antd';
import { type CustomerInput, useSaveCustomer, useTrackLookup, useUserLookup } from '../../api/hooks';
import type { Customer } from '../../api/types';
import { EditModal } from '../../components/EditModal';
import { CODE_PATTERN } from '../../components/serverErrors';
import { useT } from '../../i18n';

export function CustomerForm({ open, customer, onClose }: { open: boolean; customer?: Customer; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<CustomerInput>();
  const save = useSaveCustomer();
  const trackId = Form.useWatch('trackId', form);
  const tracks = useTrackLookup(open);
  // creating: the AMs of the chosen track; editing: any AM (the customer follows its AM's track)
  const ams = useUserLookup({ role: 'am', trackId: customer ? undefined : (trackId ?? undefined) }, open);
  const trackNames = new Map((tracks.data ?? []).map((track) => [track.id, track.name]));
  const required = { required: true, message: t('common.required') };
  const codeRule = { pattern: CODE_PATTERN, message: t('common.codeFormat') };
  const submit = (values: CustomerInput) => {
    const body: CustomerInput = customer ? { name: values.name, amId: values.amId } : values;
    return save.mutateAsync({ id: customer?.id, version: customer?.version, original: customer, values: body });
  };
  return (
    <EditModal<CustomerInput>
      open={open}
      title={t(customer ? 'customer.edit' : 'customer.create')}
      form={form}
      initialValues={customer}
      saving={save.isPending}
      save={submit}
      onClose={onClose}
      created={!customer}
      testId="customer-form"
    >
      <Form.Item name="code" label={t('customer.code')} rules={customer ? [] : [required, codeRule]}>
        <Input disabled={!!customer} maxLength={40} />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('customer.name')}
        rules={[required, { whitespace: true, message: t('common.required') }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="trackId" label={t('customer.track')} extra={customer ? undefined : t('customer.trackHint')}>
        <Select
          allowClear
          disabled={!!customer}
          loading={tracks.isPending}
          options={(tracks.data ?? []).map((track) => ({ value: track.id, label: track.name }))}
          onChange={() => form.setFieldValue('amId', undefined)}
        />
      </Form.Item>
      <Form.Item name="amId" label={t('customer.am')} rules={[required]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          loading={ams.isPending}
          options={(ams.data ?? []).map((am) => ({
            value: am.id,
            label: `${am.name} (${am.code})${am.trackId ? ` · ${trackNames.get(am.trackId) ?? ''}` : ''}`,
          }))}
        />
      </Form.Item>
    </EditModal>
  );
}
