import { App, Button, Flex, Input, Modal, Radio, Select, Typography } from 'antd';
import { useState } from 'react';
import { type AlertAction, type AlertDto, useAlertAction } from '../../api/alerts';
import { useProjectList } from '../../api/projects';
import { useMe } from '../../auth/session';
import { useT } from '../../i18n';
import { subjectOf } from './alertText';

/** Route: link a project of the alert's track that is not closed, or open a 商机推进异常PDCA. */
function RouteFields({
  alert,
  projectId,
  setProjectId,
  title,
  setTitle,
  fresh,
  setFresh,
}: {
  alert: AlertDto;
  projectId: number | null;
  setProjectId: (id: number | null) => void;
  title: string;
  setTitle: (v: string) => void;
  fresh: boolean;
  setFresh: (v: boolean) => void;
}) {
  const t = useT();
  const me = useMe().data;
  const projects = useProjectList({ trackId: alert.trackId });
  const open = projects.items.filter((p) => p.phase !== 'closed' && p.trackId === alert.trackId);
  // an AM cannot open projects (the projects' rules): linking is the AM's only way
  const mayOpen = me?.user.role !== 'am';
  return (
    <Flex vertical gap={8}>
      <Radio.Group
        value={fresh ? 'new' : 'existing'}
        onChange={(e) => setFresh(e.target.value === 'new')}
        options={[
          { value: 'existing', label: t('alerts.route.existing') },
          ...(mayOpen ? [{ value: 'new', label: t('alerts.route.new') }] : []),
        ]}
        data-testid="alert-route-mode"
      />
      {fresh ? (
        <Input
          value={title}
          maxLength={200}
          placeholder={t('alerts.route.title')}
          onChange={(e) => setTitle(e.target.value)}
          data-testid="alert-route-title"
        />
      ) : open.length === 0 && !projects.isPending ? (
        <Typography.Text type="secondary">{t('alerts.route.none')}</Typography.Text>
      ) : (
        <Select
          value={projectId ?? undefined}
          onChange={setProjectId}
          loading={projects.isPending}
          placeholder={t('alerts.route.pick')}
          options={open.map((p) => ({ value: p.id, label: `#${p.id} ${p.title}` }))}
          data-testid="alert-route-project"
        />
      )}
    </Flex>
  );
}

/** Resolve / escalate / route in place as the server's `can` allows, each with its note, sent with If-Match. */
export function AlertActions({ alert, block = false }: { alert: AlertDto; block?: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const me = useMe().data;
  const act = useAlertAction();
  const [asking, setAsking] = useState<AlertAction | null>(null);
  const [note, setNote] = useState('');
  const [projectId, setProjectId] = useState<number | null>(null);
  const [fresh, setFresh] = useState(false);
  const [title, setTitle] = useState('');
  // a commodity AM answers the deviation with its reason: resolving with a note is the reason form
  const reasonForm = alert.kind === 'commodity_deviation' && me?.user.role === 'am';
  const resolveLabel = reasonForm ? t('alerts.action.reason') : t('alerts.action.resolve');
  const ask = (action: AlertAction) => {
    setNote('');
    setProjectId(null);
    setFresh(false);
    setTitle(t('alerts.route.defaultTitle', { kind: t(`alerts.kind.${alert.kind}`), subject: subjectOf(alert) }));
    setAsking(action);
  };
  const ready =
    asking === 'route' ? (fresh ? title.trim() !== '' : projectId !== null) : asking !== null && note.trim() !== '';
  const run = async () => {
    if (!asking) return;
    const trimmed = note.trim();
    const body =
      asking === 'route'
        ? {
            ...(fresh ? { project: { title: title.trim() } } : { projectId: projectId ?? undefined }),
            ...(trimmed ? { note: trimmed } : {}),
          }
        : { note: trimmed };
    try {
      await act.mutateAsync({ alert, action: asking, body });
      message.success(t('alerts.action.done'));
      setAsking(null);
    } catch (cause) {
      message.error(cause instanceof Error ? cause.message : String(cause));
    }
  };
  const button = (action: AlertAction, allowed: boolean, label: string, primary = false) =>
    allowed && (
      <Button
        size={block ? 'middle' : 'small'}
        block={block}
        type={primary ? 'primary' : 'default'}
        onClick={(e) => {
          e.stopPropagation();
          ask(action);
        }}
        data-testid={`alert-${action}-${alert.id}`}
      >
        {label}
      </Button>
    );
  const placeholder =
    asking === 'resolve'
      ? reasonForm
        ? t('alerts.note.reason')
        : t('alerts.note.resolve')
      : asking === 'escalate'
        ? t('alerts.note.escalate')
        : t('alerts.note.route');
  return (
    <>
      <Flex gap={block ? 8 : 4} wrap vertical={block} onClick={(e) => e.stopPropagation()}>
        {button('resolve', alert.can.resolve, resolveLabel, true)}
        {button('escalate', alert.can.escalate, t('alerts.action.escalate'))}
        {button('route', alert.can.route, t('alerts.action.route'))}
      </Flex>
      <Modal
        open={asking !== null}
        title={asking === 'resolve' ? resolveLabel : asking ? t(`alerts.action.${asking}`) : ''}
        onCancel={() => setAsking(null)}
        onOk={run}
        okText={asking === 'resolve' ? resolveLabel : asking ? t(`alerts.action.${asking}`) : ''}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: !ready, 'data-testid': 'alert-confirm' }}
        confirmLoading={act.isPending}
        destroyOnHidden
      >
        <Flex vertical gap={12}>
          <Typography.Text type="secondary">
            #{alert.id} {t(`alerts.kind.${alert.kind}`)} · {subjectOf(alert)}
          </Typography.Text>
          {asking === 'route' && (
            <RouteFields
              alert={alert}
              projectId={projectId}
              setProjectId={setProjectId}
              title={title}
              setTitle={setTitle}
              fresh={fresh}
              setFresh={setFresh}
            />
          )}
          <Input.TextArea
            rows={3}
            maxLength={4000}
            value={note}
            placeholder={placeholder}
            onChange={(e) => setNote(e.target.value)}
            data-testid="alert-note"
          />
        </Flex>
      </Modal>
    </>
  );
}
