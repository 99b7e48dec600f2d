import { Alert, Typography } from 'antd';
import type { ExplanationDto } from '../../api/board';
import { formatInstant } from '../../lib/format';
import { useBoardText } from './boardText';

/** P3 in the drill-down: the director's cause analysis and improvement plan, or that they are missing. */
export function ExplanationNote({ note, missing }: { note: ExplanationDto | undefined; missing: boolean }) {
  const text = useBoardText();
  if (!note) {
    return missing ? (
      <Alert type="warning" showIcon title={text.t('explain.missingDrawer')} data-testid="drill-explanation-missing" />
    ) : null;
  }
  return (
    <Alert
      type="info"
      data-testid="drill-explanation"
      title={
        <>
          <Typography.Paragraph style={{ marginBottom: 4, whiteSpace: 'pre-wrap' }}>
            <b>{text.t('explain.cause')}</b> {note.cause || text.t('common.none')}
          </Typography.Paragraph>
          <Typography.Paragraph style={{ marginBottom: 4, whiteSpace: 'pre-wrap' }}>
            <b>{text.t('explain.plan')}</b> {note.plan || text.t('common.none')}
          </Typography.Paragraph>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {text.t('explain.updated', {
              by: note.updatedBy ?? text.t('common.none'),
              at: formatInstant(note.updatedAt, text.lang),
            })}
          </Typography.Text>
        </>
      }
    />
  );
}
