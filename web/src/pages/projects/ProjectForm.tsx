import { Form, Input, Select } from 'antd';
import { useNavigate } from 'react-router';
import {
  PROJECT_PHASES,
  PROJECT_TYPES,
  type ProjectDto,
  type ProjectInput,
  type ProjectPhase,
  type ProjectType,
  useSaveProject,
} from '../../api/projects';
import { useActiveUsers } from '../../api/tasks';
import type { Id } from '../../api/types';
import { useMe } from '../../auth/session';
import { EditModal } from '../../components/EditModal';
import { useT } from '../../i18n';
import { useNames } from '../tasks/useNames';

type Values = {
  type?: ProjectType;
  title?: string;
  trackId?: Id | null;
  ownerId?: Id;
  phase?: ProjectPhase;
  description?: string;
};

/**
 * New project (type, title, track, owner, description) or a change of one (title, phase, owner,
 * description). A caller who works in one track (/me scope: a director) creates that track's projects; the
 * owner is a director or an AM of the track.
 */
export function ProjectForm({ open, project, onClose }: { open: boolean; project?: ProjectDto; onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const me = useMe().data;
  const names = useNames();
  const save = useSaveProject();
  const [form] = Form.useForm<Values>();
  // undefined: the caller picks the track (or none); else the one track the caller works in (a director's)
  const ownTrack = me?.scope.kind === 'track' ? me.scope.trackId : undefined;
  const fixedTrack = ownTrack !== undefined;
  const chosenTrack = Form.useWatch('trackId', form);
  const trackId = project ? project.trackId : fixedTrack ? ownTrack : (chosenTrack ?? null);
  const directors = useActiveUsers({ role: 'director' }, open);
  const ams = useActiveUsers({ role: 'am', trackId }, open && trackId !== null);
  const owners = [...(directors.data ?? []), ...(trackId !== null ? (ams.data ?? []) : [])];
  const initialValues: Values = project
    ? { title: project.title, phase: project.phase, ownerId: project.ownerId, description: project.description ?? '' }
    : { type: 'other', trackId: ownTrack };
  const submit = async (values: Values) => {
    const input: ProjectInput = { ...values, description: values.description?.trim() || null };
    if (!project && input.trackId === undefined) input.trackId = null;
    const saved = await save.mutateAsync({ project, values: input });
    if (!project) navigate(`/projects/${saved.id}`);
  };
  return (
    <EditModal<Values>
      open={open}
      title={t(project ? 'project.edit' : 'projects.create')}
      form={form}
      initialValues={initialValues}
      saving={save.isPending}
      save={submit}
      onClose={onClose}
      created={!project}
      testId="project-form"
    >
      {!project && (
        <Form.Item name="type" label={t('project.type')} rules={[{ required: true, message: t('common.required') }]}>
          <Select options={PROJECT_TYPES.map((value) => ({ value, label: t(`project.type.${value}`) }))} />
        </Form.Item>
      )}
      <Form.Item
        name="title"
        label={t('project.title')}
        rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 200 }]}
      >
        <Input data-testid="project-title" />
      </Form.Item>
      {!project && (
        <Form.Item name="trackId" label={t('project.track')} extra={fixedTrack ? undefined : t('project.trackHint')}>
          <Select
            allowClear
            disabled={fixedTrack}
            placeholder={t('projects.companyWide')}
            options={names.tracks.map((track) => ({ value: track.id, label: track.name }))}
            onChange={() => form.setFieldValue('ownerId', undefined)}
            data-testid="project-track"
          />
        </Form.Item>
      )}
      {project && (
        <Form.Item name="phase" label={t('project.phase')}>
          <Select options={PROJECT_PHASES.map((value) => ({ value, label: t(`project.phase.${value}`) }))} />
        </Form.Item>
      )}
      <Form.Item
        name="ownerId"
        label={t('project.owner')}
        extra={t('project.ownerHint')}
        rules={[{ required: true, message: t('common.required') }]}
      >
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          loading={directors.isLoading || ams.isLoading}
          options={owners.map((u) => ({ value: u.id, label: `${u.name} · ${t(`role.${u.role}`)}` }))}
          data-testid="project-owner"
        />
      </Form.Item>
      <Form.Item name="description" label={t('project.description')} rules={[{ max: 4000 }]}>
        <Input.TextArea rows={4} />
      </Form.Item>
    </EditModal>
  );
}
