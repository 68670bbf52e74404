/** English strings of "as of a year": the year control and its banner. */
export const asOfEn = {
  "asof.label": "As of",
  "asof.help": "Show the links and stakes as they stood in a year, read from each link's start and end dates",
  "asof.now": "now",
  "asof.banner": "Showing links as they stood in {year}",
  "asof.undated.none": "no undated links included",
  "asof.undated.one": "1 undated link included",
  "asof.undated.other": "{count} undated links included",
  "asof.undatedHelp": "Links with no start or end date count in every year: what is shown for {year} rests partly on them.",
  "asof.backToNow": "Back to now",
  "asof.traceUndated.one": "1 entity reached through an undated link",
  "asof.traceUndated.other": "{count} entities reached through undated links",
  "asof.riskNow": "Risk figures are for now, not for {year}.",
};
