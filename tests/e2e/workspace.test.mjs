// The user's workspace in the browser (issue 8), against `nev-atlas serve` with a workspace of its
// own: add a supplier through the form (with a source) and see it in the trace, the chain view and
// what-if; undo it; import a GBK supplier list with one bad row (refused, nothing changed), then
// the fixed file (the links appear); export GraphML and read it back. Screenshots of the forms, the
// import report and the workspace page in English and Chinese at 1440×900 and 1920×1080.
//
// The firms added here are made up for the test ("测试…", "E2E test …", example.org sources) and
// live only in this test's throwaway workspace.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { launch, shot, watch } from "./support/browser.mjs";
import { sel, waitForEntity, waitForGraph } from "./support/journey.mjs";
import { paths, repoRoot, required } from "./support/paths.mjs";
import { startServer } from "./support/server.mjs";
import { assertAccessible } from "./support/axe.mjs";

const mock = process.env.NEV_ATLAS_SERVER === "mock";
const missing = [
  mock && "the real server (the mock has no workspace)",
  !existsSync(paths.bin) && `server binary ${paths.bin}`,
  !existsSync(paths.edition) && `edition ${paths.edition}`,
  !existsSync(`${paths.ui}/index.html`) && `UI build ${paths.ui}/index.html (run npm run build in ui/)`,
  !existsSync(paths.chromium) && `chromium ${paths.chromium}`,
].filter(Boolean);
if (missing.length > 0 && required && !mock) throw new Error(`workspace e2e prerequisites missing: ${missing.join(", ")}`);
const skip = missing.length > 0 ? `missing ${missing.join(", ")}` : false;

const MAKER = "changan-auto";
const MAKER_ZH = "重庆长安汽车股份有限公司";
const NEW_FIRM_ZH = "测试燃料电池厂";
const NEW_FIRM_EN = "E2E Test Fuel Cell Works";
const SEGMENT = "hydrogen-fuel-cells";

/** GBK bytes of a text, from the reverse of Node's GBK decoder (ASCII stays one byte). */
const gbk = (() => {
  const decoder = new TextDecoder("gbk");
  const table = new Map();
  for (let a = 0x81; a <= 0xfe; a++) {
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.of(a, b));
      if (ch.length === 1 && ch !== "\ufffd" && !table.has(ch)) table.set(ch, [a, b]);
    }
  }
  return (text) => {
    const bytes = Buffer.from([...text].flatMap((c) => {
      if (c.charCodeAt(0) < 0x80) return [c.charCodeAt(0)];
      const pair = table.get(c);
      assert.ok(pair, `no GBK code for ${c}`);
      return pair;
    }));
    assert.equal(decoder.decode(bytes), text, "the GBK bytes read back as the text");
    return bytes;
  };
})();

// A supplier list as Excel on Chinese Windows saves it: GBK, CRLF, Chinese headers. Row 3 has a
// date that does not exist (2026-02-30), so the file is refused at row 3, column 5.
const SUPPLIER_LIST = (date3) =>
  "供应商,客户,产品,来源,日期\r\n" +
  `测试导入电池厂,${MAKER_ZH},电芯,https://example.org/e2e-import-test,2026-12-01\r\n` +
  `测试导入电机厂,${MAKER_ZH},电机,https://example.org/e2e-import-test,${date3}\r\n`;

describe("your workspace in the browser", { skip }, () => {
  let server;
  let browser;
  let page;
  let problems;
  let workspaceDir;
  let newFirm = null;

  const api = async (command, args = {}) => {
    const res = await fetch(`${server.url}/api/${command}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(args) });
    assert.equal(res.status, 200, `${command} -> ${res.status}`);
    return res.json();
  };
  const setLang = (lang) => page.evaluate((l) => localStorage.setItem("nev-atlas.lang", l), lang);
  const open = async (hash) => {
    await page.goto(`${server.url}/${hash}`);
    await page.reload();
  };
  /** The names in the entity page's trace (suppliers of the maker, all tiers). */
  const traceNames = async () => {
    await page.waitForSelector(`${sel("trace-body")}[data-state="ready"]`, { timeout: 15000 });
    return page.locator(sel("trace-entity")).allTextContents();
  };
  const fillSource = async (scope, { date, citation, grade = "B" }) => {
    await page.locator(`${scope} ${sel("source-own")}`).check();
    await page.locator(`${scope} ${sel("source-date")}`).fill(date);
    await page.locator(`${scope} ${sel("source-citation")}`).fill(citation);
    await page.locator(`${scope} ${sel("source-grade")}`).selectOption(grade);
  };
  const pick = async (scope, testid, query) => {
    const input = page.locator(`${scope} ${sel(`${testid}-input`)}`);
    await input.fill("");
    await input.pressSequentially(query, { delay: 10 });
    await page.locator(`${scope} ${sel(`${testid}-results`)} ${sel(`${testid}-hit`)}`).first().waitFor({ timeout: 5000 });
    await input.press("ArrowDown");
    await input.press("Enter");
  };
  const axe = (name) => assertAccessible(page, name);
  /** Clicks a top-bar tool, through the "⋯" panel when the bar has folded the tools into it. */
  const tool = async (testid) => {
    const folded = !(await page.locator(sel(testid)).isVisible());
    if (folded) await page.locator(sel("tools-more")).click();
    await page.locator(sel(testid)).click();
    if (folded && (await page.locator(sel("tools-more")).getAttribute("aria-expanded")) === "true") await page.locator(sel("tools-more")).click();
  };
  const importFile = async (name, bytes) => {
    await page.locator(sel("import-file")).setInputFiles({ name, mimeType: "text/csv", buffer: bytes });
    await page.waitForSelector(`${sel("import-status")}`, { timeout: 15000 });
    return page.locator(sel("import-status")).getAttribute("data-state");
  };

  before(async () => {
    // A workspace of this test's own, so the other suites never see its additions.
    workspaceDir = mkdtempSync(join(tmpdir(), "nev-atlas-e2e-workspace-"));
    process.env.NEV_ATLAS_WORKSPACE = join(workspaceDir, "workspace.sqlite");
    server = await startServer({ edition: paths.edition });
    browser = await launch({ viewport: { width: 1440, height: 900 } });
    page = await browser.context.newPage();
    problems = watch(page);
    await page.goto(server.url + "/");
    await setLang("en");
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (workspaceDir) rmSync(workspaceDir, { recursive: true, force: true });
    assert.deepEqual(problems?.offsite ?? [], [], "requests left 127.0.0.1");
    assert.deepEqual(problems?.pageErrors ?? [], [], "uncaught errors");
    assert.deepEqual(problems?.dialogs ?? [], [], "alert/confirm/prompt dialogs");
  });

  it("adds a supplier with a source through the form; it shows in the trace, the chain view and what-if", async () => {
    await open(`#/entity/${MAKER}`);
    await waitForEntity(page, MAKER);
    assert.ok(!(await traceNames()).includes(NEW_FIRM_ZH) && !(await traceNames()).includes(NEW_FIRM_EN));

    await page.locator(sel("add-supplier")).click();
    const link = sel("link-form");
    await page.waitForSelector(link);
    // Saving an empty form names each missing field, and sends nothing.
    await page.locator(`${link} ${sel("form-save")}`).click();
    assert.match(await page.locator(`${link} ${sel("error-other")}`).textContent(), /Choose one/);
    assert.match(await page.locator(`${link} ${sel("error-url")}`).textContent(), /Required/);
    assert.match(await page.locator(`${link} ${sel("error-grade")}`).textContent(), /Choose a grade/);
    assert.equal(await page.locator(`${link} input[aria-invalid="true"], ${link} select[aria-invalid="true"]`).count() >= 2, true);

    // The supplier is not in the atlas: create it from the form.
    await page.locator(sel("link-other-new")).click();
    const entity = sel("entity-form");
    await page.waitForSelector(entity);
    await page.locator(`${entity} ${sel("entity-name-zh")}`).fill(NEW_FIRM_ZH);
    await page.locator(`${entity} ${sel("entity-name-en")}`).fill(NEW_FIRM_EN);
    await pick(entity, "entity-district", "璧山");
    assert.match(await page.locator(sel("entity-district-picked")).textContent(), /Bishan/);
    await page.locator(`${entity} ${sel(`segment-${SEGMENT}`)}`).check();
    await fillSource(entity, { date: "2026-12-01", citation: "End-to-end test record (made up)" });
    await page.locator(`${entity} ${sel("form-save")}`).click();
    await page.waitForSelector(entity, { state: "detached" });
    assert.match(await page.locator(sel("link-other-picked")).textContent(), new RegExp(NEW_FIRM_EN));

    // A date that does not exist passes the form's own check; the API refuses it, and the
    // refusal is shown under the record's date.
    await page.locator(`${link} ${sel("link-product")}`).fill("燃料电池电堆");
    await fillSource(link, { date: "2026-02-30", citation: "End-to-end test record (made up)" });
    await page.locator(`${link} ${sel("form-save")}`).click();
    await page.locator(`${link} ${sel("error-date")}`).waitFor({ state: "visible" });
    assert.match(await page.locator(`${link} ${sel("error-date")}`).textContent(), /real date.*2026-02-30/);
    await page.locator(`${link} ${sel("source-date")}`).fill("2026-12-01");
    await page.locator(`${link} ${sel("form-save")}`).click();
    await page.waitForSelector(link, { state: "detached" });
    await page.waitForSelector(`${sel("workspace-message")}:has-text("Saved: Added link")`);

    // The entity page shows it at once, marked as yours, and the trace has it.
    await waitForEntity(page, MAKER);
    const mine = page.locator(`${sel("link-item")}[data-origin="yours"]`);
    await mine.first().waitFor();
    newFirm = await mine.first().getAttribute("data-other");
    assert.ok(newFirm, "the new link names its supplier");
    assert.equal(await mine.locator(sel("origin-badge")).first().textContent(), "Yours");
    assert.ok((await traceNames()).includes(NEW_FIRM_EN), "the trace lists the new supplier");

    // The chain view counts it among the local firms of its segment.
    await open("#/chain");
    const segment = page.locator(`${sel("chain-segment")}[data-segment="${SEGMENT}"]`);
    await segment.waitFor({ timeout: 15000 });
    await segment.locator("summary.segment-summary").click();
    assert.ok((await segment.locator(sel("segment-firm")).allTextContents()).includes(NEW_FIRM_EN), "the chain view lists the new firm");

    // What-if: without it, the maker loses its only local supplier of the segment.
    await open(`#/what-if?entities=${newFirm}`);
    await page.waitForSelector(`${sel("whatif-result")} ${sel("whatif-maker")}`, { timeout: 15000 });
    const makers = await page.locator(`${sel("whatif-result")} ${sel("whatif-maker")}`).evaluateAll((els) => els.map((e) => e.getAttribute("data-entity-id")));
    assert.ok(makers.includes(MAKER), `what-if names ${MAKER}: ${makers}`);
  });

  it("marks the supplier you added as yours in the trace and in the graph's lists, in both languages", async () => {
    assert.ok(newFirm, "the previous step added a supplier");
    for (const lang of ["en", "zh"]) {
      const yours = lang === "zh" ? "我的" : "Yours";
      await setLang(lang);
      await open(`#/entity/${MAKER}`);
      await waitForEntity(page, MAKER);
      await page.waitForSelector(`${sel("trace-body")}[data-state="ready"]`, { timeout: 15000 });
      // The trace: the new supplier's entry is marked, and no shipped supplier is.
      const entry = page.locator(`${sel("trace-entry")}[data-entity-id="${newFirm}"]`);
      assert.equal(await entry.getAttribute("data-origin"), "yours");
      assert.equal(await entry.locator(sel("origin-badge")).textContent(), yours);
      assert.equal(await page.locator(`${sel("trace-entry")} ${sel("origin-badge")}`).count(), 1, "only the new supplier is marked");
      assert.ok(await page.locator(`${sel("trace-entry")}[data-origin="edition"]`).count() > 5, "the shipped suppliers are there, unmarked");
      await entry.scrollIntoViewIfNeeded();
      await shot(page, `ws-trace-yours-${lang}.png`);
      await axe(`entity page with your supplier in the trace, ${lang}`);

      // The graph: the node list marks the new firm, and its link is listed as yours.
      await open(`#/graph/${MAKER}`);
      await waitForGraph(page);
      await page.waitForSelector(`${sel("graph-node-list")}[data-origins="ready"]`, { timeout: 15000 });
      const node = page.locator(`${sel("graph-node-list")} li`, { has: page.locator(`${sel("graph-node")}[data-entity-id="${newFirm}"]`) });
      assert.equal(await node.locator(sel("origin-badge")).textContent(), yours);
      assert.equal(await page.locator(`${sel("graph-node-list")} li ${sel("origin-badge")}`).count(), 2, "the new firm and its link, nothing shipped");
      const link = page.locator(sel("graph-your-link"));
      assert.equal(await link.count(), 1);
      assert.deepEqual([await link.getAttribute("data-from"), await link.getAttribute("data-to"), await link.getAttribute("data-relation")], [newFirm, MAKER, "supplies"]);
      const text = await link.innerText();
      assert.match(text, lang === "zh" ? new RegExp(`${NEW_FIRM_ZH}[\\s\\S]*${MAKER_ZH}`) : new RegExp(`${NEW_FIRM_EN}[\\s\\S]*Changan`));
      assert.doesNotMatch(text, /yours-|changan-auto/, "no ids shown");
      await link.scrollIntoViewIfNeeded();
      await shot(page, `ws-graph-yours-${lang}.png`);
      await axe(`graph with your supplier, ${lang}`);
    }
    // "Edition only": nothing is yours, so nothing is marked.
    await setLang("en");
    await open(`#/entity/${MAKER}`);
    await waitForEntity(page, MAKER);
    await tool("edition-only");
    await page.waitForSelector(`${sel("edition-only-note")}:not([hidden])`);
    await page.waitForFunction(() => document.querySelector('[data-testid="trace-body"][data-state="ready"]') && !document.querySelector('[data-testid="link-item"][data-origin="yours"]'));
    assert.equal(await page.locator(`${sel("trace-entry")} ${sel("origin-badge")}`).count(), 0);
    await tool("edition-only");
    await page.waitForSelector(`${sel("edition-only-note")}[hidden]`, { state: "attached" });
  });

  it("undo (Ctrl+Z) takes the supplier away again and says what it undid", async () => {
    await open(`#/entity/${MAKER}`);
    await waitForEntity(page, MAKER);
    await page.locator("body").click({ position: { x: 5, y: 300 } });
    await page.keyboard.press("Control+z");
    await page.waitForSelector(`${sel("workspace-message")}:has-text("Undid: Added link")`);
    const message = await page.locator(sel("workspace-message")).textContent();
    assert.match(message, new RegExp(NEW_FIRM_EN), "the message names the firms");
    assert.doesNotMatch(message, /yours-|changan-auto/, "and shows no ids");
    await waitForEntity(page, MAKER);
    await page.waitForFunction(() => !document.querySelector('[data-testid="link-item"][data-origin="yours"]'));
    assert.ok(!(await traceNames()).includes(NEW_FIRM_EN), "the trace no longer lists it");
    const status = await api("workspace_status");
    assert.equal(status.log[0].undone, true);
    assert.equal(status.log[0].action, "add_link");
  });

  it("refuses a GBK supplier list with one bad row, names row:column, and changes nothing", async () => {
    const before = await api("workspace_status");
    await open("#/workspace");
    await page.waitForSelector(sel("workspace-view"));
    await page.locator(sel("open-import")).click();
    assert.equal(await importFile("suppliers.csv", gbk(SUPPLIER_LIST("2026-02-30"))), "refused");
    assert.equal(await page.locator(sel("import-encoding")).textContent(), "GB18030");
    assert.equal(await page.locator(sel("import-rows")).textContent(), "2");
    const problem = page.locator(sel("import-problem"));
    assert.equal(await problem.count(), 1);
    assert.deepEqual([await problem.getAttribute("data-row"), await problem.getAttribute("data-column")], ["3", "5"]);
    assert.match(await problem.textContent(), /Row 3, column 5: 3:5: /);
    assert.equal(await page.locator(sel("import-run")).isDisabled(), true, "Import is not offered");
    // The maker's name matched; the two suppliers are new.
    assert.equal(await page.locator(`${sel("import-matched")} ${sel("import-name")}`).count(), 1);
    assert.equal(await page.locator(`${sel("import-created")} ${sel("import-name")}`).count(), 2);
    const after = await api("workspace_status");
    assert.equal(after.revision, before.revision, "nothing changed");
    assert.equal(after.log.length, before.log.length);
  });

  it("imports the fixed file in one step; its links appear", async () => {
    assert.equal(await importFile("suppliers-fixed.csv", gbk(SUPPLIER_LIST("2026-12-02"))), "ready");
    assert.equal(await page.locator(sel("import-new-links")).textContent(), "2");
    assert.equal(await page.locator(sel("import-run")).isDisabled(), false);
    await page.locator(sel("import-run")).click();
    await page.waitForSelector(`${sel("import-status")}[data-state="imported"]`, { timeout: 20000 });
    await page.locator(sel("import-close")).click();
    await page.waitForSelector(`${sel("log-entry")}[data-action="import"]`);
    assert.match(await page.locator(`${sel("log-entry")}[data-action="import"] ${sel("log-what")}`).textContent(), /Imported suppliers-fixed\.csv/);

    await open(`#/entity/${MAKER}`);
    await waitForEntity(page, MAKER);
    const names = await traceNames();
    assert.ok(names.includes("测试导入电池厂") && names.includes("测试导入电机厂"), `the trace has both: ${names}`);
    assert.equal(await page.locator(`${sel("link-item")}[data-origin="yours"]`).count(), 2);

    // "Edition only" hides them everywhere, and says so.
    await tool("edition-only");
    await page.waitForSelector(`${sel("edition-only-note")}:not([hidden])`);
    await page.waitForFunction(() => document.querySelector('[data-testid="entity-page"]') && !document.querySelector('[data-testid="link-item"][data-origin="yours"]'));
    assert.ok(!(await traceNames()).includes("测试导入电池厂"));
    await tool("edition-only");
    await page.waitForSelector(`${sel("edition-only-note")}[hidden]`, { state: "attached" });
    await page.waitForSelector(`${sel("link-item")}[data-origin="yours"]`);
  });

  it("exports the graph as GraphML, which reads back with Chinese names intact", async () => {
    await open(`#/graph/${MAKER}`);
    await waitForGraph(page);
    await page.locator(sel("graph-export-open")).click();
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator(`${sel("graph-export")} ${sel("export-graphml")}`).click()]);
    assert.match(download.suggestedFilename(), /\.graphml$/);
    const xml = readFileSync(await download.path(), "utf8");
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, "application/xml");
      if (doc.querySelector("parsererror")) return { error: doc.querySelector("parsererror").textContent };
      const nodes = [...doc.getElementsByTagName("node")];
      const texts = nodes.map((n) => [...n.getElementsByTagName("data")].map((d) => d.textContent).join("|"));
      return { root: doc.documentElement.localName, nodes: nodes.length, edges: doc.getElementsByTagName("edge").length, ids: nodes.map((n) => n.getAttribute("id")), texts };
    }, xml);
    assert.equal(parsed.error, undefined, `well-formed XML: ${parsed.error}`);
    assert.equal(parsed.root, "graphml");
    assert.ok(parsed.ids.includes(MAKER), "node id = entity id");
    assert.ok(parsed.texts.some((t) => t.includes(MAKER_ZH)), "the maker's Chinese name is intact");
    assert.ok(parsed.texts.some((t) => t.includes("测试导入电池厂")), "the imported supplier is in the file");
    assert.ok(parsed.edges >= 2);
  });

  it("screenshots: forms, import report and workspace page in English and Chinese", async () => {
    // A note and a retraction, so the entity page shows the notes panel and a retracted fact.
    await open(`#/entity/${MAKER}`);
    await waitForEntity(page, MAKER);
    await page.locator(sel("note-text")).fill("Ask the purchasing office about the second battery plant. 询问第二电池工厂。");
    await page.locator(sel("note-save")).click();
    await page.waitForSelector(`${sel("note-item")}`);
    const shipped = page.locator(`${sel("link-item")}[data-origin="edition"] ${sel("link-retract")}`).first();
    await shipped.click();
    await page.locator(`${sel("retract-form")} ${sel("retract-reason")}`).fill("End-to-end test: retracted to show how it looks (made up).");
    await fillSource(sel("retract-form"), { date: "2026-12-01", citation: "End-to-end test record (made up)" });
    await page.locator(`${sel("retract-form")} ${sel("form-save")}`).click();
    await page.waitForSelector(`${sel("retracted-note")}`);
    assert.match(await page.locator(sel("retracted-note")).first().textContent(), /Retracted by you.*End-to-end test/);
    // Save this view; the workspace page lists it.
    await tool("save-view");
    await page.locator(sel("save-view-name")).fill("Changan, with my notes");
    await page.locator(sel("save-view-save")).click();
    await page.waitForSelector(sel("save-view-dialog"), { state: "detached" });
    await open("#/workspace");
    await page.waitForSelector(`${sel("saved-view")}:has-text("Changan, with my notes")`);

    for (const [width, height] of [[1440, 900], [1920, 1080]]) {
      await page.setViewportSize({ width, height });
      for (const lang of ["en", "zh"]) {
        const tag = `${lang}-${width}x${height}`;
        await setLang(lang);
        await open(`#/entity/${MAKER}`);
        await waitForEntity(page, MAKER);
        await page.locator(sel("only-yours")).check();
        await shot(page, `ws-entity-yours-${tag}.png`);
        await page.locator(sel("notes-panel")).scrollIntoViewIfNeeded();
        await shot(page, `ws-notes-${tag}.png`);
        await page.locator(sel("add-supplier")).click();
        await page.locator(`${sel("link-form")} ${sel("form-save")}`).click();
        await page.locator(sel("error-grade")).waitFor();
        await shot(page, `ws-link-form-${tag}.png`);
        await page.locator(sel("link-other-new")).click();
        await page.locator(`${sel("entity-form")} ${sel("form-save")}`).click();
        await shot(page, `ws-entity-form-${tag}.png`);
        await page.keyboard.press("Escape");
        await page.keyboard.press("Escape");
        await page.waitForSelector("dialog[open]", { state: "detached" });
        await waitForEntity(page, MAKER);
        await open("#/workspace");
        await page.waitForSelector(sel("workspace-view"));
        await shot(page, `ws-workspace-${tag}.png`);
        await page.locator(sel("open-import")).click();
        await importFile("suppliers.csv", gbk(SUPPLIER_LIST("2026-02-30")));
        // The problem reads in the page's language: 2026-02-30 is no date.
        const said = await page.locator(sel("import-problem")).textContent();
        if (lang === "zh") assert.match(said, /3:5: 日期“2026-02-30”不是日期/, said);
        else assert.match(said, /3:5: the date "2026-02-30" is not a date/, said);
        await shot(page, `ws-import-refused-${tag}.png`);
        await page.keyboard.press("Escape");
      }
    }
    await setLang("en");
    assert.deepEqual(problems.consoleErrors.filter((e) => !/status of 400/.test(e)), [], "console errors");
  });

  it("backs up now, then restores that backup: a note written after it is gone, and the state before the restore is kept", async () => {
    const NOTE = "Written after the backup; the restore takes it away (made up).";
    await page.setViewportSize({ width: 1440, height: 900 });
    await setLang("en");
    const before = await api("workspace_status");
    await open("#/workspace");
    await page.waitForSelector(sel("workspace-view"));
    await page.locator(sel("backup-now")).click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="backup-item"]').length === n + 1, before.backups.length);
    const known = new Set(before.backups.map((b) => b.name));
    const made = (await api("workspace_status")).backups.filter((b) => !known.has(b.name));
    assert.equal(made.length, 1, "one new backup");
    assert.equal(made[0].reason, "manual");
    const backupName = made[0].name;

    // A change after the backup: a note on the maker.
    await open(`#/entity/${MAKER}`);
    await waitForEntity(page, MAKER);
    await page.locator(sel("note-text")).fill(NOTE);
    await page.locator(sel("note-save")).click();
    await page.waitForSelector(`${sel("note-item")}:has-text("${NOTE}")`);
    // A newer backup, with the note in it: restoring must take the one chosen, not the newest.
    await api("backup_now");
    const changed = await api("workspace_status");
    assert.ok(changed.notes.some((n) => n.text === NOTE));
    assert.ok(changed.backups.length >= before.backups.length + 2);

    // Restore the backup, after the confirmation.
    await open("#/workspace");
    await page.waitForSelector(`${sel("workspace-note")}:has-text("${NOTE}")`);
    const item = page.locator(`${sel("backup-item")}[data-name="${backupName}"]`);
    assert.match(await item.innerText(), /made by you/);
    await item.locator(sel("backup-restore")).click();
    await item.locator(sel("backup-restore-yes")).waitFor();
    assert.match(await item.innerText(), /Replace your workspace with this backup\?/);
    await shot(page, "ws-restore-confirm-en.png");
    await axe("workspace page, restore confirmation");
    await item.locator(sel("backup-restore-yes")).click();
    await page.waitForFunction((text) => document.querySelector('[data-testid="workspace-view"]') && ![...document.querySelectorAll('[data-testid="workspace-note"]')].some((n) => n.textContent.includes(text)), NOTE, { timeout: 15000 });
    const restored = await api("workspace_status");
    assert.ok(!restored.notes.some((n) => n.text === NOTE), "the note written after the backup is gone");
    assert.deepEqual(restored.notes.map((n) => n.text).sort(), before.notes.map((n) => n.text).sort(), "the notes are those of the backup");
    assert.ok(restored.backups.some((b) => b.reason === "before-restore" && !known.has(b.name)), "the state before the restore was backed up first");
    await page.waitForSelector(`${sel("backup-item")}[data-reason="before-restore"]`);
    await shot(page, "ws-restored-en.png");
    // The entity page reads the restored workspace at once.
    await open(`#/entity/${MAKER}`);
    await waitForEntity(page, MAKER);
    await page.waitForSelector(sel("notes-panel"));
    assert.equal(await page.locator(`${sel("note-item")}:has-text("${NOTE}")`).count(), 0);
  });
});

describe("a workspace made with another edition: re-attach what that edition no longer has", { skip }, () => {
  const GONE = "ganfeng-lithium"; // in the shipped edition, not in tests/fixtures/mini
  let dir;
  let server;
  let browser;
  let page;
  let problems;
  let savedWorkspace;

  const api = async (command, args = {}) => {
    const res = await fetch(`${server.url}/api/${command}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(args) });
    assert.equal(res.status, 200, `${command} -> ${res.status}: ${await res.clone().text()}`);
    return res.json();
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "nev-atlas-e2e-reattach-"));
    savedWorkspace = process.env.NEV_ATLAS_WORKSPACE;
    process.env.NEV_ATLAS_WORKSPACE = join(dir, "workspace.sqlite");
    const mini = join(dir, "mini.sqlite");
    const built = spawnSync(paths.bin, ["build", join(repoRoot, "tests", "fixtures", "mini"), "-o", mini], { encoding: "utf8" });
    assert.equal(built.status, 0, `building the mini edition: ${built.stderr}`);
    // With the shipped edition: the user says Ganfeng supplies Times Changan.
    server = await startServer({ edition: paths.edition });
    await api("add_link", {
      from: GONE, relation: "supplies", to: "times-changan", product: "lithium (made up)", share: null, since: null, until: null, note: null,
      sources: [{ type: "own_record", date: "2026-12-01", citation: "End-to-end test record (made up)", grade: "B" }],
    });
    await server.stop();
    // The same workspace with an edition that has no Ganfeng.
    server = await startServer({ edition: mini });
    browser = await launch({ viewport: { width: 1440, height: 900 } });
    page = await browser.context.newPage();
    problems = watch(page);
    await page.goto(server.url + "/");
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (savedWorkspace === undefined) delete process.env.NEV_ATLAS_WORKSPACE;
    else process.env.NEV_ATLAS_WORKSPACE = savedWorkspace;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("lists the link whose supplier is gone, and re-attaches it to another entity from the workspace page", async () => {
    const status = await api("workspace_status");
    assert.equal(status.needs_attention.length, 1, "the link needs attention");
    for (const lang of ["zh", "en"]) {
      await page.evaluate((l) => localStorage.setItem("nev-atlas.lang", l), lang);
      await page.goto(`${server.url}/#/workspace`);
      await page.reload();
      const item = page.locator(`${sel("attention-item")}[data-what="link"]`);
      await item.waitFor();
      // The entity the edition still has is named; the missing one is shown as it was stored.
      assert.match(await item.innerText(), lang === "zh" ? /时代长安/ : /Times Changan/);
      assert.match(await item.innerText(), new RegExp(GONE));
      await shot(page, `ws-attention-${lang}.png`);
    }
    await page.evaluate(() => document.querySelector('[data-testid="needs-attention"]')?.scrollIntoView());
    await assertAccessible(page, "workspace page with an item needing attention");
    // Pick CATL in the re-attach search.
    const input = page.locator(`${sel("attention-item")} ${sel("reattach-search-input")}`);
    await input.pressSequentially("宁德时代", { delay: 10 });
    await page.locator(`${sel("attention-item")} ${sel("reattach-search-hit")}`).first().waitFor({ timeout: 5000 });
    await input.press("ArrowDown");
    await input.press("Enter");
    await page.waitForSelector(sel("attention-none"), { timeout: 15000 });
    const after = await api("workspace_status");
    assert.deepEqual(after.needs_attention, [], "nothing needs attention");
    assert.equal(after.log.find((c) => !c.undone)?.action, "reattach");
    await shot(page, "ws-reattached-en.png");
    // The link now comes from CATL, and is still yours.
    await page.goto(`${server.url}/#/entity/times-changan`);
    await waitForEntity(page, "times-changan");
    const link = page.locator(`${sel("link-item")}[data-other="catl"][data-origin="yours"]`);
    await link.waitFor();
    assert.equal(await link.getAttribute("data-relation"), "supplies");
    assert.deepEqual(problems.offsite, []);
    assert.deepEqual(problems.pageErrors, []);
  });
});
