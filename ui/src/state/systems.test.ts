import { describe, expect, it } from "vitest";
import type { MembershipView } from "../ipc/types";
import { bilingual, groupCoverage, groupMemberships, sourcesWithin, systemAnchor, systemTotals } from "./systems";

describe("bilingual labels", () => {
  it("shows the chosen language first and the other second", () => {
    expect(bilingual("乘用车企业", "9 passenger-car makers", "zh", "x")).toEqual({ primary: "乘用车企业", secondary: "9 passenger-car makers" });
    expect(bilingual("乘用车企业", "9 passenger-car makers", "en", "x")).toEqual({ primary: "9 passenger-car makers", secondary: "乘用车企业" });
  });
  it("falls back over empty strings, then to the id", () => {
    expect(bilingual("", "Liangjiang New Area (leader)", "zh", "1")).toEqual({ primary: "Liangjiang New Area (leader)", secondary: null });
    expect(bilingual("  ", null, "en", "g-1")).toEqual({ primary: "g-1", secondary: null });
    expect(bilingual("33618", "33618", "en", "x")).toEqual({ primary: "33618", secondary: null });
  });
});

describe("declared against found", () => {
  it("keeps an unknown declared count unknown, never zero", () => {
    expect(groupCoverage({ declared_count: null, found: 0 })).toBe("unknown");
    expect(groupCoverage({ declared_count: null, found: 3 })).toBe("unknown");
  });
  it("distinguishes none, partial and complete", () => {
    expect(groupCoverage({ declared_count: 9, found: 0 })).toBe("none");
    expect(groupCoverage({ declared_count: 9, found: 4 })).toBe("partial");
    expect(groupCoverage({ declared_count: 1, found: 1 })).toBe("complete");
  });
  it("totals a system, with an unknown declared total when any group's is unknown", () => {
    const g = (declared_count: number | null, found: number, status: "confirmed" | "unconfirmed") => ({ declared_count, found, status }) as never;
    expect(systemTotals({ groups: [g(9, 0, "unconfirmed"), g(2, 0, "unconfirmed"), g(5, 0, "unconfirmed"), g(30, 0, "unconfirmed")] })).toEqual({ groups: 4, declared: 46, found: 0, unconfirmed: 4 });
    expect(systemTotals({ groups: [g(1, 1, "confirmed"), g(null, 0, "unconfirmed")] })).toEqual({ groups: 2, declared: null, found: 1, unconfirmed: 1 });
    expect(systemTotals({ groups: [] })).toEqual({ groups: 0, declared: 0, found: 0, unconfirmed: 0 });
  });
});

describe("memberships", () => {
  const m = (system_id: string, group: string): MembershipView => ({
    system_id, system_name_zh: system_id + "-zh", system_name_en: system_id + "-en", group_name_zh: group, group_name_en: group, status: "confirmed", sources: [],
  });
  it("groups an entity's memberships by system, in API order", () => {
    const groups = groupMemberships([m("b", "1"), m("a", "2"), m("b", "3")]);
    expect(groups.map((g) => [g.systemId, g.memberships.map((x) => x.group_name_en)])).toEqual([["b", ["1", "3"]], ["a", ["2"]]]);
  });
  it("tells when a group's sources are all the system's", () => {
    expect(sourcesWithin([{ id: "s1" }], [{ id: "s1" }, { id: "s2" }])).toBe(true);
    expect(sourcesWithin([{ id: "s3" }], [{ id: "s1" }])).toBe(false);
    expect(sourcesWithin([], [])).toBe(true);
  });
  it("makes safe DOM ids", () => {
    expect(systemAnchor("nev-9-2-5-30")).toBe("system-nev-9-2-5-30");
    expect(systemAnchor("a b\"<")).toBe("system-a_b__");
  });
});
