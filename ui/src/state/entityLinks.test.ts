import { describe, expect, it } from "vitest";
import type { EntityRef, LinkView } from "../ipc/types";
import { MORE_LINKS, formatCount, nextLinksArgs, pagedLinkGroups, totalLinks } from "./entityLinks";

const other = (id: string): EntityRef => ({ id, kind: "firm", name_zh: null, name_en: id });
const link = (relation: LinkView["relation"], direction: LinkView["direction"], id: string): LinkView => ({
  relation, direction, other: other(id), product: null, share: null, since: null, until: null, confidence: "confirmed",
  note: null, note_zh: null, sources: [], key: `${id}|${relation}`, origin: "edition", retracted: null, retraction_sources: [],
});

describe("pagedLinkGroups", () => {
  it("gives each group the total the page reports, beyond the links it holds", () => {
    const links = [link("supplies", "outgoing", "a"), link("supplies", "outgoing", "b"), link("supplies", "incoming", "c")];
    const groups = pagedLinkGroups({
      links,
      link_groups: [
        { relation: "supplies", direction: "outgoing", total: 12345 },
        { relation: "supplies", direction: "incoming", total: 1 },
      ],
    });
    expect(groups.map((g) => [g.relation, g.direction, g.links.length, g.total])).toEqual([
      ["supplies", "outgoing", 2, 12345],
      ["supplies", "incoming", 1, 1],
    ]);
    expect(totalLinks(groups)).toBe(12346);
  });

  it("counts the links held when the page has no totals (nothing to load)", () => {
    const groups = pagedLinkGroups({ links: [link("owns", "outgoing", "a"), link("owns", "outgoing", "b")] });
    expect(groups).toHaveLength(1);
    expect(groups[0].total).toBe(2);
    expect(nextLinksArgs("x", groups[0], groups[0].links.length)).toBeNull();
  });
});

describe("nextLinksArgs", () => {
  const group = { relation: "supplies" as const, direction: "outgoing" as const, total: 450 };
  it("asks for the next links after those loaded, until all are", () => {
    expect(nextLinksArgs("hub", group, 200)).toEqual({ id: "hub", relation: "supplies", direction: "outgoing", offset: 200, limit: MORE_LINKS });
    expect(nextLinksArgs("hub", group, 400)?.offset).toBe(400);
    expect(nextLinksArgs("hub", group, 450)).toBeNull();
  });
  it("keeps the page's year", () => {
    expect(nextLinksArgs("hub", group, 200, 2021)?.as_of).toBe(2021);
    expect(nextLinksArgs("hub", group, 200, null)).not.toHaveProperty("as_of");
  });
});

describe("formatCount", () => {
  it("groups digits", () => {
    expect(formatCount(12345, "en")).toBe("12,345");
    expect(formatCount(12345, "zh")).toBe("12,345");
    expect(formatCount(50, "en")).toBe("50");
  });
});
