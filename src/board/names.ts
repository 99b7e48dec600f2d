/** The eight dimensions as the customer's deck names them (表头, exports, meeting pages). */
export const DIMENSION_TITLES: Record<number, string> = {
  1: '各赛道销售达成率',
  2: '客户经理销售达成率',
  3: '各赛道接单达成率',
  4: '客户经理接单达成率',
  5: '各赛道毛利率',
  6: '各赛道销售预测准确率',
  7: '各赛道费用占销售千分比',
  8: '各赛道应收周转天数 (DSO)',
};
