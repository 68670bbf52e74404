import { describe, expect, it } from "vitest";
import { translate } from "../i18n";
import { asOfBannerText, asOfYears, withAsOf } from "./asof";
import { cachingCall } from "./cache";
import type { Call } from "../ipc/transport";

describe("as of a year", () => {
  it("offers the years from this one down to the earliest dated link, newest first", () => {
    expect(asOfYears(2021, 2024)).toEqual([2024, 2023, 2022, 2021]);
    expect(asOfYears(2024, 2024)).toEqual([2024]);
    // A year from a link outside the range is still offered, in order.
    expect(asOfYears(2021, 2024, 1990)).toEqual([2024, 2023, 2022, 2021, 1990]);
    expect(asOfYears(2021, 2024, 2022)).toEqual([2024, 2023, 2022, 2021]);
    // No dated link: nothing to choose but the year already in the address.
    expect(asOfYears(null, 2024)).toEqual([]);
    expect(asOfYears(undefined, 2024, 2020)).toEqual([2020]);
    expect(asOfYears(2030, 2024)).toEqual([]);
  });

  it("says which year is shown and how many undated links it includes, in both languages", () => {
    const en = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate("en", key, params);
    const zh = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate("zh", key, params);
    expect(asOfBannerText(2023, 4, en)).toBe("Showing links as they stood in 2023 — 4 undated links included");
    expect(asOfBannerText(2023, 1, en)).toBe("Showing links as they stood in 2023 — 1 undated link included");
    expect(asOfBannerText(2019, 0, en)).toBe("Showing links as they stood in 2019 — no undated links included");
    expect(asOfBannerText(2023, 4, zh)).toBe("显示截至2023年的关联 — 含4条无日期的关联");
  });

  it("adds as_of to the arguments only for a year, so the cache keeps each year apart", async () => {
    expect(withAsOf({ id: "avatr" }, undefined)).toEqual({ id: "avatr" });
    expect(withAsOf({ id: "avatr" }, 2019)).toEqual({ id: "avatr", as_of: 2019 });
    const seen: unknown[] = [];
    const inner = ((_: string, args: unknown) => {
      seen.push(args);
      return Promise.resolve({ asked: args });
    }) as unknown as Call;
    const call = cachingCall(inner, new Set(["entity"]));
    const now = await call("entity", withAsOf({ id: "avatr" }, undefined));
    const early = await call("entity", withAsOf({ id: "avatr" }, 2019));
    const late = await call("entity", withAsOf({ id: "avatr" }, 2025));
    await call("entity", withAsOf({ id: "avatr" }, 2019));
    expect(seen).toEqual([{ id: "avatr" }, { id: "avatr", as_of: 2019 }, { id: "avatr", as_of: 2025 }]);
    expect([now, early, late].map((r) => (r as unknown as { asked: unknown }).asked)).toEqual(seen);
  });
});
