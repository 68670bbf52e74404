import { describe, expect, it } from "vitest";
import type { EntityRef, LinkView, SourceView } from "../ipc/types";
import { formatBuiltAt, formatPeriod, formatShare, groupLinks, isVisibleDate, primaryName, secondaryName, sortNames, sortSources } from "./format";
import { editionTitle, joinNames, readerNote, shortName } from "./format";

const both: EntityRef = { id: "changan-auto", kind: "firm", name_zh: "长安汽车", name_en: "Changan" };
const enOnly: EntityRef = { id: "x", kind: "firm", name_zh: null, name_en: "Only English" };
const none: EntityRef = { id: "bare-id", kind: "firm", name_zh: null, name_en: "  " };

describe("names", () => {
  it("shows the chosen language first and the other second", () => {
    expect(primaryName(both, "zh")).toBe("长安汽车");
    expect(secondaryName(both, "zh")).toBe("Changan");
    expect(primaryName(both, "en")).toBe("Changan");
    expect(secondaryName(both, "en")).toBe("长安汽车");
  });
  it("falls back to the other language, then to the id", () => {
    expect(primaryName(enOnly, "zh")).toBe("Only English");
    expect(secondaryName(enOnly, "zh")).toBeNull();
    expect(primaryName(none, "en")).toBe("bare-id");
  });
  it("orders names: chosen language, then legal, short, brand, former", () => {
    const names = [
      { lang: "zh", role: "former", text: "旧名", pinyin: "jiu ming" },
      { lang: "en", role: "short", text: "Changan", pinyin: null },
      { lang: "zh", role: "legal", text: "长安汽车", pinyin: "chang an qi che" },
    ];
    expect(sortNames(names, "zh").map((n) => n.text)).toEqual(["长安汽车", "旧名", "Changan"]);
    expect(sortNames(names, "en").map((n) => n.text)).toEqual(["Changan", "长安汽车", "旧名"]);
  });
});

describe("dates, shares, periods", () => {
  it("treats n/v and null as no date", () => {
    expect(isVisibleDate("2024-05")).toBe(true);
    expect(isVisibleDate("n/v")).toBe(false);
    expect(isVisibleDate(null)).toBe(false);
  });
  it("formats shares in percent", () => {
    expect(formatShare(51)).toBe("51%");
    expect(formatShare(33.333)).toBe("33.33%");
    expect(formatShare(null)).toBeNull();
  });
  it("formats periods", () => {
    expect(formatPeriod("2018", "2022")).toBe("2018 – 2022");
    expect(formatPeriod("2018", null)).toBe("2018 –");
    expect(formatPeriod(null, "2020")).toBe("– 2020");
    expect(formatPeriod(null, null)).toBeNull();
  });
  it("trims the build timestamp", () => {
    expect(formatBuiltAt("2026-11-20T10:05:33Z")).toBe("2026-11-20 10:05");
    expect(formatBuiltAt("2026-11-20")).toBe("2026-11-20");
    expect(formatBuiltAt("yesterday")).toBe("yesterday");
  });
});

function link(relation: LinkView["relation"], direction: LinkView["direction"], id: string): LinkView {
  return { relation, direction, other: { ...both, id }, product: null, share: null, since: null, until: null, confidence: "confirmed", note: null, note_zh: null, sources: [], key: id, origin: "edition", retracted: null, retraction_sources: [] };
}

describe("groupLinks", () => {
  it("groups by relation and direction, supply first, outgoing before incoming, API order kept", () => {
    const groups = groupLinks([
      link("located_in", "outgoing", "d"),
      link("supplies", "incoming", "s1"),
      link("owns", "outgoing", "o"),
      link("supplies", "outgoing", "c"),
      link("supplies", "incoming", "s2"),
    ]);
    expect(groups.map((g) => `${g.relation}:${g.direction}`)).toEqual(["supplies:outgoing", "supplies:incoming", "owns:outgoing", "located_in:outgoing"]);
    expect(groups[1]!.links.map((l) => l.other.id)).toEqual(["s1", "s2"]);
  });
  it("returns no group for no links", () => {
    expect(groupLinks([])).toEqual([]);
  });
});

describe("sortSources", () => {
  const s = (id: string, grade: SourceView["grade"], published: string | null): SourceView => ({ id, url: "u", publisher: "p", title: "t", published, accessed: "2026-11-01", language: "en", grade });
  it("puts grade A first, then newest", () => {
    expect(sortSources([s("c", "C", "2025"), s("a-old", "A", "2019"), s("b", "B", null), s("a-new", "A", "2024-01")]).map((x) => x.id)).toEqual(["a-new", "a-old", "b", "c"]);
  });
});

describe("the edition's title", () => {
  it("is in Chinese where the edition has a Chinese title, else as it is", () => {
    const e = { title: "NEV Atlas: Chongqing", title_zh: "新能源汽车产业图谱：重庆" };
    expect(editionTitle(e, "zh")).toBe("新能源汽车产业图谱：重庆");
    expect(editionTitle(e, "en")).toBe("NEV Atlas: Chongqing");
    expect(editionTitle({ title: "NEV Atlas: Chongqing" }, "zh")).toBe("NEV Atlas: Chongqing");
  });
});

describe("short names and reader notes", () => {
  const ref = (short: { short_zh?: string; short_en?: string }) => ({
    id: "x", kind: "firm" as const, name_zh: "重庆长安汽车股份有限公司", name_en: "Chongqing Changan Automobile Co., Ltd.",
    ...short,
  });
  it("labels with the short name of the chosen language, else the full name", () => {
    expect(shortName(ref({ short_zh: "长安汽车", short_en: "Changan" }), "zh")).toBe("长安汽车");
    expect(shortName(ref({ short_zh: "长安汽车", short_en: "Changan" }), "en")).toBe("Changan");
    expect(shortName(ref({ short_zh: "长安汽车" }), "en")).toBe("Chongqing Changan Automobile Co., Ltd.");
    expect(shortName(ref({}), "zh")).toBe("重庆长安汽车股份有限公司");
  });
  it("shows note_zh in Chinese when there is one", () => {
    expect(readerNote({ note: "English", note_zh: "中文" }, "zh")).toBe("中文");
    expect(readerNote({ note: "English", note_zh: "中文" }, "en")).toBe("English");
    expect(readerNote({ note: "English", note_zh: " " }, "zh")).toBe("English");
    expect(readerNote({ note: null }, "en")).toBeNull();
  });
  it("joins names with separators", () => {
    expect(joinNames(["Horizon Robotics", "LG Chem"], "en")).toBe("Horizon Robotics, LG Chem");
    expect(joinNames(["地平线", "LG化学"], "zh")).toBe("地平线、LG化学");
  });
});
