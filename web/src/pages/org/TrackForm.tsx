import { Form, Input, Select } from 'antd';
import { type TrackInput, useSaveTrack, useUserLookup } from '../../api/hooks';
import { BUSINESS_LINES, type Track } from '../../api/types';
import { EditModal } from '../../components/EditModal';
import { CODE_PATTERN } from '../../components/serverErrors';
import { useT } from '../../i18n';

/** `track` undefined: create; a track: edit it. */
export function TrackForm({ open, track, onClose }: { open: boolean; track?: Track; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<TrackInput>();
  const save = useSaveTrack();
  const directors = useUserLookup({ role: 'director' }, open);
  const required = [{ required: true, message: t('common.required') }];
  const codeRule = { pattern: CODE_PATTERN, message: t('common.codeFormat') };
  const submit = (values: TrackInput) => {
    const body: TrackInput = { ...values, directorId: values.directorId ?? null };
    if (track) delete body.code;
    return save.mutateAsync({ id: track?.id, version: track?.version, original: track, values: body });
  };
  return (
    <EditModal<TrackInput>
      open={open}
      title={t(track ? 'track.edit' : 'track.create')}
      form={form}
      initialValues={track ?? { businessLine: 'integrated' }}
      saving={save.isPending}
      save={submit}
      onClose={onClose}
      created={!track}
      testId="track-form"
    >
      <Form.Item name="code" label={t('track.code')} rules={track ? [] : [...required, codeRule]}>
        <Input disabled={!!track} maxLength={40} />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('track.name')}
        rules={[...required, { whitespace: true, message: t('common.required') }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="businessLine" label={t('track.businessLine')} rules={required}>
        <Select options={BUSINESS_LINES.map((line) => ({ value: line, label: t(`businessLine.${line}`) }))} />
      </Form.Item>
      <Form.Item name="directorId" label={t('track.director')}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          loading={directors.isPending}
          options={(directors.data ?? []).map((user) => ({ value: user.id, label: `${user.name} (${user.code})` }))}
        />
      </Form.Item>
    </EditModal>
  );
}
