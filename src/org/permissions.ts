import { forbidden } from '../http/errors.js';
import type { Bilingual } from '../http/locale.js';
import type { Role } from './schema.js';

export type UserActor = {
  kind: 'user';
  id: number;
  username: string;
  name: string;
  role: Role;
  trackId: number | null;
  mustChangePassword: boolean;
  sessionId: number;
};
export type ApiKeyActor = { kind: 'apiKey'; id: number; name: string; scopes: string[] };
export type Actor = UserActor | ApiKeyActor;

/** Everything a caller can be allowed to do. Deny by default: an action nobody lists is refused. */
export const ACTIONS = {
  'org.read': { zh: '查看赛道和用户', en: 'read tracks and users' },
  'org.write': { zh: '维护赛道和用户', en: 'manage tracks and users' },
  'customers.read': { zh: '查看客户', en: 'read customers' },
  'customers.write': { zh: '维护客户', en: 'manage customers' },
  'apikeys.manage': { zh: '管理 API 密钥', en: 'manage API keys' },
  'history.read': { zh: '查看变更历史', en: 'read change history' },
  'exchange.write': { zh: '回写业务数据', en: 'write back business data' },
  'exchange.read': { zh: '查看导入记录', en: 'read the import log' },
  'board.read': { zh: '查看晾晒排名看板', en: 'read the ranking board' },
  'board.explain': { zh: '填写未达标原因与改善计划', en: 'explain red dimensions' },
  'meetings.read': { zh: '查看会议日历', en: 'read the meeting calendar' },
  'meetings.manage': { zh: '调整或取消会议', en: 'move or cancel meetings' },
  'tasks.raise': { zh: '录入会议任务', en: 'raise meeting tasks' },
  'tasks.read': { zh: '查看会议任务', en: 'read meeting tasks' },
  'tasks.decide': { zh: '决定会议任务（延期、改派、关闭等）', en: 'decide on meeting tasks' },
  'projects.read': { zh: '查看专项PDCA', en: 'read improvement projects' },
  'projects.manage': { zh: '建立或修改专项PDCA', en: 'create or change improvement projects' },
  'projects.progress': { zh: '登记专项进展', en: 'log improvement project progress' },
  'thresholds.proposals.read': { zh: '查看阈值调整提议', en: 'read threshold proposals' },
  'thresholds.propose': { zh: '提议调整阈值', en: 'propose threshold changes' },
  'thresholds.decide': { zh: '审批阈值调整', en: 'approve or reject threshold changes' },
  'clock.control': { zh: '调整测试时钟', en: 'move the test clock' },
  'jobs.run': { zh: '运行到期作业', en: 'run due jobs' },
  'analytics.read': { zh: '查看季度分析', en: 'read the quarterly analysis' },
  'notifications.read': { zh: '查看和处理自己的通知', en: 'read and mark own notifications' },
  'deliveries.manage': { zh: '查看和重发通知的邮件与群消息', en: 'read and retry e-mail and chat deliveries' },
  'forecast.read': { zh: '查看商机与销售预测', en: 'read opportunities and forecasts' },
  'forecast.write': { zh: '维护商机与销售预测', en: 'change opportunities and forecasts' },
  'forecast.settings.read': { zh: '查看销售预测设置', en: 'read the forecast settings' },
  'forecast.settings.write': { zh: '修改销售预测设置', en: 'change the forecast settings' },
  'forecast.baseline.lock': { zh: '锁定承接基准', en: 'lock the baseline' },
  'forecast.overview': { zh: '查看销售预测总览', en: 'read the forecast overview' },
  'forecast.accuracy.configure': { zh: '修改预测准确率口径', en: 'change how forecast accuracy is measured' },
  'forecast.packs.review': { zh: '查看客户经理月度评审包', en: 'read the AM monthly review packs' },
  'forecast.packs.track': { zh: '查看赛道督导会评审包', en: 'read the track packs for the supervision meeting' },
  'forecast.compliance.remind': { zh: '催办月度滚动预测更新', en: 'remind AMs of the monthly forecast update' },
  'targets.requests.read': { zh: '查看目标修改请求', en: 'read target change requests' },
  'targets.request': { zh: '提交目标修改请求', en: 'submit target change requests' },
  'targets.decide': { zh: '审批目标修改请求', en: 'approve or reject target change requests' },
  'targets.execute': { zh: '执行目标迁移', en: 'execute target changes' },
  'alerts.read': { zh: '查看预警', en: 'read forecast alerts' },
  'alerts.handle': { zh: '处理预警', en: 'handle forecast alerts' },
  'feeds.read': { zh: '读取计划与 APS 数据推送', en: 'read the planner and APS feeds' },
  'feeds.deliveries.manage': { zh: '查看和重发 APS 推送记录', en: 'read and retry APS deliveries' },
} satisfies Record<string, Bilingual>;
export type Action = keyof typeof ACTIONS;

const EVERY_USER: readonly Role[] = ['ceo', 'secretary', 'director', 'am', 'admin', 'planner'];

/** Which roles may do what (SPEC §2). Scope within an allowed action is checked by the store's filters. */
const ROLE_GRANTS: Record<Action, readonly Role[]> = {
  'org.read': EVERY_USER,
  'org.write': ['admin'],
  'customers.read': ['ceo', 'secretary', 'director', 'am', 'admin'],
  'customers.write': ['admin'],
  'apikeys.manage': ['admin'],
  'history.read': ['admin', 'ceo'],
  'exchange.write': ['admin'],
  'exchange.read': ['admin'],
  'board.read': ['ceo', 'secretary', 'director', 'am', 'admin'],
  'board.explain': ['director'],
  'meetings.read': ['ceo', 'secretary', 'director', 'am', 'admin'],
  'meetings.manage': ['secretary', 'director', 'admin'],
  'tasks.raise': ['ceo', 'secretary', 'director'],
  'tasks.read': ['ceo', 'secretary', 'director', 'am', 'admin'],
  'tasks.decide': ['ceo', 'secretary', 'director'],
  'projects.read': ['ceo', 'secretary', 'director', 'am', 'admin'],
  'projects.manage': ['ceo', 'secretary', 'director', 'admin'],
  'projects.progress': ['ceo', 'secretary', 'director', 'am', 'admin'],
  // Configuration is the CEO's, the directors' and the admin's (SPEC §2); the secretary has no part in it.
  'thresholds.proposals.read': ['ceo', 'director', 'admin'],
  'thresholds.propose': ['director'],
  'thresholds.decide': ['ceo'],
  'clock.control': ['admin'],
  'jobs.run': ['admin'],
  // A director reads their own track's analysis only: the analytics route narrows the scope.
  'analytics.read': ['ceo', 'secretary', 'director', 'admin'],
  // Everyone's own inbox; the store only ever reads the caller's rows.
  'notifications.read': EVERY_USER,
  'deliveries.manage': ['admin'],
  // Opportunities and forecasts (SPEC §2, §9.1): the secretary has no part; rows are narrowed by forecast/scope.ts.
  'forecast.read': ['ceo', 'director', 'am', 'admin', 'planner'],
  'forecast.write': ['director', 'am', 'admin'],
  'forecast.settings.read': EVERY_USER,
  'forecast.settings.write': ['admin'],
  'forecast.baseline.lock': ['admin'],
  // Overview and flow (SPEC §9.1 "Who reads what"): a director their track; AMs read their own pack instead.
  'forecast.overview': ['ceo', 'admin', 'planner', 'director'],
  'forecast.accuracy.configure': ['admin'],
  // Packs (SPEC §9.1 "Who reads what"): an AM their own review pack; the secretary the track packs only.
  'forecast.packs.review': ['ceo', 'admin', 'planner', 'director', 'am'],
  'forecast.packs.track': ['ceo', 'admin', 'planner', 'director', 'secretary'],
  // A director reminds the own track's AMs (forecast-views/notices.ts narrows it); the admin anyone.
  'forecast.compliance.remind': ['director', 'admin'],
  // Target change requests (SPEC §2, §9.1): which request a caller sees or decides is narrowed in forecast/requests.
  'targets.requests.read': ['ceo', 'director', 'am', 'admin'],
  'targets.request': ['ceo', 'director', 'am'],
  'targets.decide': ['ceo', 'director'],
  'targets.execute': ['admin'],
  // Alerts (SPEC §2, §9.1): which alert a caller sees or may move is narrowed in alerts/.
  'alerts.read': ['ceo', 'director', 'am', 'admin'],
  'alerts.handle': ['ceo', 'director', 'am'],
  // Feeds (SPEC §9.1 "Who reads what"): planner, admin and integration keys with the `feeds` scope.
  'feeds.read': ['planner', 'admin'],
  'feeds.deliveries.manage': ['admin'],
};

/** What an integration key with a given scope may do: `integration` writes back, `feeds` reads the feeds. */
const SCOPE_GRANTS: Record<string, readonly Action[]> = {
  integration: ['exchange.write'],
  feeds: ['feeds.read'],
};

export const ROLE_NAMES: Record<Role, Bilingual> = {
  ceo: { zh: 'CEO', en: 'CEO' },
  secretary: { zh: '秘书', en: 'Secretary' },
  director: { zh: '赛道总监', en: 'Track director' },
  am: { zh: '客户经理', en: 'Account manager' },
  admin: { zh: '系统管理员', en: 'Administrator' },
  planner: { zh: '利润中心经理·PMC', en: 'Planner (PMC)' },
};

export function can(actor: Actor, action: Action): boolean {
  if (actor.kind === 'apiKey') return actor.scopes.some((s) => SCOPE_GRANTS[s]?.includes(action));
  return ROLE_GRANTS[action].includes(actor.role);
}

/** The one gate every route passes: 403 with the reason when the caller's role may not act. */
export function authorize(actor: Actor, action: Action): void {
  if (can(actor, action)) return;
  const who = actor.kind === 'user' ? ROLE_NAMES[actor.role] : { zh: 'API 密钥', en: 'an API key' };
  throw forbidden({
    zh: `${who.zh}不能${ACTIONS[action].zh}`,
    en: `${who.en} may not ${ACTIONS[action].en}`,
  });
}

export function permissionsOf(actor: Actor): Action[] {
  return (Object.keys(ACTIONS) as Action[]).filter((a) => can(actor, a));
}

/** Which customers a user sees (SPEC §2 "customers"): all, one track's, or an AM's own. */
export type CustomerScope = { kind: 'all' } | { kind: 'track'; trackId: number } | { kind: 'am'; amId: number };

export function customerScope(actor: Actor): CustomerScope {
  if (actor.kind === 'user' && actor.role === 'director') return { kind: 'track', trackId: actor.trackId ?? -1 };
  if (actor.kind === 'user' && actor.role === 'am') return { kind: 'am', amId: actor.id };
  return { kind: 'all' };
}
