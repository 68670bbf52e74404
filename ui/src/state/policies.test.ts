import { describe, expect, it } from "vitest";
import type { PolicyEntry } from "../ipc/bindings/PolicyEntry";
import { filterAndSort, normaliseDocNumber, policyMatches, policyStatus } from "./policies";

const gov = { id: "gov", kind: "government_body" as const, name_zh: "重庆市人民政府", name_en: "Chongqing Municipal Government" };
const policy = (id: string, name_en: string, doc: string | null, issued: string | null, horizon: number | null): PolicyEntry => ({
  policy: { id, kind: "policy", name_zh: null, name_en },
  doc_number: doc,
  issued,
  horizon,
  issuers: id === "b" ? [gov] : [],
  sources: 1,
});
const rows = [
  policy("a", "Alpha plan", "渝府办发〔2024〕29号", "2024-03-30", 2025),
  policy("b", "Beta plan", "渝府发〔2022〕38号", "2022-08-19", 2030),
  policy("c", "Gamma rules", null, null, null),
];

describe("policy library", () => {
  it("status comes from the horizon year only", () => {
    expect(rows.map((p) => policyStatus(p, 2026))).toEqual(["passed", "current", "unknown"]);
    expect(policyStatus(rows[0]!, 2025)).toBe("current");
  });
  it("finds a document number written with any brackets", () => {
    expect(normaliseDocNumber("渝府办发[2024]29号")).toBe(normaliseDocNumber("渝府办发〔2024〕29号"));
    expect(policyMatches(rows[0]!, "渝府办发(2024)29号")).toBe(true);
    expect(policyMatches(rows[1]!, "渝府办发(2024)29号")).toBe(false);
  });
  it("finds by issuer and title", () => {
    expect(filterAndSort(rows, "人民政府", "issued", true, "en", 2026).map((p) => p.policy.id)).toEqual(["b"]);
    expect(filterAndSort(rows, "gamma", "issued", true, "en", 2026).map((p) => p.policy.id)).toEqual(["c"]);
  });
  it("sorts both ways with empty values last", () => {
    expect(filterAndSort(rows, "", "issued", true, "en", 2026).map((p) => p.policy.id)).toEqual(["a", "b", "c"]);
    expect(filterAndSort(rows, "", "issued", false, "en", 2026).map((p) => p.policy.id)).toEqual(["b", "a", "c"]);
    expect(filterAndSort(rows, "", "horizon", false, "en", 2026).map((p) => p.policy.id)).toEqual(["a", "b", "c"]);
    expect(filterAndSort(rows, "", "status", false, "en", 2026).map((p) => p.policy.id)).toEqual(["b", "a", "c"]);
    expect(filterAndSort(rows, "", "title", true, "en", 2026).map((p) => p.policy.id)).toEqual(["c", "b", "a"]);
  });
});
