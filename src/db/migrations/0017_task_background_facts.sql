ALTER TABLE "tasks" ADD COLUMN "background_facts" jsonb;--> statement-breakpoint
-- Issue 13 item 13: the backgrounds written so far are read back into facts, so that they too render in
-- each reader's language (and the ones written before the lower-is-better fix now read in the right
-- direction). Rows whose text does not follow the generated grammar keep only their stored sentence.
UPDATE "tasks" AS t SET "background_facts" = jsonb_build_object(
  'subjectName', p.m[1],
  'value', CASE WHEN p.m[4] IS NULL THEN NULL WHEN p.m[5] = '%' THEN p.m[4]::numeric / 100 ELSE p.m[4]::numeric END,
  'redBand', CASE WHEN p.m[7] IS NULL THEN NULL WHEN p.m[8] = '%' THEN p.m[7]::numeric / 100 ELSE p.m[7]::numeric END,
  'redMonths', CASE
    WHEN p.m[6] IS NOT NULL THEN array_position(ARRAY['一','两','三','四','五','六','七','八','九','十','十一','十二'], p.m[6])
    WHEN p.m[7] IS NOT NULL THEN 1
    ELSE 0 END)
FROM (
  SELECT id, regexp_match(background,
    CASE subject_type WHEN 'track' THEN '^(.+)赛道' ELSE '^客户经理(.+?)' END
    || '([0-9]{1,2})月(销售达成率|接单达成率|毛利率|销售预测准确率|费用占销售千分比|应收周转天数)'
    || '(?:暂无数据|(?:仅|高达|为)([0-9.]+)(%|‰|天)(?:，(?:连续(一|两|三|四|五|六|七|八|九|十|十一|十二)月)?(?:高于|低于)([0-9.]+)(%|‰|天))?)$') AS m
  FROM "tasks" WHERE "background_facts" IS NULL
) AS p
WHERE t.id = p.id AND p.m IS NOT NULL;
