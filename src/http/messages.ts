import type { Bilingual } from './locale.js';

/** Every error code the API answers with, and its message in the user's language. */
export const ERROR_MESSAGES = {
  validation_failed: { zh: '提交的数据有误，请检查标出的字段', en: 'Some fields are invalid' },
  invalid_json: { zh: '请求正文不是有效的 JSON：{detail}', en: 'The request body is not valid JSON: {detail}' },
  body_too_large: { zh: '请求正文过大（上限 {limit}）', en: 'The request body is too large (limit {limit})' },
  unsupported_media_type: {
    zh: '不支持的内容类型：{type}（应为 {expected}）',
    en: 'Unsupported content type: {type} (expected {expected})',
  },
  invalid_multipart: {
    zh: '上传的表单数据不完整或格式错误：{detail}',
    en: 'The multipart form data is malformed or incomplete: {detail}',
  },
  bad_request: { zh: '请求无效：{detail}', en: 'Bad request: {detail}' },
  uri_too_long: {
    zh: '请求地址过长（上限 {limit} 个字符）',
    en: 'The request URL is too long (limit {limit} characters)',
  },
  headers_too_large: { zh: '请求头或请求地址过大', en: 'The request headers or URL are too large' },
  unauthenticated: { zh: '请先登录', en: 'Please sign in' },
  session_expired: { zh: '登录已过期，请重新登录', en: 'Your session has expired; please sign in again' },
  invalid_credentials: { zh: '用户名或密码错误', en: 'Wrong username or password' },
  rate_limited: {
    zh: '登录失败次数过多，请 {minutes} 分钟后再试',
    en: 'Too many failed sign-ins; try again in {minutes} minutes',
  },
  invalid_api_key: { zh: 'API 密钥无效、已过期或已吊销', en: 'The API key is invalid, expired or revoked' },
  invalid_calendar_token: {
    zh: '日历订阅链接无效或已吊销，请在系统中重新生成',
    en: 'The calendar link is invalid or revoked; create a new one in the app',
  },
  forbidden: { zh: '无权执行此操作：{reason}', en: 'Not allowed: {reason}' },
  csrf_origin: {
    zh: '请求来源校验失败（Origin 与站点不一致）',
    en: 'The request origin does not match this site',
  },
  not_found: { zh: '{entity}不存在或不在您的权限范围内', en: '{entity} not found or outside your scope' },
  route_not_found: { zh: '接口不存在（{method}），请查看 /api/docs', en: 'No such endpoint ({method}); see /api/docs' },
  conflict: { zh: '{field}「{value}」已被使用', en: '{field} "{value}" is already taken' },
  version_conflict: {
    zh: '数据已被他人修改（当前版本 {current}），请刷新后重试',
    en: 'Changed by someone else (now version {current}); reload and try again',
  },
  invalid_reference: { zh: '{field} 引用的对象无效：{reason}', en: '{field} is not valid: {reason}' },
  rule_violation: { zh: '{reason}', en: '{reason}' },
  precision_required: { zh: '{reason}', en: '{reason}' },
  baseline_locked: { zh: '{reason}', en: '{reason}' },
  baseline_incomplete: { zh: '{reason}', en: '{reason}' },
  wrong_password: { zh: '当前密码不正确', en: 'The current password is wrong' },
  password_change_required: {
    zh: '首次登录请先修改密码',
    en: 'Please change your password before continuing',
  },
  fake_clock_only: { zh: '仅在 --fake-clock 模式下可用', en: 'Only available with --fake-clock' },
  rows_rejected: {
    zh: '整批未写入：{count} 处错误，请修正后重新提交整批',
    en: 'Nothing was written: {count} problems; fix them and send the whole batch again',
  },
  too_many_rows: {
    zh: '一批最多 {limit} 行，本批 {rows} 行',
    en: 'A batch holds at most {limit} rows; this one has {rows}',
  },
  file_too_large: {
    zh: '文件过大：{what}超过上限 {limit}',
    en: 'The file is too large: {what} exceeds the limit of {limit}',
  },
  file_unreadable: { zh: '无法读取文件：{reason}', en: 'The file cannot be read: {reason}' },
  idempotency_key_reused: {
    zh: 'Idempotency-Key「{key}」已用于另一内容的请求',
    en: 'Idempotency-Key "{key}" was already used for a different request',
  },
  internal: {
    zh: '服务器内部错误，请稍后重试（编号 {requestId}）',
    en: 'Internal error; try again later (ref {requestId})',
  },
} satisfies Record<string, Bilingual>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** Why one field was refused (the `details[].reason` of an error). */
export const FIELD_REASONS = {
  required: { zh: '必填', en: 'is required' },
  type: { zh: '应为{type}', en: 'must be {type}' },
  enum: { zh: '取值应为以下之一：{values}', en: 'must be one of: {values}' },
  minLength: { zh: '至少 {limit} 个字符', en: 'must have at least {limit} characters' },
  maxLength: { zh: '最多 {limit} 个字符', en: 'must have at most {limit} characters' },
  pattern: { zh: '格式不正确', en: 'has the wrong format' },
  format: { zh: '格式应为 {format}', en: 'must be a valid {format}' },
  minimum: { zh: '不能小于 {limit}', en: 'must be at least {limit}' },
  maximum: { zh: '不能大于 {limit}', en: 'must be at most {limit}' },
  minItems: { zh: '至少 {limit} 项', en: 'must have at least {limit} items' },
  unknown_field: { zh: '不支持的字段', en: 'is not a known field' },
  taken: { zh: '已被使用', en: 'is already taken' },
  invalid: { zh: '无效：{why}', en: 'is not valid: {why}' },
  nul_character: { zh: '不能包含空字符（\\u0000）', en: 'must not contain a NUL character (\\u0000)' },
  malformed_text: {
    zh: '包含无效的字符编码（孤立的代理项）',
    en: 'holds text that is not well-formed (a lone surrogate)',
  },
  too_deep: { zh: '嵌套超过 {limit} 层', en: 'is nested more than {limit} levels deep' },
} satisfies Record<string, Bilingual>;

export type FieldReason = keyof typeof FIELD_REASONS;

/** JSON Schema types as a reader names them ("应为整数", "must be an integer"). */
export const TYPE_NAMES: Record<string, Bilingual> = {
  integer: { zh: '十进制整数', en: 'a decimal integer' },
  number: { zh: '数字', en: 'a number' },
  string: { zh: '文本', en: 'text' },
  boolean: { zh: '布尔值（true 或 false）', en: 'true or false' },
  object: { zh: '对象', en: 'an object' },
  array: { zh: '数组', en: 'an array' },
  null: { zh: '空值（null）', en: 'null' },
};

/** Names of things, used inside messages. */
export const ENTITY_NAMES = {
  track: { zh: '赛道', en: 'Track' },
  user: { zh: '用户', en: 'User' },
  customer: { zh: '客户', en: 'Customer' },
  api_key: { zh: 'API 密钥', en: 'API key' },
  series: { zh: '会议系列', en: 'Meeting series' },
  meeting: { zh: '会议', en: 'Meeting' },
  task: { zh: '任务', en: 'Task' },
  opening_report: { zh: '开场报告', en: 'Opening report' },
  project: { zh: '专项', en: 'Improvement project' },
  threshold_proposal: { zh: '阈值调整提议', en: 'Threshold proposal' },
  notification: { zh: '通知', en: 'Notification' },
  notification_delivery: { zh: '通知发送记录', en: 'Notification delivery' },
  aps_delivery: { zh: 'APS 推送记录', en: 'APS delivery' },
  opportunity: { zh: '商机', en: 'Opportunity' },
  forecast_snapshot: { zh: '预测快照', en: 'Forecast snapshot' },
  target_request: { zh: '目标修改请求', en: 'Target change request' },
  resource: { zh: '资源', en: 'Resource' },
  alert: { zh: '预警', en: 'Alert' },
  saved_view: { zh: '视图', en: 'Saved view' },
} satisfies Record<string, Bilingual>;

export type EntityName = keyof typeof ENTITY_NAMES;
