import { describe, expect, it } from "vitest";
import type { EntityPage } from "../ipc/bindings/EntityPage";
import { addToSet, partners, shared } from "./compare";

const ref = (id: string) => ({ id, kind: "firm" as const, name_zh: null, name_en: id });
const link = (other: string, direction: "incoming" | "outgoing", relation = "supplies", retracted: string | null = null) => ({ relation, direction, other: ref(other), retracted });
const page = (id: string, links: ReturnType<typeof link>[]) => ({ entity: ref(id), links }) as unknown as EntityPage;

describe("compare set", () => {
  it("adds without duplicates and keeps at most four, newest last", () => {
    expect(addToSet(["a", "b"], "a")).toEqual(["b", "a"]);
    expect(addToSet(["a", "b", "c", "d"], "e")).toEqual(["b", "c", "d", "e"]);
  });
});

describe("suppliers and customers", () => {
  const a = page("a", [link("catl", "incoming"), link("bosch", "incoming"), link("x", "incoming", "owns"), link("dealer", "outgoing"), link("gone", "incoming", "supplies", "wrong")]);
  const b = page("b", [link("catl", "incoming"), link("dealer", "outgoing")]);
  it("reads supplies links by direction, leaving out other relations and retracted links", () => {
    expect(partners(a, "suppliers").map((p) => p.id)).toEqual(["catl", "bosch"]);
    expect(partners(a, "customers").map((p) => p.id)).toEqual(["dealer"]);
  });
  it("marks partners two entities share", () => {
    expect([...shared([a, b], "suppliers")]).toEqual(["catl"]);
    expect([...shared([a, b], "customers")]).toEqual(["dealer"]);
    expect([...shared([a], "suppliers")]).toEqual([]);
  });
});
