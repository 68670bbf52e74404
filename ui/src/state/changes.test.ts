import { describe, expect, it } from "vitest";
import { translate, type Lang } from "../i18n";
import type { EditionDiffView, FactChangeView, SourceView } from "../ipc/types";
import { attentionText, changeTitle, diffTable, fieldValue, groupByFact } from "./changes";

const t = (lang: Lang) => (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(lang, key, params);
const source: SourceView = { id: "s-gov", url: "https://www.cq.gov.cn/x", publisher: "Chongqing government", title: "Districts", published: "2026-01-25", accessed: "2026-02-01", language: "zh", grade: "A" };
const huawei = { id: "huawei", kind: "firm", name_zh: "华为", name_en: "Huawei Technologies" } as const;
const seres = { id: "seres-auto", kind: "firm", name_zh: "赛力斯汽车", name_en: "Seres" } as const;
const change = (over: Partial<FactChangeView>): FactChangeView => ({ fact: "entity", change: "changed", key: "k", label: "L", entities: [], fields: [], sources: [], ...over });

const diff: EditionDiffView = {
  old: { title: "t", version: "1", built_at: "2026-11-01", data_commit: "a", file: "old.sqlite" },
  new: { title: "t", version: "2", built_at: "2026-12-01", data_commit: "b", file: "new.sqlite" },
  summary: [],
  changes: [
    change({ fact: "statistic", key: "chongqing|nev_production|2021-01/2021-09|actual|98000", label: "Chongqing: nev_production 2021-01/2021-09 (actual)", entities: [{ id: "chongqing", kind: "region", name_zh: "重庆", name_en: "Chongqing" }], fields: [{ field: "value", old: "97000", new: "98000" }], sources: [source] }),
    change({ fact: "link", key: "huawei|co_develops|seres-auto|AITO models", label: "Huawei Technologies co_develops Seres (AITO models)", entities: [huawei, seres], fields: [{ field: "since", old: "2021", new: "2022" }] }),
    change({ fact: "link", change: "removed", key: "district-wanzhou|located_in|chongqing|", label: "Wanzhou located_in Chongqing", entities: [], fields: [{ field: "sources", old: "s-gov", new: null }], sources: [source] }),
  ],
  attention: [
    { what: "note", target: "link:district-wanzhou|located_in|chongqing|", new: true, text: "Where does Wanzhou go?", entities: [{ id: "chongqing", kind: "region", name_zh: "重庆", name_en: "Chongqing" }] },
    { what: "link", target: "link:a|supplies|huawei|", new: false, text: null, entities: [huawei] },
  ],
};

describe("what changed between editions", () => {
  it("groups by kind of fact in a fixed order, added and removed before changed", () => {
    const groups = groupByFact(diff);
    expect(groups.map((g) => g.fact)).toEqual(["link", "statistic"]);
    expect(groups[0]!.changes.map((c) => c.change)).toEqual(["removed", "changed"]);
    expect(groups[0]!.counts).toEqual({ added: 0, removed: 1, changed: 1 });
  });

  it("names a change in the user's language from the entities, relations and metrics, else its label", () => {
    const [stat, link, removed] = diff.changes as [FactChangeView, FactChangeView, FactChangeView];
    expect(changeTitle(link, "zh", t("zh"))).toBe(`华为 ${translate("zh", "rel.co_develops")} 赛力斯汽车 (AITO models)`);
    expect(changeTitle(link, "en", t("en"))).toBe(`Huawei Technologies ${translate("en", "rel.co_develops")} Seres (AITO models)`);
    expect(changeTitle(stat, "zh", t("zh"))).toBe(`重庆: ${translate("zh", "metric.nev_production")} 2021-01/2021-09`);
    // Without the entities' names there is only the edition's label.
    expect(changeTitle(removed, "zh", t("zh"))).toBe("Wanzhou located_in Chongqing");
  });

  it("shows sources by publisher and title, not by id", () => {
    const removed = diff.changes[2]!;
    expect(fieldValue(removed, "sources", "s-gov; s-unknown")).toBe("Chongqing government: Districts; s-unknown");
    expect(fieldValue(removed, "since", "2021")).toBe("2021");
    expect(fieldValue(removed, "confidence", "likely", t("zh"))).toBe(translate("zh", "confidence.likely"));
    expect(fieldValue(removed, "confidence", "likely")).toBe("likely");
    const moved = change({ key: "cetc-chips", entities: [{ id: "cetc-chips", kind: "firm", name_zh: "中电芯谷", name_en: "CETC Chips" }, { id: "district-shapingba", kind: "district", name_zh: "沙坪坝区", name_en: "Shapingba District" }] });
    expect(fieldValue(moved, "district", "district-shapingba", t("zh"), "zh")).toBe("沙坪坝区");
    expect(fieldValue(moved, "district", "district-unknown", t("zh"), "zh")).toBe("district-unknown");
  });

  it("says what needs attention without ids", () => {
    const [note, link] = diff.attention as [EditionDiffView["attention"][0], EditionDiffView["attention"][0]];
    expect(attentionText(note, "en", t("en"))).toBe(`${translate("en", "changes.attention.note")}: Chongqing “Where does Wanzhou go?”`);
    expect(attentionText(link, "zh", t("zh"))).toBe(`${translate("zh", "changes.attention.link")}: 华为 ${translate("zh", "changes.attention.already")}`);
  });

  it("exports one row per field with the sources", () => {
    const table = diffTable(diff, "en", t("en"));
    expect(table.title).toBe("Changes from edition 1 to 2");
    expect(table.columns).toEqual(["Kind", "Change", "What", "Field", "Before", "After", "Sources"]);
    expect(table.rows).toEqual([
      ["Links", "Removed", "Wanzhou located_in Chongqing", "Sources", "Chongqing government: Districts", null, "Chongqing government, Districts, https://www.cq.gov.cn/x"],
      ["Links", "Changed", `Huawei Technologies ${translate("en", "rel.co_develops")} Seres (AITO models)`, "Since", "2021", "2022", ""],
      ["Statistics", "Changed", `Chongqing: ${translate("en", "metric.nev_production")} 2021-01/2021-09`, "Value", "97000", "98000", "Chongqing government, Districts, https://www.cq.gov.cn/x"],
    ]);
  });
});
