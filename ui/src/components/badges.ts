/** Small inline badges: kind, grade, confidence. */
import type { Confidence, EntityKind, Grade, StatisticKind, Status } from "../ipc/types";
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

/** A system group's or member's status. Unlike confidence, "confirmed" is shown too, so the two can be compared. */
export function statusBadge(status: Status, t: Translate): HTMLElement {
  return h("span", {
    class: `status status-${status}`,
    testid: "status-badge",
    title: t(status === "confirmed" ? "status.confirmedHelp" : "status.unconfirmedHelp"),
    data: { status },
  }, status === "confirmed" ? "✓ " : "? ", t(`status.${status}`));
}

/** Actual figure or a plan's target. */
export function statKindBadge(kind: StatisticKind, t: Translate): HTMLElement {
  return h("span", { class: `stat-kind stat-kind-${kind}`, testid: "stat-kind", title: kind === "target" ? t("stat.targetHelp") : undefined, data: { kind } }, t(`stat.${kind}`));
}
