import { Drawer, Grid, Spin, Tag, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useHistory, useTrackLookup, useUserLookup } from '../api/hooks';
import type { HistoryEntity, HistoryEntry, Id } from '../api/types';
import { hasMessage, type MessageKey, type Translate, useLang, useT } from '../i18n';
import { formatInstant } from '../lib/format';
import { ListEmpty, ListError, LoadMore } from './ListStates';

const FIELD_LABELS: Record<string, MessageKey> = {
  code: 'track.code',
  name: 'track.name',
  businessLine: 'track.businessLine',
  directorId: 'track.director',
  username: 'user.username',
  role: 'user.role',
  trackId: 'user.track',
  email: 'user.email',
  active: 'user.active',
  amId: 'customer.am',
};
const ID_FIELDS = new Set(['trackId', 'directorId', 'amId']);
const HIDDEN_FIELDS = new Set(['id', 'version', 'createdAt', 'updatedAt', 'passwordHash']);

function showValue(field: string, value: unknown, t: Translate, names: Map<string, string>): string {
  if (value === null || value === undefined || value === '') return t('common.none');
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  const key = `${field}.${String(value)}`;
  if ((field === 'role' || field === 'businessLine') && hasMessage(key)) return t(key);
  if (ID_FIELDS.has(field)) return names.get(String(value)) ?? String(value);
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** A history side as its fields: the server stores an object of the changed fields, or null. */
const fieldsOf = (side: unknown): Record<string, unknown> =>
  typeof side === 'object' && side !== null ? (side as Record<string, unknown>) : {};

/** The fields an entry changed, as "field: before → after" lines. */
function changes(entry: HistoryEntry, t: Translate, names: Map<string, string>): ReactNode[] {
  const before = fieldsOf(entry.before);
  const after = fieldsOf(entry.after);
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((f) => !HIDDEN_FIELDS.has(f));
  return fields
    .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) => {
      const label = FIELD_LABELS[field] ? t(FIELD_LABELS[field]) : field;
      return (
        <div key={field}>
          <Typography.Text type="secondary">{label}: </Typography.Text>
          {entry.before != null && (
            <Typography.Text delete>{showValue(field, before[field], t, names)}</Typography.Text>
          )}
          {entry.before != null && ' → '}
          <Typography.Text strong>{showValue(field, after[field], t, names)}</Typography.Text>
        </div>
      );
    });
}

interface Props {
  entity: HistoryEntity;
  entityId: Id | null;
  subject?: string;
  onClose: () => void;
}

export function HistoryDrawer({ entity, entityId, subject, onClose }: Props) {
  const t = useT();
  const { lang } = useLang();
  const screens = Grid.useBreakpoint();
  const history = useHistory(entity, entityId);
  const tracks = useTrackLookup(entityId !== null);
  const users = useUserLookup({}, entityId !== null);
  // id → name for the track, director and AM fields of the diffs
  const names = new Map([...(tracks.data ?? []), ...(users.data ?? [])].map((item) => [String(item.id), item.name]));
  const actionLabel = (action: string) => {
    const key = `history.action.${action}`;
    return hasMessage(key) ? t(key) : action;
  };
  return (
    <Drawer
      open={entityId !== null}
      onClose={onClose}
      title={subject ? `${t('history.title')} · ${subject}` : t('history.title')}
      size={screens.md ? 520 : '100%'}
      destroyOnHidden
    >
      {history.isPending && <Spin />}
      {history.isError && <ListError error={history.error} onRetry={() => history.refetch()} />}
      {history.isSuccess && history.items.length === 0 && <ListEmpty text={t('history.empty')} />}
      <Timeline
        items={history.items.map((entry) => ({
          key: entry.id,
          color: entry.action === 'created' ? 'green' : entry.action === 'deactivated' ? 'red' : 'blue',
          content: (
            <>
              <div style={{ marginBottom: 4 }}>
                <Tag>{actionLabel(entry.action)}</Tag>
                <Typography.Text type="secondary">
                  {t('history.by', {
                    actor: entry.actorName ?? entry.actorId ?? '—',
                    at: formatInstant(entry.at, lang),
                  })}
                </Typography.Text>
              </div>
              {changes(entry, t, names)}
              {entry.reason && (
                <Typography.Text type="secondary">
                  {t('history.reason')}: {entry.reason}
                </Typography.Text>
              )}
            </>
          ),
        }))}
      />
      <LoadMore count={history.items.length} {...history} />
    </Drawer>
  );
}
