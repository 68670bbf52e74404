/**
 * The user's workspace in the UI, as pure functions: which commands see "the shipped edition
 * only", what a form's source becomes on the wire, which field an API error is about, how a change
 * of the log is told in the user's language, the undo and redo keys, and the import report.
 */
import type { MessageKey } from "../i18n";
import { COMMANDS, WRITE_COMMANDS } from "../ipc/commands";
import type { Call, CommandName } from "../ipc/transport";
import type { ChangeEntry, EntityRef, Grade, ImportReportView, NameMatchView, Origin, SourceArg } from "../ipc/types";

/** Workspace commands that take no edition_only (export_graph does take it). */
const NO_EDITION_SWITCH = new Set<string>(["workspace_status", "export_table", "backup_now"]);
const WRITES = new Set<string>(WRITE_COMMANDS);

/** The commands that read the atlas and accept `edition_only`. */
export const EDITION_READS: ReadonlySet<string> = new Set(COMMANDS.filter((c) => !WRITES.has(c) && !NO_EDITION_SWITCH.has(c)));

/**
 * Wraps `call` so that reads ask for the shipped edition alone while `editionOnly()` is true. Put
 * it over the cache, so the cache keys its answers by the switch too.
 */
export function editionOnlyCall(inner: Call, editionOnly: () => boolean): Call {
  return ((command: CommandName, args: unknown) => {
    if (editionOnly() && EDITION_READS.has(command)) {
      return inner(command, { ...((args as object | undefined) ?? {}), edition_only: true } as never);
    }
    return inner(command, args as never);
  }) as Call;
}

// ---------------------------------------------------------------- sources

export type SourceMode = "url" | "own";

/** What the source part of a form holds, as typed. */
export interface SourceInput {
  mode: SourceMode;
  url: string;
  publisher: string;
  title: string;
  published: string;
  date: string;
  citation: string;
  grade: Grade | "";
}

export const emptySource = (): SourceInput => ({ mode: "url", url: "", publisher: "", title: "", published: "", date: "", citation: "", grade: "" });

/** The names of the fields a form can show an error under. */
export type FieldName =
  | "url" | "published" | "date" | "citation" | "grade"
  | "entity" | "other" | "name" | "name_zh" | "district"
  | "share" | "since" | "until" | "relation"
  | "metric" | "period" | "value" | "unit"
  | "reason" | "text" | "field" | "correction";

export interface FieldError {
  field: FieldName;
  key: MessageKey;
}

const DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

/** True for YYYY, YYYY-MM or YYYY-MM-DD (the API checks the calendar too). */
export function looksLikeDate(text: string): boolean {
  return DATE.test(text.trim());
}

/** The source on the wire, or the fields that are missing or malformed (checked before sending). */
export function sourceArg(input: SourceInput): { source: SourceArg } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (input.grade === "") errors.push({ field: "grade", key: "form.error.grade" });
  if (input.mode === "url") {
    const url = input.url.trim();
    if (url === "") errors.push({ field: "url", key: "form.error.required" });
    else if (!/^https?:\/\/\S+$/.test(url)) errors.push({ field: "url", key: "form.error.url" });
    if (input.published.trim() !== "" && !looksLikeDate(input.published)) errors.push({ field: "published", key: "form.error.date" });
    if (errors.length > 0 || input.grade === "") return { errors };
    return { source: { type: "url", url, publisher: input.publisher.trim(), title: input.title.trim(), published: input.published.trim() || null, grade: input.grade } };
  }
  if (input.date.trim() === "") errors.push({ field: "date", key: "form.error.required" });
  else if (!looksLikeDate(input.date)) errors.push({ field: "date", key: "form.error.date" });
  if (input.citation.trim() === "") errors.push({ field: "citation", key: "form.error.citation" });
  if (errors.length > 0 || input.grade === "") return { errors };
  return { source: { type: "own_record", date: input.date.trim(), citation: input.citation.trim(), grade: input.grade } };
}

/** API messages (English, from the workspace) and the field and words they mean. First match wins. */
const API_ERRORS: ReadonlyArray<[RegExp, FieldName, MessageKey]> = [
  [/every fact needs a source/, "url", "form.error.source"],
  [/is not a web address/, "url", "form.error.url"],
  [/publication date .* is not a date/, "published", "form.error.date"],
  [/date of your record .* is not a date/, "date", "form.error.date"],
  [/own record needs a citation/, "citation", "form.error.citation"],
  [/needs a Chinese or an English name/, "name", "form.error.name"],
  [/Chinese name .* has no Chinese characters/, "name_zh", "form.error.nameZh"],
  [/needs two different entities/, "other", "form.error.sameEntity"],
  [/no entity .* is known/, "other", "form.error.unknownEntity"],
  [/^share .* outside/, "share", "form.error.share"],
  [/^share .* not a finite number/, "correction", "form.error.number"],
  [/^since .* is not a date/, "since", "form.error.date"],
  [/^until .* is earlier than since/, "until", "form.error.untilBeforeSince"],
  [/^until .* is not a date/, "until", "form.error.date"],
  [/^period .* is not/, "period", "form.error.period"],
  [/value is not a finite number/, "value", "form.error.number"],
  [/needs a metric and a unit/, "unit", "form.error.metricUnit"],
  [/say why the fact is wrong/, "reason", "form.error.reason"],
  [/the note is empty/, "text", "form.error.note"],
  [/cannot be corrected/, "field", "form.error.field"],
  [/^(value|founded) .* not/, "correction", "form.error.correction"],
  [/^confidence is one of/, "correction", "form.error.confidence"],
];

/** The field an API error message is about, with its words in the user's language; null when unknown. */
export function fieldForError(message: string): FieldError | null {
  for (const [pattern, field, key] of API_ERRORS) if (pattern.test(message)) return { field, key };
  return null;
}

// ---------------------------------------------------------------- facts

/** True for facts that come from the user: added, corrected or retracted. */
export function isYours(fact: { origin: Origin; retracted?: string | null }): boolean {
  return fact.origin !== "edition" || (fact.retracted ?? null) !== null;
}

/** The fields a correction may change, per kind of fact (as the workspace allows). */
export const CORRECTABLE = {
  entity: ["name_zh", "name_en", "district", "products", "founded", "website", "confidence", "note"],
  link: ["share", "since", "until", "confidence", "note"],
  statistic: ["value", "unit", "confidence", "note"],
} as const;

export type FactKind = keyof typeof CORRECTABLE;

/** A note's target: "entity:ID", "link:KEY", "statistic:KEY". */
export const noteTarget = (kind: FactKind, key: string): string => `${kind}:${key}`;

// ---------------------------------------------------------------- the log

/** A log entry told in the user's words: the action's template filled with names. */
export function describeChange(entry: ChangeEntry, name: (e: EntityRef) => string, t: (key: MessageKey, params?: Record<string, string | number>) => string): string {
  const names = (entry.entities ?? []).map(name);
  const label = entry.label ?? "";
  const field = label && isFieldName(label) ? t(`field.${label}`) : label;
  const params = { a: names[0] ?? "…", b: names[1] ?? "…", names: names.join(" → ") || "…", label: field || "…" };
  switch (entry.action) {
    case "add_entity": return t("change.add_entity", params);
    case "add_link": return t("change.add_link", params);
    case "add_statistic": return t("change.add_statistic", params);
    case "correct": return t("change.correct", params);
    case "retract": return t("change.retract", params);
    case "note": return t("change.note", params);
    case "save_view": return t("change.save_view", params);
    case "import": return t("change.import", params);
    case "reattach": return t("change.reattach", params);
    default: return t("change.other");
  }
}

const FIELD_NAMES = new Set<string>([...CORRECTABLE.entity, ...CORRECTABLE.link, ...CORRECTABLE.statistic]);
function isFieldName(text: string): text is (typeof CORRECTABLE)[FactKind][number] {
  return FIELD_NAMES.has(text);
}

/** What Ctrl+Z (undo) and Ctrl+Shift+Z or Ctrl+Y (redo) do; nothing while typing in a field. */
export function undoKey(e: { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean; target?: EventTarget | null }): "undo" | "redo" | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  const target = e.target as { tagName?: string; isContentEditable?: boolean } | null | undefined;
  const tag = target?.tagName ?? "";
  if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || target?.isContentEditable) return null;
  const key = e.key.toLowerCase();
  if (key === "z") return e.shiftKey ? "redo" : "undo";
  if (key === "y" && !e.shiftKey) return "redo";
  return null;
}

/** When a backup was taken, from its name ("workspace-20261205T141205.123456Z-manual.sqlite"). */
export function backupTime(name: string): Date | null {
  const m = /-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})/.exec(name);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
}

// ---------------------------------------------------------------- import

export interface ImportReview {
  /** True when the file can be imported: a dry run with no problem. */
  canImport: boolean;
  matched: NameMatchView[];
  created: NameMatchView[];
  ambiguous: NameMatchView[];
  /** "row:column: message", in the file's order. */
  problems: string[];
}

export function reviewImport(report: ImportReportView): ImportReview {
  const by = (kind: NameMatchView["kind"]) => report.names.filter((n) => n.kind === kind);
  return {
    canImport: report.problems.length === 0 && !report.imported && Number(report.rows) > 0,
    matched: by("matched"),
    created: by("new"),
    ambiguous: by("ambiguous"),
    problems: [...report.problems].sort((a, b) => Number(a.row) - Number(b.row) || Number(a.column) - Number(b.column)).map((p) => `${p.row}:${p.column}: ${p.message}`),
  };
}

/** A file's bytes as base64, for import_file. */
export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}
