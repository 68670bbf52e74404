import type { statisticsEn } from "./statistics.en";

/** 统计数据看板的中文文字。 */
export const statisticsZh: Record<keyof typeof statisticsEn, string> = {
  "nav.statistics": "统计数据",
  "nav.statisticsLabel": "统计数据看板：重庆和全国的数据序列与规划目标对照",
};
