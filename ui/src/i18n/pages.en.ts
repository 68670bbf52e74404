/** English strings of the entity page's sections and the skip link. */
export const pagesEn = {
  "skip.toContent": "Skip to content",
  "sections.label": "On this page",
  "sections.keys": "Keys [ and ]: previous and next section",
  "sections.risk": "Risk",
  "stat.latestLabel": "Latest",
  "stat.latestFigure": "Latest figure",
  "stat.grade": "Evidence",
  "stat.gradeLabel": "evidence grade",
  "stat.figures": "Figures",
  "stat.expandAll": "Expand all",
  "stat.collapseAll": "Collapse all",
  "stat.collapsedHint": "One row per metric: its latest figure. Open a row for the full series, the chart and every source.",
} as const;
