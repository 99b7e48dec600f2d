import { Col, Row } from 'antd';
import { Children, type ReactNode } from 'react';
import { useAlertList } from '../../api/alerts';
import { useTargetRequests } from '../../api/forecast';
import { useTaskList } from '../../api/tasks';
import type { Me } from '../../api/types';
import { useT } from '../../i18n';
import { useNames } from '../tasks/useNames';
import { AdminProblemsCard, BaselineCard, ComplianceCard, LinksCard, WindowCard } from './forecastCards';
import { HomeCard } from './HomeCard';
import { ComingMeetingsCard, NextSupervisionCard, WeeklyMeetingCard } from './meetingCards';
import { AlertRows, RequestRows, TaskRows } from './workRows';

/** Cards two abreast on a wide screen, one under the other on a phone. */
export function Cards({ children }: { children: ReactNode }) {
  return (
    <Row gutter={[16, 16]}>
      {Children.toArray(children).map((card, i) => (
        // the cards of a role are a fixed list: the position is the identity
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <Col key={i} xs={24} lg={12}>
          {card}
        </Col>
      ))}
    </Row>
  );
}

/** CEO: the next supervision meeting, and every decision waiting for her. */
export function CeoHome() {
  const t = useT();
  const names = useNames();
  const tasks = useTaskList({ status: 'pending', escalated: true });
  const alerts = useAlertList({ status: 'escalated' });
  const requests = useTargetRequests({ status: 'director_approved' });
  const adjust = (requests.data ?? []).filter((r) => r.kind === 'adjust_total' && r.can.decide);
  return (
    <Cards>
      <NextSupervisionCard />
      <HomeCard
        testId="home-escalated-tasks"
        title={t('home.escalatedTasks.title')}
        to="/tasks?tab=all&escalated=true"
        count={tasks.items.length}
        late={tasks.items.some((x) => x.overdue)}
        state={tasks}
        empty={tasks.items.length === 0 && t('home.escalatedTasks.empty')}
      >
        <TaskRows tasks={tasks.items} names={names} showOwner />
      </HomeCard>
      <HomeCard
        testId="home-escalated-alerts"
        title={t('home.escalatedAlerts.title')}
        to="/alerts?status=escalated"
        count={alerts.items.length}
        state={alerts}
        empty={alerts.items.length === 0 && t('home.escalatedAlerts.empty')}
      >
        <AlertRows alerts={alerts.items} names={names} due={false} />
      </HomeCard>
      <HomeCard
        testId="home-adjust-total"
        title={t('home.adjustTotal.title')}
        to="/forecast/requests?status=director_approved"
        count={adjust.length}
        state={requests}
        empty={adjust.length === 0 && t('home.adjustTotal.empty')}
      >
        <RequestRows requests={adjust} names={names} />
      </HomeCard>
    </Cards>
  );
}

/** Director: the week — the weekly meeting, the track's tasks, alerts due, approvals, the update window. */
export function DirectorHome({ me }: { me: Me }) {
  const t = useT();
  const names = useNames();
  const trackId = me.scope.trackId ?? me.user.trackId ?? null;
  const tasks = useTaskList({ status: 'pending', ...(trackId ? { trackId } : {}) });
  const alerts = useAlertList({ status: 'open' });
  const requests = useTargetRequests({ status: 'submitted' });
  const approve = (requests.data ?? []).filter((r) => r.can.decide);
  const overdue = tasks.items.filter((x) => x.overdue).length;
  return (
    <Cards>
      <WeeklyMeetingCard trackId={trackId} />
      <HomeCard
        testId="home-track-tasks"
        title={t('home.trackTasks.title')}
        to="/tasks?tab=track"
        count={tasks.items.length}
        late={overdue > 0}
        state={tasks}
        empty={tasks.items.length === 0 && t('home.trackTasks.empty')}
      >
        <div style={{ marginBottom: 4, color: overdue ? '#dc2626' : undefined }} data-testid="home-track-tasks-summary">
          {t('home.trackTasks.summary', { pending: tasks.items.length, overdue })}
        </div>
        <TaskRows tasks={tasks.items} names={names} showOwner />
      </HomeCard>
      <HomeCard
        testId="home-alerts"
        title={t('home.alerts.title')}
        to="/alerts"
        count={alerts.items.length}
        late={alerts.items.some((a) => a.overdue)}
        state={alerts}
        empty={alerts.items.length === 0 && t('home.alerts.empty')}
      >
        <AlertRows alerts={alerts.items} names={names} />
      </HomeCard>
      <HomeCard
        testId="home-approve"
        title={t('home.approve.title')}
        to="/forecast/requests?status=submitted"
        count={approve.length}
        state={requests}
        empty={approve.length === 0 && t('home.approve.empty')}
      >
        <RequestRows requests={approve} names={names} />
      </HomeCard>
      <ComplianceCard names={names} />
    </Cards>
  );
}

/** AM: my tasks, my alerts, and the monthly update while its window is open. */
export function AmHome({ me }: { me: Me }) {
  const t = useT();
  const tasks = useTaskList({ status: 'pending', ownerId: me.user.id });
  const alerts = useAlertList({ status: 'open' });
  return (
    <Cards>
      <HomeCard
        testId="home-my-tasks"
        title={t('home.myTasks.title')}
        to="/tasks"
        count={tasks.items.length}
        late={tasks.items.some((x) => x.overdue)}
        state={tasks}
        empty={tasks.items.length === 0 && t('home.myTasks.empty')}
      >
        <TaskRows tasks={tasks.items} />
      </HomeCard>
      <WindowCard amId={me.user.id} />
      <HomeCard
        testId="home-my-alerts"
        title={t('home.myAlerts.title')}
        to="/alerts"
        count={alerts.items.length}
        late={alerts.items.some((a) => a.overdue)}
        state={alerts}
        empty={alerts.items.length === 0 && t('home.myAlerts.empty')}
      >
        <AlertRows alerts={alerts.items} />
      </HomeCard>
    </Cards>
  );
}

/** Admin: requests to execute, the baseline's lock, and what went wrong in imports and APS pushes. */
export function AdminHome() {
  const t = useT();
  const names = useNames();
  const requests = useTargetRequests({ status: 'approved' });
  const execute = (requests.data ?? []).filter((r) => r.can.execute);
  return (
    <Cards>
      <HomeCard
        testId="home-execute"
        title={t('home.execute.title')}
        to="/forecast/requests?status=approved"
        count={execute.length}
        late={execute.some((r) => r.overdue)}
        state={requests}
        empty={execute.length === 0 && t('home.execute.empty')}
      >
        <RequestRows requests={execute} names={names} />
      </HomeCard>
      <BaselineCard />
      <AdminProblemsCard />
    </Cards>
  );
}

export function SecretaryHome() {
  const names = useNames();
  return (
    <Cards>
      <ComingMeetingsCard names={names} />
      <LinksCard />
    </Cards>
  );
}

export function PlannerHome() {
  return (
    <Cards>
      <LinksCard />
    </Cards>
  );
}
