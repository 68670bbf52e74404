import { describe, expect, it } from "vitest";
import { chainHref, entityHref, entityYearHref, formatRoute, graphHref, langOfHash, parseRoute, searchHref, systemsHref, whatIfHref, withLang } from "./router";

describe("parseRoute", () => {
  it("reads the start screen from empty and root hashes", () => {
    expect(parseRoute("")).toEqual({ name: "start" });
    expect(parseRoute("#")).toEqual({ name: "start" });
    expect(parseRoute("#/")).toEqual({ name: "start" });
  });
  it("reads entity and graph routes", () => {
    expect(parseRoute("#/entity/changan-auto")).toEqual({ name: "entity", id: "changan-auto" });
    expect(parseRoute("#/graph/changan-auto")).toEqual({ name: "graph", id: "changan-auto", hops: 1, direction: "both", highlight: null });
    expect(parseRoute("#/graph/catl?hops=3&direction=upstream")).toEqual({ name: "graph", id: "catl", hops: 3, direction: "upstream", highlight: null });
    expect(parseRoute("#/graph/catl?hl=h3")).toMatchObject({ name: "graph", id: "catl", highlight: "h3" });
  });
  it("reads the chain and what-if views", () => {
    expect(parseRoute("#/chain")).toEqual({ name: "chain" });
    expect(parseRoute("#/what-if")).toEqual({ name: "whatIf", entities: [], places: [] });
    expect(parseRoute("#/what-if?entities=a,b,,a&places=district-x")).toEqual({ name: "whatIf", entities: ["a", "b"], places: ["district-x"] });
    expect(parseRoute("#/chain/x")).toMatchObject({ name: "notFound" });
    // The segments opened in the chain view.
    expect(parseRoute("#/chain?open=battery-cells,e-drive,,battery-cells")).toEqual({ name: "chain", open: ["battery-cells", "e-drive"] });
    expect(parseRoute("#/chain?open=")).toEqual({ name: "chain" });
    expect(formatRoute({ name: "chain", open: ["battery-cells", "e-drive"] })).toBe("#/chain?open=battery-cells,e-drive");
    expect(formatRoute({ name: "chain", open: [] })).toBe("#/chain");
  });
  it("reads the most-connected ranking with its measure and links", () => {
    expect(parseRoute("#/connected")).toEqual({ name: "connected", measure: "pagerank", supplyOnly: false });
    expect(parseRoute("#/connected?measure=betweenness&links=supply")).toEqual({ name: "connected", measure: "betweenness", supplyOnly: true });
    expect(parseRoute("#/connected?measure=closeness")).toEqual({ name: "connected", measure: "pagerank", supplyOnly: false });
    for (const route of [{ name: "connected", measure: "degree", supplyOnly: true }, { name: "connected", measure: "betweenness", supplyOnly: false }] as const) {
      expect(parseRoute(formatRoute(route))).toEqual(route);
    }
  });
  it("reads a language asked for by a link, on any route, and rewrites it", () => {
    expect(langOfHash("#/entity/changan-auto?lang=zh")).toBe("zh");
    expect(langOfHash("#/graph/catl?hops=2&lang=en")).toBe("en");
    expect(langOfHash("#/?lang=fr")).toBeNull();
    expect(langOfHash("#/chain")).toBeNull();
    expect(parseRoute("#/entity/changan-auto?lang=zh")).toMatchObject({ name: "entity", id: "changan-auto" });
    expect(parseRoute("#/policies?q=29&lang=zh")).toMatchObject({ name: "policies", query: "29" });
    expect(withLang("#/graph/catl?hops=2&lang=zh", "en")).toBe("#/graph/catl?hops=2&lang=en");
    expect(withLang("#/graph/catl?lang=zh", null)).toBe("#/graph/catl");
    expect(withLang("#/map?district=a%2Cb", "zh")).toBe("#/map?district=a%2Cb&lang=zh");
  });
  it("reads and writes how an entity page's trace is shown: customers, a tier depth, ownership", () => {
    expect(parseRoute("#/entity/changan-auto?trace=customers&tier=2&own=1")).toEqual({ name: "entity", id: "changan-auto", customers: true, tier: 2, own: true });
    expect(parseRoute("#/entity/changan-auto?trace=x&tier=7&own=yes")).toEqual({ name: "entity", id: "changan-auto" });
    expect(formatRoute({ name: "entity", id: "catl", asOf: 2020, tier: 1, own: true })).toBe("#/entity/catl?asof=2020&tier=1&own=1");
    for (const hash of ["#/entity/catl?trace=customers", "#/entity/catl?asof=2019&trace=customers&tier=3&own=1", "#/entity/catl"]) {
      expect(formatRoute(parseRoute(hash))).toBe(hash);
    }
  });
  it("reads and writes the path finder's question on an entity page: the entity to reach, how many paths, directed", () => {
    expect(parseRoute("#/entity/changan-auto?to=catl&k=5&directed=1")).toEqual({ name: "entity", id: "changan-auto", pathTo: "catl", pathK: 5, pathDirected: true });
    expect(parseRoute("#/entity/changan-auto?to=catl&k=4")).toEqual({ name: "entity", id: "changan-auto", pathTo: "catl" });
    expect(parseRoute("#/entity/changan-auto?k=5&directed=1")).toEqual({ name: "entity", id: "changan-auto" });
    expect(formatRoute({ name: "entity", id: "changan-auto", pathTo: "a b", pathK: 3 })).toBe("#/entity/changan-auto?to=a+b");
    for (const hash of ["#/entity/catl?to=seres-group&k=1", "#/entity/catl?tier=2&to=seres-group&directed=1"]) {
      expect(formatRoute(parseRoute(hash))).toBe(hash);
    }
  });
  it("reads and writes a search with its facets, dropping unknown kinds and grades", () => {
    const none = { kind: null, district: null, segment: null, grade: null };
    expect(parseRoute("#/search")).toEqual({ name: "search", query: "", facets: none });
    const hash = searchHref("长安 a&b", { kind: "firm", district: "yubei", segment: "battery-cell", grade: "A" });
    expect(parseRoute(hash)).toEqual({ name: "search", query: "长安 a&b", facets: { kind: "firm", district: "yubei", segment: "battery-cell", grade: "A" } });
    expect(searchHref("x")).toBe("#/search?q=x");
    expect(parseRoute("#/search?q=x&kind=nonsense&grade=Z")).toEqual({ name: "search", query: "x", facets: none });
    expect(parseRoute("#/search?q=x&kind=system&lang=zh")).toEqual({ name: "search", query: "x", facets: { ...none, kind: "system" } });
    expect(parseRoute("#/search/x")).toMatchObject({ name: "notFound" });
  });
  it("reads the statistics dashboard", () => {
    expect(parseRoute("#/statistics")).toEqual({ name: "statistics" });
    expect(formatRoute({ name: "statistics" })).toBe("#/statistics");
    expect(parseRoute("#/statistics/x")).toMatchObject({ name: "notFound" });
  });
  it("reads and writes the as-of year of entity pages and graphs (asof=YYYY), leaving it out when absent or invalid", () => {
    expect(parseRoute("#/entity/avatr?asof=2019")).toEqual({ name: "entity", id: "avatr", asOf: 2019 });
    expect(parseRoute("#/graph/avatr?hops=2&asof=2023")).toEqual({ name: "graph", id: "avatr", hops: 2, direction: "both", highlight: null, asOf: 2023 });
    for (const bad of ["", "now", "20x3", "23", "02023", "1799", "2101", "2023.5", "-2023"]) {
      expect(parseRoute(`#/entity/avatr?asof=${bad}`)).toEqual({ name: "entity", id: "avatr" });
      expect(parseRoute(`#/graph/avatr?asof=${bad}`)).not.toHaveProperty("asOf");
    }
    expect(entityHref("avatr", 2021)).toBe("#/entity/avatr?asof=2021");
    expect(entityHref("avatr")).toBe("#/entity/avatr");
    expect(graphHref("avatr", 1, "both", null, 2020)).toBe("#/graph/avatr?asof=2020");
    expect(graphHref("avatr", 2, "upstream", "h1", 2020)).toBe("#/graph/avatr?hops=2&direction=upstream&hl=h1&asof=2020");
    for (const hash of ["#/entity/avatr?asof=2018", "#/graph/catl?hops=3&asof=2024", "#/graph/catl?hl=h2&asof=2100"]) {
      expect(formatRoute(parseRoute(hash))).toBe(hash);
    }
  });
  it("reads the systems view, with or without a system to show", () => {
    expect(parseRoute("#/systems")).toEqual({ name: "systems", id: null });
    expect(parseRoute("#/systems/")).toEqual({ name: "systems", id: null });
    expect(parseRoute("#/systems/nev-9-2-5-30")).toEqual({ name: "systems", id: "nev-9-2-5-30" });
    expect(parseRoute("#/systems/a/b")).toMatchObject({ name: "notFound" });
  });
  it("clamps hops and ignores unknown directions", () => {
    expect(parseRoute("#/graph/x?hops=9")).toMatchObject({ hops: 3 });
    expect(parseRoute("#/graph/x?hops=0")).toMatchObject({ hops: 1 });
    expect(parseRoute("#/graph/x?hops=abc&direction=sideways")).toMatchObject({ hops: 1, direction: "both" });
  });
  it("decodes ids and rejects malformed paths", () => {
    expect(parseRoute("#/entity/a%20b")).toEqual({ name: "entity", id: "a b" });
    expect(parseRoute("#/entity/%E0%A4%A")).toMatchObject({ name: "notFound" });
    expect(parseRoute("#/entity")).toMatchObject({ name: "notFound" });
    expect(parseRoute("#/nowhere/x/y")).toMatchObject({ name: "notFound" });
  });
});

describe("formatRoute", () => {
  it("round-trips every route", () => {
    for (const hash of ["#/", "#/entity/changan-auto", "#/graph/catl", "#/graph/catl?hops=2&direction=downstream", "#/systems", "#/systems/nev-9-2-5-30", "#/chain", "#/what-if", "#/what-if?entities=a,b&places=p", "#/graph/catl?hops=2&hl=h1"]) {
      expect(formatRoute(parseRoute(hash))).toBe(hash);
    }
  });
  it("encodes ids so they cannot break out of the path", () => {
    expect(entityHref("a/b?c")).toBe("#/entity/a%2Fb%3Fc");
    expect(parseRoute(entityHref("a/b?c"))).toEqual({ name: "entity", id: "a/b?c" });
    expect(graphHref("x", 1, "both")).toBe("#/graph/x");
    expect(systemsHref()).toBe("#/systems");
    expect(systemsHref("a b")).toBe("#/systems/a%20b");
    expect(graphHref("x", 2, "upstream")).toBe("#/graph/x?hops=2&direction=upstream");
    expect(graphHref("x", 1, "both", "h2")).toBe("#/graph/x?hl=h2");
    expect(whatIfHref(["times-changan"], ["district-bishan"])).toBe("#/what-if?entities=times-changan&places=district-bishan");
    expect(chainHref()).toBe("#/chain");
  });
});

describe("brief routes", () => {
  it("round-trips an entity brief and a what-if brief", () => {
    expect(parseRoute("#/brief/changan-auto")).toEqual({ name: "brief", id: "changan-auto" });
    expect(parseRoute("#/brief/what-if?entities=a,b&places=p&depth=2")).toEqual({ name: "briefWhatIf", entities: ["a", "b"], places: ["p"], depth: 2 });
    expect(formatRoute({ name: "briefWhatIf", entities: ["a"], places: [], depth: 3 })).toBe("#/brief/what-if?entities=a");
    expect(parseRoute("#/brief/what-if?entities=a&depth=99")).toMatchObject({ depth: 5 });
  });
});

describe("path brief route", () => {
  it("round-trips", () => {
    const r = parseRoute("#/brief/path?from=a&to=b%2Fc&k=3&i=1&directed=1");
    expect(r).toEqual({ name: "briefPath", from: "a", to: "b/c", k: 3, directed: true, index: 1 });
    expect(parseRoute(formatRoute(r))).toEqual(r);
    expect(parseRoute("#/brief/path?from=a")).toMatchObject({ name: "notFound" });
  });
});

describe("segment brief route", () => {
  it("round-trips", () => {
    expect(parseRoute("#/brief/segment/cells")).toEqual({ name: "briefSegment", id: "cells" });
    expect(formatRoute({ name: "briefSegment", id: "a b" })).toBe("#/brief/segment/a%20b");
  });
});

describe("entityYearHref (the as-of year control)", () => {
  it("changes the year and keeps the trace and path-finder settings of the page shown", () => {
    const shown = "#/entity/changan-auto?trace=customers&tier=2&own=1&to=catl&k=5&directed=1";
    expect(parseRoute(entityYearHref(shown, "changan-auto", 2023))).toEqual({
      name: "entity", id: "changan-auto", asOf: 2023, customers: true, tier: 2, own: true, pathTo: "catl", pathK: 5, pathDirected: true,
    });
    expect(entityYearHref(shown, "changan-auto", 2023)).toBe("#/entity/changan-auto?asof=2023&trace=customers&tier=2&own=1&to=catl&k=5&directed=1");
    // Another year, then back to now: only asof changes.
    const then = "#/entity/changan-auto?asof=2023&tier=1&to=catl";
    expect(entityYearHref(then, "changan-auto", 2020)).toBe("#/entity/changan-auto?asof=2020&tier=1&to=catl");
    expect(entityYearHref(then, "changan-auto", undefined)).toBe("#/entity/changan-auto?tier=1&to=catl");
  });
  it("keeps nothing from another page's address", () => {
    expect(entityYearHref("#/entity/catl?tier=3&to=x", "changan-auto", 2022)).toBe("#/entity/changan-auto?asof=2022");
    expect(entityYearHref("#/graph/changan-auto?hops=2", "changan-auto", undefined)).toBe("#/entity/changan-auto");
  });
});
