// Watching the installed app from outside while a check waits for its window. The app is started
// (by WebKitWebDriver, under tauri-driver) through a small wrapper that keeps what the app wrote to
// stderr and, once it ends, its exit status in files beside the check. A check waiting for the
// window can then tell "the app has exited" from "the app is slow", and say why at once instead of
// waiting for a timeout: an app that found no edition names the edition it tried to open.
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** A path quoted for sh. */
const shQuote = (text) => `'${String(text).replace(/'/g, `'\\''`)}'`;

/**
 * Writes `dir/run-installed-app.sh`, which runs `bin` with the arguments and environment it is
 * given, appends its stderr to `dir/app.stderr` and writes its exit status to `dir/app.exit` when
 * it ends. Returns the wrapper's path and the two files.
 */
export function wrapApp(bin, dir) {
  const wrapper = join(dir, "run-installed-app.sh");
  const status = join(dir, "app.exit");
  const stderr = join(dir, "app.stderr");
  writeFileSync(
    wrapper,
    [
      "#!/bin/sh",
      "# Runs the installed app as WebKitWebDriver asks, keeping its messages and its exit status.",
      `${shQuote(bin)} "$@" 2>>${shQuote(stderr)}`,
      `echo $? > ${shQuote(status + ".partial")} && mv ${shQuote(status + ".partial")} ${shQuote(status)}`,
      "",
    ].join("\n"),
  );
  chmodSync(wrapper, 0o755);
  return { wrapper, status, stderr };
}

/** The app's end once the wrapper recorded it: `{status, stderr}`; null while it runs (or never ran). */
export function appExit(files) {
  if (!existsSync(files.status)) return null;
  const status = Number.parseInt(readFileSync(files.status, "utf8").trim(), 10);
  const stderr = existsSync(files.stderr) ? readFileSync(files.stderr, "utf8") : "";
  return { status, stderr };
}

/** What an app that ended before its window was ready tells the person running the check. */
export function exitMessage({ status, stderr }) {
  // Its last lines, without the frames of a Rust backtrace ("  12: tauri::…", "   at src/…").
  const said = stderr.trim().split("\n").filter((l) => !/^\s+(\d+: |at )/.test(l)).slice(-12).join("\n");
  // The shell's error when it cannot open the edition (src-tauri/src/main.rs): "opening the edition PATH …".
  const edition = /opening the edition (\S+)/.exec(stderr);
  const head = edition
    ? `the installed app could not open an edition (it tried ${edition[1]}) and exited with status ${status} before its window was ready: the package must carry edition.sqlite among the app's resources`
    : `the installed app exited with status ${status} before its window was ready`;
  return head + (said ? `. It said:\n${said}` : ". It wrote nothing to stderr.");
}

/**
 * Settles as `promise` does, unless the app ends first: then rejects at once with `exitMessage`.
 * Polls the wrapper's status file every `interval` ms while `promise` is pending.
 */
export function unlessAppExits(promise, files, { interval = 200 } = {}) {
  // If the app's end wins, `promise` may still reject later: that is no longer news.
  promise.catch(() => {});
  let timer;
  let done = false;
  const exited = new Promise((_, reject) => {
    const poll = () => {
      if (done) return;
      const exit = appExit(files);
      if (exit) reject(new Error(exitMessage(exit)));
      else timer = setTimeout(poll, interval);
    };
    poll();
  });
  return Promise.race([promise, exited]).finally(() => {
    done = true;
    clearTimeout(timer);
  });
}
