// Launches Debian's chromium through playwright-core with a fresh profile, and watches a page for
// anything an offline, XSS-safe UI must never do.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { paths } from "./paths.mjs";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** @returns {Promise<{context: import('playwright-core').BrowserContext, close: () => Promise<void>}>} */
export async function launch({ viewport = { width: 1280, height: 800 }, locale = "en-US" } = {}) {
  const profile = mkdtempSync(join(tmpdir(), "nev-atlas-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: paths.chromium,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    locale,
    deviceScaleFactor: 1,
  });
  return {
    context,
    close: async () => {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Records violations on a page: requests to anything but the loopback server, console errors,
 * uncaught exceptions, and dialogs (alert/confirm/prompt).
 */
export function watch(page) {
  const problems = { offsite: [], consoleErrors: [], pageErrors: [], dialogs: [] };
  page.on("request", (request) => {
    const url = request.url();
    if (/^(data|blob|about):/.test(url)) return;
    let host = "";
    try {
      host = new URL(url).hostname;
    } catch {
      problems.offsite.push(url);
      return;
    }
    if (host !== "127.0.0.1") problems.offsite.push(url);
  });
  page.on("console", (message) => {
    if (message.type() === "error") problems.consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => problems.pageErrors.push(String(error)));
  page.on("dialog", async (dialog) => {
    problems.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss().catch(() => {});
  });
  return problems;
}

export function artifact(name) {
  mkdirSync(paths.artifacts, { recursive: true });
  return join(paths.artifacts, name);
}

/** Waits two animation frames so a screenshot shows the latest paint. */
export async function settle(page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(undefined)))));
}

export async function shot(page, name) {
  await settle(page);
  await page.screenshot({ path: artifact(name), fullPage: false });
}
