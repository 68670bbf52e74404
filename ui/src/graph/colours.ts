/** One colour per entity kind, shared by the graph and its legend (and badges elsewhere). */
import type { EntityKind, Relation } from "../ipc/types";

export const KIND_COLOURS: Record<EntityKind, string> = {
  firm: "#1f77b4",
  brand: "#e377c2",
  plant: "#8c564b",
  university: "#2ca02c",
  test_agency: "#ff7f0e",
  proving_ground: "#bcbd22",
  research_institute: "#17becf",
  park: "#9467bd",
  district: "#7f7f7f",
  government_body: "#d62728",
  alliance: "#393b79",
  policy: "#637939",
  region: "#a0a0a0",
};

export const KIND_ORDER: readonly EntityKind[] = [
  "firm",
  "brand",
  "plant",
  "university",
  "research_institute",
  "test_agency",
  "proving_ground",
  "park",
  "district",
  "region",
  "government_body",
  "alliance",
  "policy",
];

export function kindColour(kind: string): string {
  return (KIND_COLOURS as Record<string, string>)[kind] ?? "#555555";
}

/** Supply edges are the point of the atlas, so they stand out; the rest are quiet. */
export function relationColour(relation: Relation): string {
  switch (relation) {
    case "supplies":
      return "#c0392b";
    case "owns":
    case "joint_venture":
    case "invests_in":
      return "#2c3e8f";
    default:
      return "#b0b0b0";
  }
}

/** Links by colour, for the legend: each group is drawn in one colour (relationColour). */
export type RelationGroup = "supply" | "ownership" | "other";

export function relationGroup(relation: Relation): RelationGroup {
  switch (relation) {
    case "supplies":
      return "supply";
    case "owns":
    case "joint_venture":
    case "invests_in":
      return "ownership";
    default:
      return "other";
  }
}

export const RELATION_GROUPS: ReadonlyArray<{ id: RelationGroup; sample: Relation }> = [
  { id: "supply", sample: "supplies" },
  { id: "ownership", sample: "owns" },
  { id: "other", sample: "located_in" },
];
