import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { KIND_NAMES as ALERT_KIND_NAMES } from '../alerts/rules.js';
import type { AlertKind } from '../alerts/schema.js';
import { type Bilingual, fill } from '../http/locale.js';

/** What a task notice carries: enough to render its title in either language without reading the task. */
export type TaskNoticeParams = { taskId: number; description: string; deadline: string };

/** Every kind of notification (SPEC §5) and its parameters; forecast kinds join here later. */
export type NotificationParams = {
  task_assigned: TaskNoticeParams;
  task_due_soon: TaskNoticeParams;
  task_overdue: TaskNoticeParams;
  task_escalated: { taskId: number; description: string };
  task_reopened: TaskNoticeParams;
  /** `trackName` for a weekly meeting; `startsAt` an ISO instant. */
  report_ready: { meetingId: number; meetingType: 'weekly' | 'supervision'; trackName?: string; startsAt: string };
  /** 月度滚动预测: the month, how many opportunities, and the window's close as `deadline`. */
  forecast_update_due: { month: string; due: number; deadline: string };
  forecast_update_reminder: { month: string; missing: number; deadline: string };
  /** 目标修改请求: `kindName` is the request kind in the reader's words, filled in when rendered. */
  target_request_submitted: TargetRequestNoticeParams;
  target_request_awaiting: TargetRequestNoticeParams;
  target_request_approved: TargetRequestNoticeParams;
  target_request_rejected: TargetRequestNoticeParams;
  target_request_executed: TargetRequestNoticeParams;
  target_request_withdrawn: TargetRequestNoticeParams;
  /** 预警: `subject` names what it is about (opportunity, track or AM); the kind's name is filled in when rendered. */
  alert_raised: AlertNoticeParams;
  alert_informed: AlertNoticeParams;
  alert_escalated: AlertNoticeParams;
  alert_overdue: AlertNoticeParams;
};
export type AlertNoticeParams = { alertId: number; kind: string; subject: string; period: string | null };
export type TargetRequestNoticeParams = { requestId: number; kind: string; year: number; reason: string };
export type NotificationKind = keyof NotificationParams;

const TITLES: Record<NotificationKind, Bilingual> = {
  task_assigned: { zh: '新任务：{description}（截止 {deadline}）', en: 'New task: {description} (due {deadline})' },
  task_due_soon: { zh: '任务即将到期：{description}（{deadline}）', en: 'Task due soon: {description} ({deadline})' },
  task_overdue: { zh: '任务已逾期：{description}（{deadline}）', en: 'Task overdue: {description} ({deadline})' },
  task_escalated: {
    zh: '任务已升级至督导会：{description}',
    en: 'Task escalated to the supervision meeting: {description}',
  },
  task_reopened: {
    zh: '任务被重新打开：{description}（新截止 {deadline}）',
    en: 'Task reopened: {description} (new deadline {deadline})',
  },
  report_ready: { zh: '开场报告已生成：{meeting}', en: 'Opening report ready: {meeting}' },
  forecast_update_due: {
    zh: '{month} 月度滚动预测待更新：{due} 个商机，请于 {deadline} 前完成',
    en: 'Monthly forecast update due for {month}: {due} opportunities, by {deadline}',
  },
  forecast_update_reminder: {
    zh: '催办：{month} 月度滚动预测还有 {missing} 个商机未更新（{deadline} 截止）',
    en: 'Reminder: {missing} opportunities still to update for {month} (by {deadline})',
  },
  target_request_submitted: { zh: '目标修改请求已提交：{request}', en: 'Target change request submitted: {request}' },
  target_request_awaiting: {
    zh: '待您审批的目标修改请求：{request}',
    en: 'Target change request awaiting you: {request}',
  },
  target_request_approved: { zh: '目标修改请求已批准：{request}', en: 'Target change request approved: {request}' },
  target_request_rejected: { zh: '目标修改请求被驳回：{request}', en: 'Target change request rejected: {request}' },
  target_request_executed: { zh: '目标修改请求已执行：{request}', en: 'Target change request executed: {request}' },
  target_request_withdrawn: { zh: '目标修改请求已撤回：{request}', en: 'Target change request withdrawn: {request}' },
  alert_raised: { zh: '待处理预警（{alertKind}）：{subject}', en: 'Alert to handle ({alertKind}): {subject}' },
  alert_informed: {
    zh: '预警知会（{alertKind}）：{subject}',
    en: 'Alert for your information ({alertKind}): {subject}',
  },
  alert_escalated: {
    zh: '预警已升级至CEO（{alertKind}）：{subject}',
    en: 'Alert escalated to the CEO ({alertKind}): {subject}',
  },
  alert_overdue: {
    zh: '预警已超时未处理（{alertKind}）：{subject}',
    en: 'Alert past its SLA ({alertKind}): {subject}',
  },
};

const REQUEST_KINDS: Record<string, Bilingual> = {
  migrate: { zh: '目标迁移', en: 'migration' },
  adjust_total: { zh: '总额调整', en: 'total change' },
};

function requestLabel(params: Record<string, unknown>, en: boolean): string {
  const kind = REQUEST_KINDS[String(params.kind)] ?? { zh: String(params.kind), en: String(params.kind) };
  return en
    ? `#${params.requestId} ${kind.en} ${params.year} — ${short(params.reason)}`
    : `#${params.requestId} ${params.year}年${kind.zh}——${short(params.reason)}`;
}

function alertKindLabel(params: Record<string, unknown>, en: boolean): string {
  const name = ALERT_KIND_NAMES[params.kind as AlertKind];
  return name ? (en ? name.en : name.zh) : String(params.kind);
}

/** A kind this build does not know (written by a newer one) still shows something sensible. */
const UNKNOWN: Bilingual = { zh: '新通知', en: 'New notification' };

const DESCRIPTION_CHARS = 60;

const short = (text: unknown) => {
  const s = String(text ?? '');
  return s.length > DESCRIPTION_CHARS ? `${s.slice(0, DESCRIPTION_CHARS)}…` : s;
};

/** An instant as the reader's wall clock in the configured time zone: 3月9日 09:00 / Mar 9, 09:00. */
function when(iso: unknown, en: boolean, timeZone: string): string {
  const local = new TZDate(new Date(String(iso)).getTime(), timeZone);
  return format(local, en ? 'MMM d, HH:mm' : 'M月d日 HH:mm');
}

function meetingLabel(params: Record<string, unknown>, en: boolean, timeZone: string): string {
  const at = when(params.startsAt, en, timeZone);
  if (params.meetingType === 'weekly')
    return en ? `${params.trackName ?? ''} weekly meeting, ${at}` : `${params.trackName ?? ''}周会 ${at}`;
  return en ? `supervision meeting, ${at}` : `督导会 ${at}`;
}

/** The title of a notification in one language, rendered when read (so it follows the reader's language). */
export function renderTitle(kind: string, params: Record<string, unknown>, en: boolean, timeZone: string): string {
  const template = TITLES[kind as NotificationKind] ?? UNKNOWN;
  return fill(en ? template.en : template.zh, {
    ...params,
    description: short(params.description),
    ...(params.deadline ? { deadline: when(params.deadline, en, timeZone) } : {}),
    ...(kind === 'report_ready' ? { meeting: meetingLabel(params, en, timeZone) } : {}),
    ...(kind.startsWith('target_request_') ? { request: requestLabel(params, en) } : {}),
    ...(kind.startsWith('alert_') ? { alertKind: alertKindLabel(params, en) } : {}),
  });
}

export const titleOf = (kind: string, params: Record<string, unknown>, timeZone: string): Bilingual => ({
  zh: renderTitle(kind, params, false, timeZone),
  en: renderTitle(kind, params, true, timeZone),
});
