/** Small inline badges: kind, grade, confidence. */
import type { Confidence, EntityKind, Grade } from "../ipc/types";
import type { Translate } from "../views/context";
import { kindColour } from "../graph/colours";
import { h } from "./dom";

export function kindBadge(kind: EntityKind, t: Translate): HTMLElement {
  const badge = h("span", { class: "kind-badge", testid: "kind-badge", data: { kind } },
    h("span", { class: "kind-dot", aria: { hidden: "true" } }),
    t(`kind.${kind}`),
  );
  (badge.firstChild as HTMLElement).style.background = kindColour(kind);
  return badge;
}

export function gradeBadge(grade: Grade, t: Translate): HTMLElement {
  return h("span", { class: `grade grade-${grade}`, testid: "grade-badge", title: t(`source.grade${grade}`) }, grade);
}

/** Nothing for "confirmed" (the normal case); a visible flag otherwise. */
export function confidenceFlag(confidence: Confidence, t: Translate): HTMLElement | null {
  if (confidence === "confirmed") return null;
  return h("span", { class: `flag flag-${confidence}`, testid: "confidence-flag", data: { confidence } }, t(`confidence.${confidence}`));
}
