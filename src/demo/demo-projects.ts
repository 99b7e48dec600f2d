import type { ProjectPhase, projects } from '../projects/schema.js';

type ProjectType = (typeof projects.$inferSelect)['type'];

/**
 * The demo's improvement projects (专项PDCA, SPEC §4.7), one per kind of trouble the board shows:
 * days count from the start of the six months of history. Tasks raised on the listed dimensions of
 * the project's track (any track when it has none) may link to it once it exists.
 */
export type DemoProject = {
  key: string;
  type: ProjectType;
  title: string;
  description: string;
  trackCode: string | null;
  /** A director's username, or an AM's for a track project. */
  owner: string;
  createdBy: 'ceo' | 'owner-director';
  dimensions: number[];
  createdDay: number;
  phases: { day: number; phase: ProjectPhase }[];
  progress: { day: number; text: string }[];
};

export const DEMO_PROJECTS: DemoProject[] = [
  {
    key: 'ce2-pipeline',
    type: 'opportunity_anomaly',
    title: '消费电子II重点客户商机推进异常专项',
    description: '三家重点客户的新品模具商机连续两月停留在报价阶段，接单达成率低于90%',
    trackCode: 'CE2',
    owner: 'director2',
    createdBy: 'owner-director',
    dimensions: [3, 4],
    createdDay: 12,
    phases: [
      { day: 26, phase: 'do' },
      { day: 110, phase: 'check' },
    ],
    progress: [
      { day: 14, text: '梳理停滞商机共11个，其中6个卡在客户内部立项，5个卡在报价' },
      { day: 40, text: '与两家客户研发负责人会面，确认新品立项时间，报价按阶梯价调整' },
      { day: 75, text: '已有4个商机进入H阶段，其中2个已下模具订单' },
      { day: 118, text: '复盘：停滞原因主要是试模周期长导致客户犹豫，已要求工程部给出标准试模周期' },
    ],
  },
  {
    key: 'forecast',
    type: 'sales_forecast',
    title: '销售预测准确率提升专项（滚动预测月度更新）',
    description: '各赛道月度出货预测偏差大，PMC排产被动；推行滚动预测每月25日前更新',
    trackCode: null,
    owner: 'director1',
    createdBy: 'ceo',
    dimensions: [1],
    createdDay: 30,
    phases: [{ day: 45, phase: 'do' }],
    progress: [
      { day: 33, text: '确定滚动预测模板和更新节点：每月25日前各客户经理更新未来三个月出货' },
      { day: 64, text: '首月执行：七个赛道中五个按时更新，商品模两个赛道偏差已降到15%以内' },
      { day: 96, text: '与PMC对齐预测口径，量产件按客户提货计划、模具按验收节点预测' },
      { day: 150, text: '预测偏差连续两月下降，汽车电子赛道仍偏高，下月重点辅导' },
    ],
  },
  {
    key: 'med-dso',
    type: 'other',
    title: '医疗健康赛道应收账款回款专项（DSO压降）',
    description: '医疗健康赛道应收周转天数超过120天，模具尾款和量产件货款回款慢',
    trackCode: 'MED',
    owner: 'director4',
    createdBy: 'ceo',
    dimensions: [8],
    createdDay: 5,
    phases: [
      { day: 15, phase: 'do' },
      { day: 80, phase: 'check' },
      { day: 120, phase: 'act' },
    ],
    progress: [
      { day: 8, text: '列出逾期应收客户18家，按金额排序，前五家占逾期金额七成' },
      { day: 35, text: '与财务建立周对账机制，模具尾款随验收单同步开票' },
      { day: 70, text: '前五家客户中三家已签回款计划，回款约六百万' },
      { day: 125, text: '将验收后30天内开票收款写入标准合同条款，新合同已执行' },
    ],
  },
  {
    key: 'auto-margin',
    type: 'other',
    title: '汽车电子模具验收与毛利改善专项',
    description: '汽车电子赛道毛利率低于15%：改模次数多、试模费用未向客户收取',
    trackCode: 'AUTO',
    owner: 'director3',
    createdBy: 'owner-director',
    dimensions: [5],
    createdDay: 20,
    phases: [
      { day: 30, phase: 'do' },
      { day: 90, phase: 'check' },
      { day: 120, phase: 'act' },
      { day: 160, phase: 'closed' },
    ],
    progress: [
      { day: 22, text: '统计近半年改模记录：平均每套模具改模2.6次，其中四成为客户设计变更' },
      { day: 55, text: '与客户约定设计变更导致的改模按次收费，已有两家客户同意' },
      { day: 100, text: '试模次数下降到平均1.8次，毛利率回升至16%' },
      { day: 150, text: '收费标准已纳入报价模板，专项转入日常管理' },
    ],
  },
  {
    key: 'home-trial',
    type: 'opportunity_anomaly',
    title: '智能家居新品试模延期商机推进专项',
    description: '智能家居赛道多个新品模具试模延期，客户推迟下单，出货达成率偏低',
    trackCode: 'HOME',
    owner: 'director5',
    createdBy: 'owner-director',
    dimensions: [1, 2, 7],
    createdDay: 158,
    phases: [],
    progress: [
      { day: 160, text: '梳理试模延期项目7个，主要卡在热流道供应商交期' },
      { day: 172, text: '与热流道供应商确认加急方案，三个项目试模提前一周' },
    ],
  },
];
