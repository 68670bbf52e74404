import { describe, expect, it, vi } from "vitest";
import { translate } from "../i18n";
import type { Call } from "../ipc/transport";
import type { ChangeEntry, ImportReportView } from "../ipc/types";
import { backupTime, describeChange, EDITION_READS, editionOnlyCall, emptySource, fieldForError, isYours, reviewImport, sourceArg, toBase64, undoKey } from "./workspace";

describe("edition only", () => {
  it("adds edition_only to reads while the switch is on, never to writes or the workspace's own commands", async () => {
    const inner = vi.fn(async (command: string, args: unknown) => ({ command, args })) as unknown as Call;
    let on = false;
    const call = editionOnlyCall(inner, () => on);
    await call("trace", { id: "a" });
    on = true;
    await call("trace", { id: "a" });
    await call("export_graph", { format: "graphml", ids: null, edition_only: false });
    await call("add_note", { target: "entity:a", text: "x" });
    await call("workspace_status", {});
    const seen = (inner as unknown as { mock: { calls: unknown[][] } }).mock.calls.map((c) => c[1]);
    expect(seen).toEqual([
      { id: "a" },
      { id: "a", edition_only: true },
      { format: "graphml", ids: null, edition_only: true },
      { target: "entity:a", text: "x" },
      {},
    ]);
    expect(EDITION_READS.has("what_if")).toBe(true);
    expect(EDITION_READS.has("undo")).toBe(false);
  });
});

describe("sources", () => {
  it("asks for a grade and a valid web address", () => {
    expect(sourceArg({ ...emptySource(), url: "example.org" })).toEqual({ errors: [{ field: "grade", key: "form.error.grade" }, { field: "url", key: "form.error.url" }] });
    expect(sourceArg({ ...emptySource(), url: " https://example.org/a ", grade: "B", published: "2024-13" })).toEqual({ errors: [{ field: "published", key: "form.error.date" }] });
    expect(sourceArg({ ...emptySource(), url: "https://example.org/a", grade: "B", published: "" })).toEqual({
      source: { type: "url", url: "https://example.org/a", publisher: "", title: "", published: null, grade: "B" },
    });
  });
  it("needs a date and a citation for the user's own record", () => {
    const own = { ...emptySource(), mode: "own" as const, grade: "A" as const };
    expect(sourceArg(own)).toEqual({ errors: [{ field: "date", key: "form.error.required" }, { field: "citation", key: "form.error.citation" }] });
    expect(sourceArg({ ...own, date: "2026-11-30", citation: " Meeting with the purchasing office " })).toEqual({
      source: { type: "own_record", date: "2026-11-30", citation: "Meeting with the purchasing office", grade: "A" },
    });
  });
  it("puts the API's refusals under the field they concern", () => {
    expect(fieldForError('"ftp://x" is not a web address (http:// or https://)')).toEqual({ field: "url", key: "form.error.url" });
    expect(fieldForError("until 2020 is earlier than since 2024")).toEqual({ field: "until", key: "form.error.untilBeforeSince" });
    expect(fieldForError("share 140 is outside 0 to 100 percent")).toEqual({ field: "share", key: "form.error.share" });
    expect(fieldForError('the date of your record "2023-02-30" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)')?.field).toBe("date");
    expect(fieldForError("say why the fact is wrong")?.field).toBe("reason");
    expect(fieldForError("the disk is full")).toBeNull();
  });
});

describe("facts and the log", () => {
  it("marks added, corrected and retracted facts as the user's", () => {
    expect(isYours({ origin: "edition", retracted: null })).toBe(false);
    expect(isYours({ origin: "edition", retracted: "wrong year" })).toBe(true);
    expect(isYours({ origin: "corrected" })).toBe(true);
    expect(isYours({ origin: "yours", retracted: null })).toBe(true);
  });
  it("tells a change with names, never ids, in both languages", () => {
    const entry: ChangeEntry = {
      id: 3n, at: "2026-12-05T10:00:00Z", action: "add_link", summary: "added catl supplies seres-auto", undone: false, label: null,
      entities: [{ id: "catl", kind: "firm", name_zh: "宁德时代", name_en: "CATL" }, { id: "seres-auto", kind: "firm", name_zh: "赛力斯汽车", name_en: "Seres" }],
    };
    const name = (e: { name_en: string | null; name_zh: string | null }) => e.name_en ?? "";
    expect(describeChange(entry, name, (k, p) => translate("en", k, p))).toBe("Added link CATL → Seres");
    expect(describeChange(entry, (e) => e.name_zh ?? "", (k, p) => translate("zh", k, p))).toBe("添加关系 宁德时代 → 赛力斯汽车");
    const corrected = { ...entry, action: "correct", label: "founded", entities: entry.entities.slice(0, 1) };
    expect(describeChange(corrected, name, (k, p) => translate("en", k, p))).toBe("Corrected founded of CATL");
    expect(describeChange({ ...entry, action: "import", label: "suppliers.csv", entities: [] }, name, (k, p) => translate("en", k, p))).toBe("Imported suppliers.csv");
  });
  it("undoes with Ctrl+Z and redoes with Ctrl+Shift+Z, but not while typing", () => {
    const key = (k: string, o: Partial<{ ctrlKey: boolean; shiftKey: boolean; metaKey: boolean; tag: string }> = {}) =>
      undoKey({ key: k, ctrlKey: o.ctrlKey ?? true, metaKey: o.metaKey ?? false, shiftKey: o.shiftKey ?? false, altKey: false, target: { tagName: o.tag ?? "BODY" } as unknown as EventTarget });
    expect(key("z")).toBe("undo");
    expect(key("Z", { shiftKey: true })).toBe("redo");
    expect(key("z", { ctrlKey: false, metaKey: true })).toBe("undo");
    expect(key("z", { ctrlKey: false })).toBeNull();
    expect(key("z", { tag: "INPUT" })).toBeNull();
    expect(key("z", { tag: "TEXTAREA", shiftKey: true })).toBeNull();
  });
  it("reads a backup's time from its name", () => {
    expect(backupTime("workspace-20261205T141205.123456Z-manual.sqlite")?.toISOString()).toBe("2026-12-05T14:12:05.000Z");
    expect(backupTime("other.sqlite")).toBeNull();
  });
});

describe("import review", () => {
  const report = (problems: ImportReportView["problems"], imported = false): ImportReportView => ({
    rows: 2n, encoding: "GB18030", layout: "supplier list", problems, matched: 1n, new_entities: 1n, new_links: 2n, new_statistics: 0n, imported, revision: 0n,
    names: [
      { name: "宁德时代", kind: "matched", entities: ["catl"], named: [] },
      { name: "某电机厂", kind: "new", entities: [], named: [] },
      { name: "长安", kind: "ambiguous", entities: ["a", "b"], named: [] },
    ],
  });
  it("offers the import only after a dry run with no problem", () => {
    expect(reviewImport(report([])).canImport).toBe(true);
    expect(reviewImport(report([], true)).canImport).toBe(false);
    const bad = reviewImport(report([{ row: 3n, column: 6n, message: "share 1.7 is outside 0..1", message_zh: "份额 1.7 超出范围" }, { row: 2n, column: 4n, message: "no source", message_zh: "缺少来源" }]));
    expect(bad.canImport).toBe(false);
    expect(bad.problems).toEqual(["2:4: no source", "3:6: share 1.7 is outside 0..1"]);
    expect([bad.matched.length, bad.created.length, bad.ambiguous.length]).toEqual([1, 1, 1]);
  });
  it("encodes file bytes as base64", () => {
    expect(toBase64(new Uint8Array([0xb9, 0xa9, 0xd3, 0xa6, 0xc9, 0xcc]))).toBe("uanTpsnM");
  });
});
