/** English strings of the statistics dashboard. */
export const statisticsEn = {
  "nav.statistics": "Statistics",
  "nav.statisticsLabel": "Statistics dashboard: city and national series against plan targets",
} as const;
