import type { asOfEn } from "./asof.en";

/** Chinese strings of "as of a year". */
export const asOfZh: Record<keyof typeof asOfEn, string> = {
  "asof.label": "截至",
  "asof.help": "按各关联的起止日期，显示某一年时的关联与持股",
  "asof.now": "现在",
  "asof.banner": "显示截至{year}年的关联",
  "asof.undated.none": "不含无日期的关联",
  "asof.undated.one": "含1条无日期的关联",
  "asof.undated.other": "含{count}条无日期的关联",
  "asof.undatedHelp": "没有起止日期的关联计入每一年：{year}年的结果部分依据这些关联。",
  "asof.backToNow": "回到现在",
  "asof.traceUndated.one": "1个实体经由无日期的关联到达",
  "asof.traceUndated.other": "{count}个实体经由无日期的关联到达",
  "asof.riskNow": "风险数据为当前情况，并非{year}年。",
};
