// The installed-package check (installed.mjs) must fail at once, and say why, when the app ends
// before its window is ready (as `cargo xtask bundle-check --hide-edition` makes it do), instead of
// by a timeout. Its detection (support/appexit.mjs) is tested here without a package: against
// small stand-in apps, and, when it is already built, against target/debug/atlas-desktop started
// by installed.mjs itself in a folder with no edition.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { appExit, unlessAppExits, wrapApp } from "./support/appexit.mjs";
import { paths } from "./support/paths.mjs";

const dirs = [];
const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), "nev-atlas-appexit-"));
  dirs.push(dir);
  return dir;
};
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A stand-in app: a shell script with `body`, in `dir`. */
function standIn(dir, body) {
  const path = join(dir, "stand-in app");
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

/** Runs the wrapper as WebKitWebDriver would: with arguments, not waiting for it. */
const start = (wrapper, ...args) => spawn(wrapper, args, { stdio: "ignore" });
const never = () => new Promise(() => {});

describe("telling that the installed app has exited", () => {
  it("an app that cannot open its edition fails the wait at once, naming the edition", async () => {
    const dir = scratch();
    const app = wrapApp(
      standIn(dir, `echo "Error: opening the edition target/nev-atlas.sqlite (build it with \\\`cargo xtask run\\\`) with your workspace /tmp/w" >&2\necho "Caused by: no such file: $1" >&2\nexit 1`),
      dir,
    );
    start(app.wrapper, "--automation-arg");
    const error = await unlessAppExits(never(), app).catch((e) => e);
    assert.ok(error instanceof Error, "the wait failed");
    assert.match(error.message, /could not open an edition \(it tried target\/nev-atlas\.sqlite\) and exited with status 1 before its window was ready/);
    assert.match(error.message, /edition\.sqlite among the app's resources/);
    // What the app said, with the arguments it was given, comes along.
    assert.match(error.message, /Caused by: no such file: --automation-arg/);
  });

  it("any other early end says its status and what the app wrote", async () => {
    const dir = scratch();
    const app = wrapApp(standIn(dir, `echo "Gtk-WARNING: cannot open display" >&2\nexit 3`), dir);
    start(app.wrapper);
    const error = await unlessAppExits(never(), app).catch((e) => e);
    assert.match(error.message, /^the installed app exited with status 3 before its window was ready\. It said:\nGtk-WARNING: cannot open display$/);
  });

  it("an app that keeps running leaves the wait alone, and its status is recorded when it ends", async () => {
    const dir = scratch();
    const app = wrapApp(standIn(dir, "sleep 1\nexit 0"), dir);
    const child = start(app.wrapper);
    assert.equal(await unlessAppExits(new Promise((r) => setTimeout(() => r("window ready"), 200)), app), "window ready");
    assert.equal(appExit(app), null, "still running");
    await new Promise((r) => child.on("exit", r));
    assert.deepEqual(appExit(app), { status: 0, stderr: "" });
  });

  it("a path with spaces and quotes reaches the app whole", async () => {
    const dir = join(scratch(), "it's a \"folder\"");
    spawnSync("mkdir", ["-p", dir]);
    const app = wrapApp(standIn(dir, `echo "ran $0" >&2\nexit 4`), dir);
    start(app.wrapper);
    const error = await unlessAppExits(never(), app).catch((e) => e);
    assert.match(error.message, /status 4/);
    assert.ok(error.message.includes(`ran ${join(dir, "stand-in app")}`), error.message);
  });
});

// The real thing, when it is there: the desktop binary, started by installed.mjs through
// tauri-driver under Xvfb, in a folder with no edition (so none is found, as with --hide-edition).
const tools = ["tauri-driver", "WebKitWebDriver", "xvfb-run", "dbus-run-session"].filter((t) => spawnSync("sh", ["-c", `command -v ${t}`]).status !== 0);
const realSkip = !existsSync(paths.desktopBin)
  ? `no desktop binary at ${paths.desktopBin} (not built here)`
  : tools.length > 0
    ? `missing ${tools.join(", ")}`
    : false;

describe("the check against the desktop binary without an edition", { skip: realSkip }, () => {
  it("fails with the app's reason, not a timeout", { timeout: 120000 }, async () => {
    const dir = scratch();
    const env = { ...process.env, NEV_ATLAS_INSTALLED_BIN: paths.desktopBin, NEV_ATLAS_CHECK_DIR: dir, NEV_ATLAS_CHECK_PORT: "4474", HOME: dir, XDG_DATA_HOME: join(dir, "data") };
    delete env.NEV_ATLAS_EDITION;
    delete env.NEV_ATLAS_WORKSPACE;
    const run = spawn("xvfb-run", ["-a", "-s", "-screen 0 1280x800x24", "dbus-run-session", "--", process.execPath, join(import.meta.dirname, "installed.mjs")], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    run.stdout.on("data", (d) => (out += d));
    run.stderr.on("data", (d) => (out += d));
    const code = await new Promise((r) => run.on("exit", r));
    assert.equal(code, 1, out);
    assert.match(out, /check FAILED: the installed app could not open an edition/, out);
    assert.doesNotMatch(out, /no answer in 60 s/, out);
  });
});
