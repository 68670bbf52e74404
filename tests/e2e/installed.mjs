// The installed app, as a user gets it from the .deb: `cargo xtask bundle --check` unpacks the
// package with `dpkg -x` and runs this script under Xvfb and a D-Bus session, with HOME and the
// XDG folders in a temporary folder and no NEV_ATLAS_EDITION or NEV_ATLAS_WORKSPACE, so the app
// must find the edition among its own resources and put the workspace in XDG_DATA_HOME.
// Driven as desktop.test.mjs drives the window: tauri-driver (which starts WebKitWebDriver, which
// starts the app), the ready mark (data-ready="1"), then a query typed into the search box.
// Exits 0 when the window appears and a search answers, 1 otherwise (with the app's own log).
// The app runs through a wrapper that records its exit (support/appexit.mjs): an app that ends
// before its window is ready (say, a package without its edition) fails the check at once, with
// what the app said, instead of by a timeout.
//
//   NEV_ATLAS_INSTALLED_BIN  the unpacked binary (…/usr/bin/nev-atlas-desktop)
//   NEV_ATLAS_CHECK_DIR      the temporary folder the app is started in
import { spawn, spawnSync } from "node:child_process";
import webdriver from "selenium-webdriver";
import http from "selenium-webdriver/http/index.js";
import { unlessAppExits, wrapApp } from "./support/appexit.mjs";
import { portOpen, waitFor as waitUntil } from "./support/wait.mjs";

const { By, WebDriver } = webdriver;
const bin = process.env.NEV_ATLAS_INSTALLED_BIN;
const cwd = process.env.NEV_ATLAS_CHECK_DIR;
// Ports of their own, so the check can run beside the desktop e2e (4444 and WebKitWebDriver's 4445).
const port = Number(process.env.NEV_ATLAS_CHECK_PORT ?? 4464);
const nativePort = port + 1;
const sel = (testid) => By.css(`[data-testid="${testid}"]`);


const waitFor = (fn, options = {}) => waitUntil(fn, { timeout: 20000, interval: 150, ...options });

// A promise that fails after `ms`, so a session that never starts cannot hang the check.
const within = (promise, ms, what) =>
  Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer in ${ms / 1000} s`)), ms))]);

async function main() {
  if (!bin || !cwd) throw new Error("NEV_ATLAS_INSTALLED_BIN and NEV_ATLAS_CHECK_DIR must be set");
  if (process.env.NEV_ATLAS_EDITION || process.env.NEV_ATLAS_WORKSPACE) {
    throw new Error("NEV_ATLAS_EDITION and NEV_ATLAS_WORKSPACE must be unset: the installed app finds both on its own");
  }
  if (await portOpen(port)) throw new Error(`port ${port} is taken (another check running?)`);
  let log = "";
  const driverProcess = spawn("tauri-driver", ["--port", String(port), "--native-port", String(nativePort)], {
    cwd,
    stdio: ["ignore", "pipe", "pipe"],
  });
  driverProcess.stdout.on("data", (d) => (log += d));
  driverProcess.stderr.on("data", (d) => (log += d));
  let driver = null;
  // The processes under our tauri-driver (tauri-driver -> WebKitWebDriver -> the app), by id.
  const children = (pid) => spawnSync("ps", ["-o", "pid=", "--ppid", String(pid)]).stdout.toString().split(/\s+/).filter(Boolean);
  const descendants = (pid) => children(pid).flatMap((child) => [child, ...descendants(child)]);
  let started = [];
  try {
    await waitFor(() => portOpen(port), { what: `tauri-driver on port ${port}` });
    const app = wrapApp(bin, cwd);
    const capabilities = new webdriver.Capabilities({ "tauri:options": { application: app.wrapper } });
    const executor = new http.Executor(new http.HttpClient(`http://127.0.0.1:${port}/`));
    driver = await unlessAppExits(within(WebDriver.createSession(executor, capabilities), 60000, "starting the installed app"), app);
    await unlessAppExits(
      waitFor(() => driver.executeScript("return document.documentElement.dataset.ready === '1'"), { what: "the ready mark" }),
      app,
    );
    started = descendants(driverProcess.pid);
    console.log("check: the window is up and marked itself ready");
    // The window itself, as the window manager sees it: its title on the virtual display.
    const windows = spawnSync("xdotool", ["search", "--onlyvisible", "--name", "^NEV Atlas$"]).stdout.toString().trim();
    if (!windows) throw new Error("no visible window titled 'NEV Atlas' on the display");
    console.log(`check: a visible window titled 'NEV Atlas' (X window ${windows.split(/\s+/)[0]})`);
    const edition = await within(
      driver.executeAsyncScript(
        `const done = arguments[0];
         window.__TAURI_INTERNALS__.invoke("api", { command: "edition", args: {} }).then((value) => done({ value }), (error) => done({ error }));`,
      ),
      20000,
      "the edition command",
    );
    if (edition.error !== undefined) throw new Error(`the edition command failed: ${JSON.stringify(edition.error)}`);
    const { entities, links, version, synthetic } = edition.value;
    if (!(entities > 0) || synthetic) throw new Error(`an unexpected edition: ${JSON.stringify(edition.value)}`);
    console.log(`check: edition ${version}: ${entities} entities, ${links} links`);
    const input = await driver.findElement(sel("search-input"));
    await input.click();
    await input.sendKeys("长安");
    const hit = await waitFor(
      async () => {
        for (const h of await driver.findElements(sel("search-hit"))) {
          const text = await h.getText();
          if (/长安|changan/i.test(text)) return text.split("\n")[0];
        }
        return null;
      },
      { what: "a search hit for 长安" },
    );
    console.log(`check: the search for 长安 answered: ${hit}`);
  } catch (error) {
    console.error(`check FAILED: ${error.message}`);
    console.error(`--- tauri-driver, WebKitWebDriver and the app said:\n${log.trim() || "(nothing)"}`);
    process.exitCode = 1;
  } finally {
    started = [...new Set([...started, ...descendants(driverProcess.pid)])];
    if (driver) await within(driver.quit(), 5000, "closing the window").catch(() => {});
    driverProcess.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 300));
    if (driverProcess.exitCode === null) driverProcess.kill("SIGKILL");
    // WebKitWebDriver and the app must not outlive the check: the ones it started, by id.
    for (const pid of started) {
      try {
        process.kill(Number(pid), "SIGKILL");
      } catch {
        // already gone
      }
    }
  }
}

await main();
// A session request that never got an answer must not keep the check waiting.
process.exit(process.exitCode ?? 0);
