import { BellOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm } from 'antd';
import type { ComplianceDto } from '../../api/forecast';
import { useRemind } from '../../api/forecastViews';
import { useCan } from '../../auth/session';
import { useLang, useT } from '../../i18n';
import { formatMonth } from '../../lib/format';
import { serverNow } from '../../lib/serverClock';

/**
 * 一键提醒: every AM of the compliance still missing gets one reminder (the server skips those reminded
 * today). Only while the window is open: after it closes an update no longer counts.
 */
export function RemindButton({ compliance }: { compliance: ComplianceDto }) {
  const t = useT();
  const { lang } = useLang();
  const can = useCan();
  const { message } = App.useApp();
  const remind = useRemind();
  if (!can('forecast.compliance.remind')) return null;
  const now = serverNow();
  const open = now >= Date.parse(compliance.windowStart) && now < Date.parse(compliance.windowEnd);
  const missing = compliance.ams.filter((a) => a.missing.length > 0).length;
  const run = async () => {
    try {
      const answer = await remind.mutateAsync({ month: compliance.month });
      message.success(
        [
          t('remind.done', { n: answer.reminded.length }),
          ...(answer.skipped.length ? [t('remind.skipped', { n: answer.skipped.length })] : []),
        ].join('，'),
      );
    } catch (cause) {
      message.error(cause instanceof Error ? cause.message : String(cause));
    }
  };
  return (
    <Popconfirm
      title={t('remind.confirm', { month: formatMonth(compliance.month, lang) })}
      onConfirm={run}
      okText={t('remind.button')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'remind-confirm' } as Record<string, string>}
      disabled={!open || missing === 0}
    >
      <Button
        icon={<BellOutlined />}
        disabled={!open || missing === 0}
        title={open ? undefined : t('remind.closed')}
        loading={remind.isPending}
        data-testid="remind-button"
      >
        {t('remind.button')}
      </Button>
    </Popconfirm>
  );
}
