// The real Tauri window, driven through tauri-driver (which launches WebKitWebDriver) under Xvfb.
// The caller provides DISPLAY (e.g. `xvfb-run -a -s "-screen 0 1280x800x24" node --test desktop.test.mjs`).
// Journey: Chinese query, open the entity, open its graph; screenshots to target/e2e-artifacts/desktop-*.png.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import webdriver from "selenium-webdriver";
import http from "selenium-webdriver/http/index.js";
import { paths, required } from "./support/paths.mjs";

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

function portOpen(port) {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

async function waitFor(fn, { timeout = 15000, interval = 100, what = "condition" } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, interval));
  }
  throw new Error(`timed out waiting for ${what}: ${last}`);
}

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

  before(async () => {
    if (!(await portOpen(DRIVER_PORT))) {
      // The app reads its edition from NEV_ATLAS_EDITION; tauri-driver passes its environment on.
      const env = { ...process.env, NEV_ATLAS_EDITION: paths.edition };
      driverProcess = spawn("tauri-driver", ["--port", String(DRIVER_PORT)], { stdio: ["ignore", "pipe", "pipe"], env });
      driverProcess.stdout.on("data", (d) => (driverLog += d));
      driverProcess.stderr.on("data", (d) => (driverLog += d));
      await waitFor(() => portOpen(DRIVER_PORT), { what: `tauri-driver on port ${DRIVER_PORT}` });
    }
    // No browserName: tauri-driver matches on tauri:options alone.
    const capabilities = new webdriver.Capabilities({ "tauri:options": { application: paths.desktopBin } });
    const executor = new http.Executor(new http.HttpClient(`http://127.0.0.1:${DRIVER_PORT}/`));
    driver = await WebDriver.createSession(executor, capabilities);
  });

  after(async () => {
    // A WebDriver that stopped answering must not hold the run: give quit() five seconds.
    const quit = driver ? driver.quit().catch(() => {}) : Promise.resolve();
    await Promise.race([quit, new Promise((r) => setTimeout(r, 5000))]);
    if (driverProcess && driverProcess.exitCode === null) {
      driverProcess.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 300));
      if (driverProcess.exitCode === null) driverProcess.kill("SIGKILL");
    }
    // The window is WebKitWebDriver's child; it must not outlive the test either.
    spawnSync("pkill", ["-f", paths.desktopBin]);
  });

  it("shows the start screen with the search box", async () => {
    const input = await waitFor(async () => (await driver.findElements(sel("search-input")))[0], { what: "search input" });
    assert.ok(await input.isDisplayed());
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
});
