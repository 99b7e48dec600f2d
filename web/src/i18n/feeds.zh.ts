// APS 推送记录: the commodity quotes pushed to APS (SPEC §7 "Out"). feeds.en.ts carries the same keys.
export const feedsZh = {
  'aps.title': 'APS 报价推送',
  'aps.intro':
    '商品模商机进入 H 阶段（及赢单）后，其报价的每次变化都推送给 APS；离开 H 时推送一次取消。APS 未确认（2xx）前按 1、2、4… 分钟（最长 1 小时）持续重试，同一条记录始终使用同一个 Idempotency-Key。',
  'aps.on': '推送到 {host}',
  'aps.off': '未设置 CRM_APS_URL：不推送，APS 可通过 GET /api/v1/feeds/aps-quotes 拉取',
  'aps.opportunity': '商机',
  'aps.kind': '内容',
  'aps.kind.quote': '报价',
  'aps.kind.cancelled': '取消',
  'aps.status': '状态',
  'aps.status.pending': '待确认',
  'aps.status.sent': '已送达',
  'aps.attempts': '尝试 {n} 次',
  'aps.lastError': '最后错误',
  'aps.createdAt': '生成时间',
  'aps.retry': '立即重试',
  'aps.retried': '已排队，一分钟内推送',
  'aps.empty': '暂无 APS 推送记录',
};
