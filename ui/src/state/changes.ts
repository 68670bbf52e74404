/**
 * What changed between two editions, for people: the changes of `edition_diff` grouped by kind of
 * fact, each named in the user's language (entity names from the edition, relations and metrics
 * from the UI's words), field names and values made readable, the workspace's items that need
 * attention, and the whole as one table for export. Pure.
 */
import { en, type Lang, type MessageKey } from "../i18n";
import type { DiffAttention, DiffChange, DiffFact, EditionDiffView, FactChangeView } from "../ipc/types";
import type { TableData } from "../export/table";
import type { Translate } from "../views/context";
import { primaryName } from "./format";

export const FACT_ORDER: readonly DiffFact[] = ["entity", "link", "statistic", "policy", "system", "source"];
export const CHANGE_ORDER: readonly DiffChange[] = ["added", "removed", "changed"];

/** A UI word when the table has it, else `fallback`. */
function word(t: Translate, key: string, fallback: string): string {
  return Object.prototype.hasOwnProperty.call(en, key) ? t(key as MessageKey) : fallback;
}

export interface FactGroup {
  fact: DiffFact;
  counts: Record<DiffChange, number>;
  /** Added first, then removed, then changed; by key within each. */
  changes: FactChangeView[];
}

/** The changes by kind of fact, in FACT_ORDER, leaving out kinds with no change. */
export function groupByFact(diff: EditionDiffView): FactGroup[] {
  return FACT_ORDER.map((fact) => {
    const changes = diff.changes
      .filter((c) => c.fact === fact)
      .sort((a, b) => CHANGE_ORDER.indexOf(a.change) - CHANGE_ORDER.indexOf(b.change) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const counts = { added: 0, removed: 0, changed: 0 };
    for (const c of changes) counts[c.change] += 1;
    return { fact, counts, changes };
  }).filter((g) => g.changes.length > 0);
}

/** The name of a change for people, in `lang`: an entity's name, "A supplies B (product)", "A: metric period". */
export function changeTitle(c: FactChangeView, lang: Lang, t: Translate): string {
  const name = (id: string | undefined): string | null => {
    const entity = c.entities.find((e) => e.id === id);
    return entity ? primaryName(entity, lang) : null;
  };
  const parts = c.key.split("|");
  switch (c.fact) {
    case "entity":
    case "policy":
      return name(c.key) ?? c.label;
    case "link": {
      const [from, relation = "", to, product = ""] = parts;
      const a = name(from), b = name(to);
      if (!a || !b) return c.label;
      const text = `${a} ${word(t, `rel.${relation}`, relation.replace(/_/g, " "))} ${b}`;
      return product ? `${text} (${product.replace(/#\d+$/, "")})` : text;
    }
    case "statistic": {
      const [subject, metric = "", period = ""] = parts;
      const a = name(subject);
      return a ? `${a}: ${word(t, `metric.${metric}`, metric.replace(/_/g, " "))} ${period}` : c.label;
    }
    default:
      return c.label;
  }
}

/** A field's name for people. */
export function fieldLabel(field: string, t: Translate): string {
  return word(t, `changes.field.${field}`, field.replace(/_/g, " "));
}

/** Fields whose values are words of the domain, shown in the UI's words: field -> key prefix. */
const WORD_FIELDS: Record<string, string> = { confidence: "confidence", kind: "kind", status: "status" };

/** Fields whose values are entity ids (named in the change's entities). */
const ENTITY_FIELDS = new Set(["district", "declared_by"]);

/**
 * A field's value for people: sources named by publisher and title where the change lists them,
 * a district or declarer by its name, and confidence, kind and status in the user's language
 * (when `t` and `lang` are given).
 */
export function fieldValue(c: FactChangeView, field: string, value: string | null, t?: Translate, lang?: Lang): string | null {
  const entity = value !== null && lang && ENTITY_FIELDS.has(field) ? c.entities.find((e) => e.id === value) : undefined;
  if (entity && lang) return primaryName(entity, lang);
  const prefix = WORD_FIELDS[field];
  if (value !== null && prefix && t) return word(t, `${prefix}.${value}`, value);
  if (value === null || field !== "sources") return value;
  return value
    .split(";")
    .map((id) => id.trim())
    .filter((id) => id !== "")
    .map((id) => {
      const source = c.sources.find((s) => s.id === id);
      return source ? `${source.publisher}: ${source.title}` : id;
    })
    .join("; ");
}

/** What an item of the workspace that needs attention is, in the user's words. */
export function attentionText(a: DiffAttention, lang: Lang, t: Translate): string {
  const what = a.what === "note" ? "changes.attention.note" : a.what === "note on a changed fact" ? "changes.attention.noteChanged" : `changes.attention.${a.what}`;
  const head = word(t, what, t("changes.attention.other"));
  const names = a.entities.map((e) => primaryName(e, lang)).join(" → ");
  const parts = [head + (names ? `: ${names}` : "")];
  if (a.text) parts.push(`“${a.text}”`);
  if (!a.new) parts.push(t("changes.attention.already"));
  return parts.join(" ");
}

/** Every change as rows of one table: one row per field, with the change's sources on each. */
export function diffTable(diff: EditionDiffView, lang: Lang, t: Translate): TableData {
  const rows: TableData["rows"] = [];
  for (const group of groupByFact(diff)) {
    for (const c of group.changes) {
      const sources = c.sources.map((s) => [s.publisher, s.title, s.url].filter((x) => x !== "").join(", ")).join("; ");
      const head = [t(`changes.fact.${c.fact}`), t(`changes.${c.change}`), changeTitle(c, lang, t)];
      if (c.fields.length === 0) rows.push([...head, null, null, null, sources]);
      for (const f of c.fields) rows.push([...head, fieldLabel(f.field, t), fieldValue(c, f.field, f.old, t, lang), fieldValue(c, f.field, f.new, t, lang), sources]);
    }
  }
  return {
    title: t("changes.exportTitle", { old: diff.old.version, new: diff.new.version }),
    columns: [t("changes.col.fact"), t("changes.col.change"), t("changes.col.what"), t("changes.col.field"), t("changes.col.old"), t("changes.col.new"), t("changes.col.sources")],
    rows,
  };
}
