// The shipped boundaries match every district of the data by its Chinese name, and the map's
// counting follows its filters.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { DistrictEntry } from "../ipc/bindings/DistrictEntry";
import type { PlacedEntity } from "../ipc/bindings/PlacedEntity";
import { countByDistrict, districtStem, kindsPresent, matchPolygons, NO_FILTER, shown } from "./districts";

const dir = join(__dirname, "../../../data/entities");
// id, kind and name_zh are the first three columns and come before any quoted one.
const districts = readdirSync(dir)
  .filter((f) => f.endsWith(".csv"))
  .flatMap((f) => readFileSync(join(dir, f), "utf8").split(/\r?\n/).slice(1))
  .map((l) => l.split(","))
  .filter((cols) => cols[1] === "district")
  .map((cols) => ({ id: cols[0]!, name_zh: cols[2]! }));

const geo = JSON.parse(readFileSync(join(__dirname, "chongqing.json"), "utf8")) as { features: Array<{ properties: { name: string } }> };
const polygons = geo.features.map((f) => f.properties.name);

describe("district polygons", () => {
  it("the data has Chongqing's 38 districts and counties, and the map 38 polygons", () => {
    expect(districts).toHaveLength(38);
    expect(new Set(polygons).size).toBe(38);
  });
  it("every district entity finds its own polygon by its Chinese name", () => {
    const matched = matchPolygons(districts, polygons);
    expect(districts.filter((d) => !matched.has(d.id)).map((d) => d.name_zh)).toEqual([]);
    // No two districts share a polygon.
    expect(new Set(matched.values()).size).toBe(38);
    for (const d of districts) expect(districtStem(matched.get(d.id)!)).toBe(districtStem(d.name_zh));
  });
  it("stems drop 区, 县 and the ethnic 自治县 ending", () => {
    expect(districtStem("梁平县")).toBe(districtStem("梁平区"));
    expect(districtStem("石柱土家族自治县")).toBe("石柱");
    expect(districtStem("彭水苗族土家族自治县")).toBe("彭水");
    expect(districtStem("忠县")).toBe("忠");
    expect(districtStem("江北区")).not.toBe(districtStem("江津区"));
  });
});

const placed = (id: string, kind: PlacedEntity["entity"]["kind"], segments: string[]): PlacedEntity => ({
  entity: { id, kind, name_zh: null, name_en: id },
  park: null,
  segments,
});
const entries: DistrictEntry[] = [
  { district: { id: "d1", kind: "district", name_zh: "甲区", name_en: "A" }, entities: [placed("f1", "firm", ["battery"]), placed("f2", "firm", ["motor"]), placed("p1", "park", [])] },
  { district: { id: "d2", kind: "district", name_zh: "乙区", name_en: "B" }, entities: [placed("u1", "university", [])] },
];

describe("counting by filter", () => {
  it("counts everything without a filter", () => {
    expect([...countByDistrict(entries, NO_FILTER)]).toEqual([["d1", 3], ["d2", 1]]);
  });
  it("counts only the chosen kinds and segment", () => {
    expect([...countByDistrict(entries, { kinds: ["firm"], segment: null })]).toEqual([["d1", 2], ["d2", 0]]);
    expect(shown(entries[0]!, { kinds: [], segment: "battery" }).map((p) => p.entity.id)).toEqual(["f1"]);
  });
  it("lists the kinds present, most frequent first", () => {
    expect(kindsPresent(entries)).toEqual(["firm", "park", "university"]);
  });
});
