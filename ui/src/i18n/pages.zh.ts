import type { pagesEn } from "./pages.en";

/** 实体页面分节和跳转链接的中文文字。 */
export const pagesZh: Record<keyof typeof pagesEn, string> = {
  "skip.toContent": "跳到正文",
  "sections.label": "本页内容",
  "sections.keys": "按 [ 和 ] 键：上一节、下一节",
  "sections.risk": "风险",
  "stat.latestLabel": "最新",
  "stat.latestFigure": "最新数值",
  "stat.grade": "证据",
  "stat.gradeLabel": "证据等级",
  "stat.figures": "数据条数",
  "stat.expandAll": "全部展开",
  "stat.collapseAll": "全部收起",
  "stat.collapsedHint": "每项指标一行，显示最新数值。展开一行可查看完整序列、图表和全部来源。",
};
