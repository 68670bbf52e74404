// The real Tauri window, driven through tauri-driver (which launches WebKitWebDriver) under Xvfb.
// The caller provides DISPLAY (e.g. `xvfb-run -a -s "-screen 0 1280x800x24" node --test desktop.test.mjs`).
// Journey: the ready mark, Chinese query, open the entity, open its graph; then a note added, the
// window closed and started again, and the note read back; an edition file chosen in the native
// open dialog is opened in place of the one open. Screenshots to target/e2e-artifacts/desktop-*.png.
// The workspace is a fresh temporary folder (NEV_ATLAS_WORKSPACE), never the user's own.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import webdriver from "selenium-webdriver";
import http from "selenium-webdriver/http/index.js";
import { paths, required } from "./support/paths.mjs";
import { portOpen, waitFor } from "./support/wait.mjs";

const { By, Key, WebDriver } = webdriver;
const DRIVER_PORT = Number(process.env.TAURI_DRIVER_PORT ?? 4444);
const sel = (testid) => By.css(`[data-testid="${testid}"]`);

const hasTauriDriver = spawnSync("sh", ["-c", "command -v tauri-driver"]).status === 0;
const missing = [
  !hasTauriDriver && "tauri-driver on PATH (cargo install --locked tauri-driver)",
  !existsSync(paths.desktopBin) && `desktop binary ${paths.desktopBin}`,
  !process.env.DISPLAY && "DISPLAY (run under Xvfb)",
  !existsSync(paths.edition) && `edition ${paths.edition}`,
].filter(Boolean);
if (missing.length > 0 && required) throw new Error(`desktop e2e prerequisites missing: ${missing.join(", ")}`);
const skip = missing.length > 0 ? `missing ${missing.join(", ")}` : false;



async function screenshot(driver, name) {
  // Two animation frames, or WebKit may hand back the previous frame.
  await driver.executeAsyncScript("const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done()));");
  mkdirSync(paths.artifacts, { recursive: true });
  writeFileSync(join(paths.artifacts, name), Buffer.from(await driver.takeScreenshot(), "base64"));
}

describe("desktop window (tauri-driver)", { skip }, () => {
  let driverProcess = null;
  let driver;
  let driverLog = "";
  const workspaceDir = mkdtempSync(join(tmpdir(), "nev-atlas-desktop-"));
  const readyFile = join(workspaceDir, "ready");
  // The edition file opened from the app, when the test that opens one ran.
  let chosenEdition = null;

  // A new window: tauri-driver starts the app, and WebKitWebDriver drives its web view.
  const openWindow = () => {
    // No browserName: tauri-driver matches on tauri:options alone.
    const capabilities = new webdriver.Capabilities({ "tauri:options": { application: paths.desktopBin } });
    const executor = new http.Executor(new http.HttpClient(`http://127.0.0.1:${DRIVER_PORT}/`));
    return WebDriver.createSession(executor, capabilities);
  };
  // Closing the session closes the window; a WebDriver that stopped answering gets five seconds.
  const closeWindow = async () => {
    const quit = driver ? driver.quit().catch(() => {}) : Promise.resolve();
    driver = null;
    await Promise.race([quit, new Promise((r) => setTimeout(r, 5000))]);
  };
  // The UI's own `api` command, called as the UI calls it (window.__TAURI_INTERNALS__.invoke).
  const api = async (command, args) => {
    const answer = await driver.executeAsyncScript(
      `const [command, args, done] = arguments;
       window.__TAURI_INTERNALS__.invoke("api", { command, args }).then((value) => done({ value }), (error) => done({ error }));`,
      command,
      args,
    );
    if (answer.error !== undefined) throw new Error(`${command}: ${JSON.stringify(answer.error)}`);
    return answer.value;
  };

  // The app processes started under our tauri-driver (tauri-driver -> WebKitWebDriver -> the app).
  const appProcesses = () => {
    const children = (pid) => spawnSync("ps", ["-o", "pid=", "--ppid", String(pid)]).stdout.toString().split(/\s+/).filter(Boolean);
    const all = (pid) => children(pid).flatMap((child) => [child, ...all(child)]);
    const command = (pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0")[0];
      } catch {
        return "";
      }
    };
    return driverProcess ? all(driverProcess.pid).filter((pid) => command(pid) === paths.desktopBin) : [];
  };

  before(async () => {
    if (!(await portOpen(DRIVER_PORT))) {
      // The app reads its edition and workspace from the environment; tauri-driver passes it on.
      // Its web storage (text size, the last view) goes to a folder of this run, so an earlier run
      // on the same machine cannot decide which view the window reopens.
      // NEV_ATLAS_READY_FILE: the shell writes a line there when the UI calls `ready`, as
      // `cargo xtask bench --app` reads it.
      const env = { ...process.env, NEV_ATLAS_EDITION: paths.edition, NEV_ATLAS_WORKSPACE: join(workspaceDir, "workspace.sqlite"), XDG_DATA_HOME: join(workspaceDir, "data"), XDG_CACHE_HOME: join(workspaceDir, "cache"), NEV_ATLAS_READY_FILE: readyFile };
      driverProcess = spawn("tauri-driver", ["--port", String(DRIVER_PORT)], { stdio: ["ignore", "pipe", "pipe"], env });
      driverProcess.stdout.on("data", (d) => (driverLog += d));
      driverProcess.stderr.on("data", (d) => (driverLog += d));
      await waitFor(() => portOpen(DRIVER_PORT), { what: `tauri-driver on port ${DRIVER_PORT}` });
    }
    driver = await openWindow();
  });

  after(async () => {
    await closeWindow();
    if (driverProcess && driverProcess.exitCode === null) {
      driverProcess.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 300));
      if (driverProcess.exitCode === null) driverProcess.kill("SIGKILL");
    }
    // The window is WebKitWebDriver's child; it must not outlive the test either.
    spawnSync("pkill", ["-f", paths.desktopBin]);
    rmSync(workspaceDir, { recursive: true, force: true });
  });

  it("shows the start screen with the search box, and marks itself ready", async () => {
    await waitFor(() => driver.executeScript("return document.documentElement.dataset.ready === '1'"), { what: "the ready mark" }).catch(async (e) => {
      // A blank window: load the page's script again to learn why it stopped (WebDriver sees no console).
      const why = await driver.executeAsyncScript(
        "const done = arguments[0]; const s = document.querySelector('script[type=module]'); if (!s) return done('no module script'); import(s.src + '?again').then(() => done('the script loads without error'), (err) => done(String(err) + ' ' + (err && err.stack)));",
      );
      throw new Error(`${e.message}; the UI's script: ${why}`);
    });
    const mark = await driver.executeScript("return performance.getEntriesByName('atlas-ready', 'mark').map((m) => m.startTime)");
    assert.equal(mark.length, 1, "one atlas-ready performance mark");
    assert.ok(mark[0] > 0, `the mark has a time since navigation start (got ${mark[0]})`);
    const input = await driver.findElement(sel("search-input"));
    assert.ok(await input.isDisplayed());
    // The UI told the shell too, which wrote its line where the benchmark reads it.
    await waitFor(() => existsSync(readyFile) && readFileSync(readyFile, "utf8") === "ready\n", { what: "the shell's ready line" });
    await waitFor(async () => (await driver.findElements(sel("edition-entities"))).length > 0, { what: "edition summary" });
    await screenshot(driver, "desktop-start.png");
  });

  it("finds 长安, opens the entity with Enter, then its graph", async () => {
    const input = await driver.findElement(sel("search-input"));
    await input.click();
    await input.sendKeys("长安");
    const hit = await waitFor(async () => {
      for (const h of await driver.findElements(sel("search-hit"))) {
        if (/长安|changan/i.test(await h.getText())) return h;
      }
      return null;
    }, { what: "a search hit for 长安" });
    const id = await hit.getAttribute("data-entity-id");
    assert.ok(id);
    await screenshot(driver, "desktop-search.png");
    const first = await driver.findElement(sel("search-hit")).getAttribute("data-entity-id");
    await input.sendKeys(Key.ENTER);
    await waitFor(async () => (await driver.findElements(By.css(`[data-testid="entity-page"][data-entity-id="${first}"]`))).length > 0, { what: `entity page ${first}` });
    assert.ok((await driver.findElement(sel("entity-name")).getText()).length > 0);
    assert.ok((await driver.findElements(sel("source-item"))).length > 0, "sources listed");
    await screenshot(driver, "desktop-entity.png");

    await driver.findElement(sel("open-graph")).click();
    await waitFor(async () => (await driver.findElement(sel("graph-canvas")).getAttribute("data-ready")) === "true", { what: "graph drawn" });
    const nodes = Number(await driver.findElement(sel("graph-canvas")).getAttribute("data-node-count"));
    assert.ok(nodes > 1, `more than one node (got ${nodes})`);
    assert.ok((await driver.findElements(By.css('[data-testid="graph-canvas"] canvas'))).length > 0, "canvas present");
    await screenshot(driver, "desktop-graph.png");
  });

  it("Ctrl + enlarges the remembered text size once; Ctrl+wheel zooms the window (Tauri's zoom hotkeys)", async () => {
    const state = () => driver.executeScript("return { width: innerWidth, step: document.documentElement.dataset.textStep, refused: window.__refused }");
    await driver.executeScript("window.__refused = []; addEventListener('unhandledrejection', (e) => window.__refused.push(String(e.reason)));");
    const before = await state();
    await driver.findElement(By.css("body")).sendKeys(Key.chord(Key.CONTROL, "="));
    const larger = await waitFor(async () => { const s = await state(); return s.step !== before.step && s; }, { what: "a larger text size" });
    assert.equal(Number(larger.step), Number(before.step) + 1, "one step");
    assert.equal(larger.width, before.width, "the key changed the text size, not the page zoom as well");
    // WebKit fires "mousewheel" for a wheel turned with Ctrl held; Tauri's hotkey script zooms by 20%.
    await driver.executeScript("window.dispatchEvent(new WheelEvent('mousewheel', { ctrlKey: true, deltaY: -100, cancelable: true }))");
    const zoomed = await waitFor(async () => { const s = await state(); return s.width < before.width && s; }, { what: "the page zoomed in" });
    assert.equal(Math.round((before.width / zoomed.width) * 10) / 10, 1.2, `zoomed by 20% (${before.width} -> ${zoomed.width} CSS px)`);
    assert.deepEqual(zoomed.refused, [], "no command refused");
    // Back as it was, for the tests that follow.
    await driver.executeScript("window.dispatchEvent(new WheelEvent('mousewheel', { ctrlKey: true, deltaY: 100, cancelable: true }))");
    await driver.findElement(By.css("body")).sendKeys(Key.chord(Key.CONTROL, "0"));
    await waitFor(async () => { const s = await state(); return s.width === before.width && s.step === "0"; }, { what: "zoom and text size back" });
  });

  it("exports search results as CSV through the native save dialog, which the shell writes", async (t) => {
    // tauri-driver cannot reach a native dialog; xdotool types into it on the virtual display.
    if (spawnSync("sh", ["-c", "command -v xdotool"]).status !== 0) {
      if (required) throw new Error("xdotool on PATH, to answer the save dialog");
      return t.skip("no xdotool to answer the save dialog");
    }
    const xdotool = (...args) => spawnSync("xdotool", args, { encoding: "utf8" });
    const saveDialog = () => waitFor(() => xdotool("search", "--onlyvisible", "--name", "^Save File$").stdout.trim().split(/\s+/)[0], { what: "the save dialog" });
    const dialogGone = () => waitFor(() => xdotool("search", "--onlyvisible", "--name", "^Save File$").status !== 0, { what: "the save dialog to close" });

    await driver.executeScript("location.hash = '#/'");
    const input = await waitFor(async () => (await driver.findElements(By.css('[data-testid="search-large"] [data-testid="search-input"]')))[0], { what: "the start page's search box" });
    await input.click();
    await input.sendKeys("长安");
    await waitFor(async () => (await driver.findElements(sel("search-hit"))).length > 0, { what: "search hits for 长安" });
    await driver.sleep(400); // the answer to the last keystroke
    const hitNames = [];
    for (const hit of await driver.findElements(By.css('[data-testid="search-hit"] [data-testid="hit-primary"]'))) hitNames.push(await hit.getText());
    assert.ok(hitNames.some((n) => /长安|changan/i.test(n)), `a hit for 长安 (got ${hitNames})`);

    const exportCsv = async () => {
      await driver.findElement(sel("search-export-open")).click();
      await driver.findElement(By.css('[data-testid="search-export"] [data-testid="export-csv"]')).click();
      return saveDialog();
    };
    // Answered: the path typed into the dialog's name field, then Enter.
    const target = join(workspaceDir, "search-results.csv");
    let dialog = await exportCsv();
    // The whole virtual display: WebDriver's screenshots show the web view only, not the dialog.
    mkdirSync(paths.artifacts, { recursive: true });
    spawnSync("import", ["-window", "root", join(paths.artifacts, "desktop-save-dialog.png")]);
    assert.equal(xdotool("windowfocus", "--sync", dialog).status, 0);
    xdotool("key", "--clearmodifiers", "ctrl+a");
    xdotool("type", "--delay", "20", target);
    xdotool("key", "Return");
    await dialogGone();
    const bytes = await waitFor(() => existsSync(target) && readFileSync(target), { what: `the shell to write ${target}` });
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 with a BOM, as Excel expects");
    const text = bytes.toString("utf8").slice(1);
    const rows = text.trimEnd().split("\r\n");
    assert.equal(rows.length - 1, hitNames.length, `a header and one row per hit (rows: ${rows.join(" | ")})`);
    // Each row starts with its hit's name, quoted when it holds a comma; the other name is Chinese.
    rows.slice(1).forEach((row, i) => assert.ok(row.startsWith(hitNames[i]) || row.startsWith(`"${hitNames[i]}"`), `row ${i + 1} is ${hitNames[i]}: ${row}`));
    assert.ok(text.includes("长安汽车"), "Chinese names intact");

    // Cancelled: nothing is written and nothing goes wrong.
    dialog = await exportCsv();
    assert.equal(xdotool("windowfocus", "--sync", dialog).status, 0);
    xdotool("key", "Escape");
    await dialogGone();
    await driver.sleep(300);
    assert.deepEqual(readdirSync(workspaceDir).filter((f) => f.endsWith(".csv")), ["search-results.csv"]);
    assert.equal(await driver.findElement(sel("error-banner")).isDisplayed(), false, "no error shown");
  });

  it("opens an edition file chosen in the native open dialog, asking first when it is not signed", async (t) => {
    if (spawnSync("sh", ["-c", "command -v xdotool"]).status !== 0) {
      if (required) throw new Error("xdotool on PATH, to answer the open dialog");
      return t.skip("no xdotool to answer the open dialog");
    }
    const xdotool = (...args) => spawnSync("xdotool", args, { encoding: "utf8" });
    // The dialog's title is the UI's, in the page's language.
    const title = await driver.executeScript("return document.documentElement.lang === 'zh-CN' ? '^选择数据版本文件$' : '^Choose an edition file$'");
    const openDialog = () => waitFor(() => xdotool("search", "--onlyvisible", "--name", title).stdout.trim().split(/\s+/)[0], { what: "the open dialog" });
    const dialogGone = () => waitFor(() => xdotool("search", "--onlyvisible", "--name", title).status !== 0, { what: "the open dialog to close" });
    const copy = join(workspaceDir, "another edition.sqlite");
    copyFileSync(paths.edition, copy);
    const before = await api("edition", {});

    await driver.executeScript("location.hash = '#/changes'");
    const compare = await waitFor(async () => (await driver.findElements(sel("changes-compare")))[0], { what: "the editions page" });
    assert.equal((await driver.findElements(sel("changes-path"))).length, 0, "the desktop window uses the native dialog, not a typed path");
    // Cancelled: nothing happens.
    await compare.click();
    let dialog = await openDialog();
    mkdirSync(paths.artifacts, { recursive: true });
    spawnSync("import", ["-window", "root", join(paths.artifacts, "desktop-open-dialog.png")]);
    assert.equal(xdotool("windowfocus", "--sync", dialog).status, 0);
    xdotool("key", "Escape");
    await dialogGone();
    await driver.sleep(300);
    assert.equal(await driver.findElement(sel("error-banner")).isDisplayed(), false, "no error shown");
    // Chosen: the path typed into the dialog's location field, then Enter.
    await driver.findElement(sel("changes-open")).click();
    dialog = await openDialog();
    // The location field is opened first (Ctrl+L) and given time to appear: typing the path
    // straight in lets its leading "/" open the field while the next key is lost ("/mp/…").
    // When the dialog is still open after the path and Enter, the path goes in again, replacing it.
    const dialogOpen = () => xdotool("search", "--onlyvisible", "--name", title).status === 0;
    for (let attempt = 1; ; attempt++) {
      if (attempt > 1 && !dialogOpen()) break; // it took the path late
      assert.equal(xdotool("windowfocus", "--sync", dialog).status, 0);
      xdotool("key", "--clearmodifiers", "ctrl+l");
      await driver.sleep(400);
      xdotool("key", "--clearmodifiers", "ctrl+a");
      xdotool("type", "--delay", "20", copy);
      xdotool("key", "Return");
      try {
        await waitFor(() => !dialogOpen(), { what: "the open dialog to close", timeout: 8000 });
        break;
      } catch (e) {
        spawnSync("import", ["-window", "root", join(paths.artifacts, `desktop-open-dialog-stuck-${attempt}.png`)]);
        if (attempt === 3) throw e;
      }
    }
    if (before.signature !== "valid") {
      const question = await waitFor(async () => (await driver.findElements(sel("changes-confirm-open")))[0], { what: "the question: open it anyway?" });
      assert.equal(await driver.findElement(sel("changes-confirm-text")).getAttribute("data-signature"), before.signature);
      await question.click();
    }
    // Opened: the page compares it with the edition open before (a copy: nothing changed).
    await waitFor(async () => (await driver.findElements(sel("changes-none"))).length > 0, { what: "the diff against the edition open before" });
    assert.notEqual(await driver.findElement(sel("changes-status")).getText(), "", "the page says the edition was opened");
    const after = await api("edition", {});
    assert.deepEqual([after.version, after.entities], [before.version, before.entities]);
    // The workspace stays attached.
    if (driverProcess !== null) assert.ok((await api("workspace_status", {})).location.startsWith(workspaceDir));
    chosenEdition = copy;
    await screenshot(driver, "desktop-changes.png");
  });

  it("keeps a note through closing the window and starting it again", async (t) => {
    // Only a tauri-driver this test started carries the temporary workspace to the app.
    if (driverProcess === null) return t.skip("tauri-driver was already running, with an environment this test does not control");
    const text = `Desktop note ${Date.now()}: 长安 visited in May`;
    const saved = await api("add_note", { target: "entity:changan-auto", text });
    assert.ok(saved.revision > 0, `the note is a change of the workspace (got ${JSON.stringify(saved)})`);
    const before = await api("workspace_status", {});
    assert.ok(before.location.startsWith(workspaceDir), `the workspace is the temporary one (got ${before.location})`);

    // The window reopens on the view it showed last: the policy library, found by a search.
    await driver.executeScript("location.hash = '#/policies?q=' + encodeURIComponent('新能源')");
    await waitFor(() => driver.executeScript("return document.querySelector('[data-testid=\"policies-view\"]') !== null"), { what: "the policy library" });
    await waitFor(() => driver.executeScript("return localStorage.getItem('nev-atlas.lastView')?.startsWith('#/policies')"), { what: "the policy library kept as the last view" });

    const first = appProcesses();
    assert.equal(first.length, 1, `one app process under tauri-driver (got ${first})`);
    await closeWindow();
    await waitFor(() => !appProcesses().includes(first[0]), { what: `the first app process (${first[0]}) to end` });
    driver = await openWindow();
    await waitFor(() => driver.executeScript("return document.documentElement.dataset.ready === '1'"), { what: "the ready mark after the restart" });
    const second = appProcesses();
    assert.ok(second.length === 1 && second[0] !== first[0], `a new app process (was ${first}, now ${second})`);
    const after = await api("workspace_status", {});
    assert.equal(after.location, before.location);
    const notes = after.notes.filter((n) => n.text === text);
    assert.equal(notes.length, 1, `the note is back, once (notes: ${JSON.stringify(after.notes)})`);
    assert.equal(after.revision, before.revision);
    if (chosenEdition !== null) {
      // The edition opened from the app before is open again: compared with the one the app
      // started with (its copy), nothing changed. Without it there is no edition to compare with.
      const diff = await api("edition_diff", {});
      assert.deepEqual(diff.changes, [], "the edition chosen before, opened again at start");
    }
    await waitFor(() => driver.executeScript("return document.querySelector('[data-testid=\"policies-view\"]') !== null"), { what: "the policy library reopened after the restart" });
    assert.equal(await driver.executeScript("return document.querySelector('[data-testid=\"policies-search\"]').value"), "新能源", "with the search it had");
    await screenshot(driver, "desktop-restarted.png");
  });
});
