// Editions in the browser (issue 11): what changed since the previous edition, and opening a newer
// one. Two editions are built here, from data/ and from a copy of it with four known changes (a
// link's start year, a figure's value, a district's place removed, a firm moved to another district). The server opens the first;
// the page is told the path of the second, unsigned: it asks before opening it, Cancel keeps the
// edition, "Open anyway" opens it and the page lists the changes grouped and collapsible, field by
// field with their sources, and the note that needs attention; the table exports as CSV. A signed
// copy changed afterwards is questioned naming its signer; the signed copy itself opens without a
// question. English and Chinese, 1920×1080, axe-core.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { launch, shot, watch } from "./support/browser.mjs";
import { sel } from "./support/journey.mjs";
import { paths, repoRoot, required } from "./support/paths.mjs";
import { startServer } from "./support/server.mjs";
import { assertAccessible } from "./support/axe.mjs";

const mock = process.env.NEV_ATLAS_SERVER === "mock";
const missing = [
  mock && "the real server (the mock has no editions to compare)",
  !existsSync(paths.bin) && `server binary ${paths.bin}`,
  !existsSync(`${paths.ui}/index.html`) && `UI build ${paths.ui}/index.html (run npm run build in ui/)`,
  !existsSync(paths.chromium) && `chromium ${paths.chromium}`,
].filter(Boolean);
if (missing.length > 0 && required && !mock) throw new Error(`editions e2e prerequisites missing: ${missing.join(", ")}`);
const skip = missing.length > 0 ? `missing ${missing.join(", ")}` : false;

const WANZHOU_LINK = "district-wanzhou,located_in,chongqing,,,,,,s-cqgov-2026-01-25-xzqh,,,\n";

/** Replaces `old` by `now` in a file of the copied dataset, checking `old` is there. */
function replace(dir, file, old, now) {
  const path = join(dir, file);
  const text = readFileSync(path, "utf8");
  assert.ok(text.includes(old), `${file} has no ${JSON.stringify(old)}`);
  writeFileSync(path, text.replace(old, now));
}

function cli(...args) {
  const run = spawnSync(paths.bin, args, { encoding: "utf8" });
  assert.equal(run.status, 0, `nev-atlas ${args.join(" ")}:\n${run.stderr}`);
  return run.stdout;
}

describe("editions in the browser", { skip }, () => {
  let server;
  let browser;
  let page;
  let problems;
  let dir;
  let older;
  let newer;
  let signedOlder;

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
  const axe = (name) => assertAccessible(page, name);
  const openEdition = async (path) => {
    await page.locator(sel("changes-path")).fill(path);
    await page.locator(sel("changes-open")).click();
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "nev-atlas-e2e-editions-"));
    older = join(dir, "older.sqlite");
    cli("build", join(repoRoot, "data"), "-o", older, "--version", "e2e-1");
    const next = join(dir, "data-next");
    cpSync(join(repoRoot, "data"), next, { recursive: true });
    replace(next, "links/suppliers.csv", "huawei,co_develops,seres-auto,AITO models,,2021,", "huawei,co_develops,seres-auto,AITO models,,2022,");
    replace(next, "statistics/core.csv", "chongqing,nev_production,2021-01/2021-09,97000,", "chongqing,nev_production,2021-01/2021-09,98000,");
    replace(next, "links/locations.csv", WANZHOU_LINK, "");
    replace(next, "entities/ecosystem.csv", "thundersoft,firm,中科创达,Thundersoft,district-yubei,", "thundersoft,firm,中科创达,Thundersoft,district-shapingba,");
    newer = join(dir, "newer.sqlite");
    cli("build", next, "-o", newer, "--version", "e2e-2");
    // A signed copy of the older edition, with a key made for this test.
    signedOlder = join(dir, "older-signed.sqlite");
    copyFileSync(older, signedOlder);
    cli("edition", "keygen", "-o", join(dir, "test.key"));
    cli("edition", "sign", signedOlder, "--key", join(dir, "test.key"), "--signer", "E2E test signer");
    process.env.NEV_ATLAS_WORKSPACE = join(dir, "workspace.sqlite");
    server = await startServer({ edition: older });
    browser = await launch({ viewport: { width: 1920, height: 1080 } });
    page = await browser.context.newPage();
    problems = watch(page);
    await page.goto(server.url + "/");
    await setLang("en");
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
    assert.deepEqual(problems?.offsite ?? [], [], "requests left 127.0.0.1");
    assert.deepEqual(problems?.pageErrors ?? [], [], "uncaught errors");
    assert.deepEqual(problems?.dialogs ?? [], [], "alert/confirm/prompt dialogs");
  });

  it("reaches the page from the edition on the start page; with no edition before, it asks for a file", async () => {
    await open("#/");
    await page.locator(sel("edition-changes")).click();
    await page.waitForSelector(sel("changes-no-previous"));
    assert.equal(new URL(page.url()).hash, "#/changes");
    assert.match(await page.locator(sel("changes-current")).textContent(), /e2e-1/);
    await axe("changes, nothing to compare yet");
    await shot(page, "changes-empty-en-1920.png");
  });

  it("asks before opening an unsigned edition; Cancel keeps the edition open now", async () => {
    await api("add_note", { target: "link:district-wanzhou|located_in|chongqing|", text: "Where does Wanzhou go?" });
    await open("#/changes");
    await openEdition(newer);
    const dialog = page.locator(sel("changes-confirm"));
    await dialog.waitFor();
    assert.equal(await page.locator(sel("changes-confirm-text")).getAttribute("data-signature"), "unsigned");
    assert.match(await page.locator(sel("changes-confirm-text")).textContent(), /not signed/);
    await axe("changes, open anyway?");
    await shot(page, "changes-confirm-en-1920.png");
    await page.locator(sel("changes-confirm-cancel")).click();
    await dialog.waitFor({ state: "detached" });
    assert.equal((await api("edition")).version, "e2e-1", "Cancel opened nothing");
  });

  it("opens it when accepted and lists what changed, grouped, field by field, with sources and the note to look at", async () => {
    await openEdition(newer);
    await page.locator(sel("changes-confirm-open")).click();
    await page.waitForSelector(sel("changes-from"));
    assert.equal((await api("edition")).version, "e2e-2");
    assert.match(await page.locator(sel("changes-status")).textContent(), /Opened edition e2e-2/);
    assert.match(await page.locator(sel("changes-from")).textContent(), /e2e-1.*e2e-2/);
    const groups = await page.locator(sel("changes-group")).evaluateAll((els) => els.map((e) => e.dataset.fact));
    assert.deepEqual(groups, ["entity", "link", "statistic"]);
    // A district is shown by its name, before and after.
    const moved = page.locator(`${sel("changes-group")}[data-fact="entity"] ${sel("change")}`).first();
    assert.match(await moved.locator(sel("change-title")).textContent(), /Thundersoft/);
    await moved.locator("summary").click();
    await moved.locator(`tr[data-field="district"]`).waitFor();
    assert.deepEqual(await moved.locator(`tr[data-field="district"] td`).allTextContents(), ["Yubei District", "Shapingba District"]);
    const links = page.locator(`${sel("changes-group")}[data-fact="link"] ${sel("change")}`);
    assert.deepEqual(await links.evaluateAll((els) => els.map((e) => e.dataset.change)), ["removed", "changed"]);
    // A change opens to its fields and sources.
    const since = links.nth(1);
    assert.match(await since.locator(sel("change-title")).textContent(), /Huawei.*Seres/);
    await since.locator("summary").click();
    const row = since.locator(`${sel("change-fields")} tr[data-field="since"]`);
    await row.waitFor();
    assert.deepEqual(await row.locator("td").allTextContents(), ["2021", "2022"]);
    assert.ok((await since.locator(sel("source-item")).count()) > 0, "the link's sources are listed");
    const figure = page.locator(`${sel("changes-group")}[data-fact="statistic"] ${sel("change")}`).first();
    await figure.locator("summary").click();
    await figure.locator(`tr[data-field="value"]`).waitFor();
    assert.deepEqual(await figure.locator(`tr[data-field="value"] td`).allTextContents(), ["97000", "98000"]);
    // Groups collapse.
    const linkGroup = page.locator(`${sel("changes-group")}[data-fact="link"]`);
    await linkGroup.locator("summary").first().click();
    assert.equal(await linkGroup.evaluate((e) => e.open), false);
    await linkGroup.locator("summary").first().click();
    const attention = await page.locator(sel("changes-attention-item")).allTextContents();
    assert.equal(attention.length, 1, attention.join("\n"));
    assert.match(attention[0], /no longer has.*Where does Wanzhou go\?/);
    await axe("changes, opened");
    await shot(page, "changes-diff-en-1920.png");
  });

  it("exports the changes as a CSV table", async () => {
    await page.locator(sel("changes-export-open")).click();
    const [file] = await Promise.all([page.waitForEvent("download"), page.locator(`${sel("changes-export")} ${sel("export-csv")}`).click()]);
    const text = readFileSync(await file.path(), "utf8");
    assert.ok(text.startsWith("\uFEFFKind,Change,What,Field,Before,After,Sources"), text.slice(0, 80));
    assert.match(text, /Statistics,Changed,[^\n]*,Value,97000,98000,/);
    assert.match(text, /Links,Removed,/);
  });

  it("shows the same in Chinese", async () => {
    await setLang("zh");
    await open("#/changes");
    await page.waitForSelector(sel("changes-from"));
    assert.match(await page.locator(sel("changes-from")).textContent(), /从数据版本 e2e-1/);
    const title = await page.locator(`${sel("changes-group")}[data-fact="link"] ${sel("change-title")}`).nth(1).textContent();
    assert.match(title, /华为/);
    await page.locator(sel("changes-expand-all")).click();
    assert.match(await page.locator(sel("changes-attention")).textContent(), /在新数据版本中已不存在/);
    await axe("changes, Chinese");
    await shot(page, "changes-diff-zh-1920.png");
    await setLang("en");
  });

  it("asks before opening an edition changed after it was signed, naming the signer", async () => {
    // A signed copy with one figure changed afterwards.
    const tampered = join(dir, "tampered.sqlite");
    copyFileSync(signedOlder, tampered);
    const change = spawnSync("python3", ["-c", "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('UPDATE statistics SET value = value + 1 WHERE rowid = (SELECT min(rowid) FROM statistics)'); c.commit()", tampered], { encoding: "utf8" });
    assert.equal(change.status, 0, change.stderr);
    const before = (await api("edition")).version;
    await open("#/changes");
    await openEdition(tampered);
    await page.locator(sel("changes-confirm")).waitFor();
    assert.equal(await page.locator(sel("changes-confirm-text")).getAttribute("data-signature"), "invalid");
    assert.match(await page.locator(sel("changes-confirm-text")).textContent(), /changed after E2E test signer signed it/);
    await shot(page, "changes-tampered-en-1920.png");
    await page.keyboard.press("Escape");
    await page.locator(sel("changes-confirm")).waitFor({ state: "detached" });
    assert.equal((await api("edition")).version, before, "Esc opened nothing");
  });

  it("opens a signed edition without asking", async () => {
    await open("#/changes");
    await openEdition(signedOlder);
    await page.waitForFunction(() => document.querySelector('[data-testid="changes-status"]')?.textContent?.includes("e2e-1"));
    assert.equal(await page.locator(sel("changes-confirm")).count(), 0, "no question for a signed edition");
    const edition = await api("edition");
    assert.deepEqual([edition.version, edition.signature, edition.signed_by], ["e2e-1", "valid", "E2E test signer"]);
    // Back on the older edition, the changes read the other way round.
    await page.waitForSelector(sel("changes-from"));
    const links = page.locator(`${sel("changes-group")}[data-fact="link"] ${sel("change")}`);
    assert.deepEqual(await links.evaluateAll((els) => els.map((e) => e.dataset.change)), ["added", "changed"]);
  });
});
