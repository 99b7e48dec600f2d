import { Button, Flex, Progress, Typography } from 'antd';
import { Link } from 'react-router';
import { useApsDeliveries } from '../../api/aps';
import { useExchangeRuns } from '../../api/exchange';
import { type ComplianceDto, useBaseline, useCompliance } from '../../api/forecast';
import { useCan } from '../../auth/session';
import { hasMessage, type Lang, useLang, useT } from '../../i18n';
import { formatMonth } from '../../lib/format';
import { COMPANY_ZONE, shortInstant } from '../../lib/meetingTime';
import { addMonths, currentMonth } from '../../lib/month';
import { serverNow } from '../../lib/serverClock';
import type { Names } from '../tasks/useNames';
import { HomeCard, HomeRow, RED, SHOWN } from './HomeCard';
import { DAY } from './meetingCards';

const isOpen = (c: ComplianceDto, now: number) => now >= Date.parse(c.windowStart) && now < Date.parse(c.windowEnd);

/** The window's last day ("3月5日" / "Mar 5"): it closes at 00:00 of the next. */
const lastDay = (windowEnd: string, lang: Lang) =>
  new Intl.DateTimeFormat(lang, { timeZone: COMPANY_ZONE, month: 'short', day: 'numeric' }).format(
    new Date(Date.parse(windowEnd) - 1),
  );

/** The director's view of the month's update while the window is open: each AM's updated / due. */
export function ComplianceCard({ names }: { names: Names }) {
  const t = useT();
  const { lang } = useLang();
  const month = currentMonth();
  const compliance = useCompliance(month);
  const data = compliance.data;
  // outside the window an update no longer counts: the card stays away until the next one opens
  if (data && !isOpen(data, serverNow())) return null;
  const ams = [...(data?.ams ?? [])].sort((a, b) => b.missing.length - a.missing.length);
  return (
    <HomeCard
      testId="home-compliance"
      title={t('home.compliance.title', { month: formatMonth(month, lang) })}
      to="/forecast/update"
      state={compliance}
      empty={ams.length === 0 && t('home.compliance.empty')}
    >
      {data && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('home.compliance.window', { end: lastDay(data.windowEnd, lang) })}
        </Typography.Text>
      )}
      {ams.map((am) => (
        <Flex
          key={am.amId}
          align="center"
          gap={12}
          style={{ padding: '4px 0' }}
          data-testid={`home-compliance-${am.amId}`}
          data-missing={am.missing.length}
        >
          <span style={{ flex: '0 0 96px', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
            {names.user(am.amId)}
          </span>
          <Progress
            percent={am.due ? Math.round((am.updated / am.due) * 100) : 100}
            size="small"
            showInfo={false}
            strokeColor={am.missing.length ? '#f59e0b' : '#16a34a'}
            style={{ flex: 1, margin: 0 }}
          />
          <span
            style={{
              flex: '0 0 56px',
              textAlign: 'right',
              whiteSpace: 'nowrap',
              color: am.missing.length ? RED : undefined,
            }}
          >
            {t('home.compliance.row', { done: am.updated, due: am.due })}
          </span>
        </Flex>
      ))}
    </HomeCard>
  );
}

/** The AM's monthly update: while the window is open, how many of my opportunities are still to update. */
export function WindowCard({ amId }: { amId: number }) {
  const t = useT();
  const { lang } = useLang();
  const month = currentMonth();
  const compliance = useCompliance(month);
  const data = compliance.data;
  const mine = data?.ams.find((a) => a.amId === amId);
  const open = data ? isOpen(data, serverNow()) : false;
  const left = mine?.missing.length ?? 0;
  const next = formatMonth(addMonths(month, 1), lang);
  return (
    <HomeCard testId="home-window" title={t('home.window.title')} to="/forecast/update" state={compliance}>
      {data && (
        <Flex vertical gap={8} data-open={open ? 'true' : 'false'} data-left={left} data-testid="home-window-body">
          {open ? (
            <>
              <Typography.Text>
                {t('home.window.open', { month: formatMonth(month, lang), end: lastDay(data.windowEnd, lang) })}
              </Typography.Text>
              <Typography.Text strong style={{ fontSize: 16, color: left ? RED : '#16a34a' }}>
                {!mine || mine.due === 0
                  ? t('home.window.none')
                  : left
                    ? t('home.window.left', { n: left })
                    : t('home.window.done', { n: mine.due })}
              </Typography.Text>
              {left > 0 && (
                <div>
                  <Link to="/forecast/update" data-testid="home-window-go">
                    <Button type="primary">{t('home.window.go')}</Button>
                  </Link>
                </div>
              )}
            </>
          ) : (
            <Typography.Text type="secondary">
              {t('home.window.closed', { next: lang === 'zh-CN' ? `${next}1日` : `1 ${next}` })}
            </Typography.Text>
          )}
        </Flex>
      )}
    </HomeCard>
  );
}

/** The admin's baseline of this year: locked (when), or how many opportunities still miss data. */
export function BaselineCard() {
  const t = useT();
  const { lang } = useLang();
  const year = Number(currentMonth().slice(0, 4));
  const baseline = useBaseline(year);
  const data = baseline.data;
  return (
    <HomeCard
      testId="home-baseline"
      title={t('home.baseline.title', { year })}
      to="/forecast/baseline"
      state={baseline}
    >
      {data && (
        <Typography.Text
          data-testid="home-baseline-status"
          data-status={data.status}
          style={{ color: data.status === 'open' && data.incomplete.length ? RED : undefined }}
        >
          {data.status === 'locked'
            ? t('home.baseline.locked', { at: shortInstant(data.lockedAt, lang) })
            : data.incomplete.length
              ? t('home.baseline.open', { n: data.incomplete.length })
              : t('home.baseline.ready')}
        </Typography.Text>
      )}
    </HomeCard>
  );
}

/** The last week's imports that were rejected or failed, and APS pushes still retrying. */
export function AdminProblemsCard() {
  const t = useT();
  const { lang } = useLang();
  const runs = useExchangeRuns();
  const aps = useApsDeliveries();
  const since = serverNow() - 7 * DAY;
  const failed = runs.items.filter(
    (r) => (r.status === 'rejected' || r.status === 'failed') && Date.parse(r.startedAt) >= since,
  );
  const stuck = aps.items.filter((d) => d.status === 'pending' && d.attempts > 0 && !d.cancelled);
  const total = failed.length + stuck.length;
  return (
    <HomeCard
      testId="home-problems"
      title={t('home.problems.title')}
      to="/exchange/runs"
      count={total}
      late={total > 0}
      state={[runs, aps]}
      empty={total === 0 && t('home.problems.empty')}
    >
      {failed.slice(0, SHOWN).map((r) => {
        const kind = `exchange.kind.${r.kind}`;
        return (
          <HomeRow
            key={`run-${r.id}`}
            to="/exchange/runs"
            late
            main={t('home.problems.run', { kind: hasMessage(kind) ? t(kind) : r.kind, n: r.errorCount })}
            sub={shortInstant(r.startedAt, lang)}
          />
        );
      })}
      {stuck.slice(0, SHOWN).map((d) => (
        <HomeRow
          key={`aps-${d.id}`}
          to="/admin/deliveries"
          late
          main={t('home.problems.aps', { code: d.opportunityCode, n: d.attempts })}
          sub={d.lastError ?? undefined}
        />
      ))}
    </HomeCard>
  );
}

/** Shortcuts to the pages a role reads rather than works in. */
export function LinksCard() {
  const t = useT();
  const can = useCan();
  const links = [
    { to: '/board', text: t('home.links.board'), show: can('board.read') },
    { to: '/forecast/overview', text: t('home.links.overview'), show: can('forecast.overview') },
    { to: '/feeds', text: t('home.links.feed'), show: can('feeds.read') },
    { to: '/forecast/shipments', text: t('home.links.shipments'), show: can('forecast.overview') },
  ].filter((l) => l.show);
  return (
    <HomeCard testId="home-links" title={t('home.links.title')}>
      {links.map((l) => (
        <HomeRow key={l.to} to={l.to} testId={`home-link-${l.to.slice(1).replace('/', '-')}`} main={l.text} />
      ))}
    </HomeCard>
  );
}
