// Paths shared by the end-to-end tests, overridable from the environment.
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
// Relative paths are taken from the repository root; one that exists relative to the current
// directory is taken from there (so `NEV_ATLAS_X=../../target/x.sqlite` works from tests/e2e too).
const fromRoot = (p) => (existsSync(resolve(p)) && !existsSync(resolve(repoRoot, p)) ? resolve(p) : resolve(repoRoot, p));

export const paths = {
  bin: fromRoot(process.env.NEV_ATLAS_BIN ?? "target/debug/nev-atlas"),
  edition: fromRoot(process.env.NEV_ATLAS_EDITION ?? "target/nev-atlas.sqlite"),
  xssEdition: fromRoot(process.env.NEV_ATLAS_XSS_EDITION ?? "target/nev-atlas-xss.sqlite"),
  ui: fromRoot(process.env.NEV_ATLAS_UI ?? "ui/dist"),
  desktopBin: fromRoot(process.env.NEV_ATLAS_DESKTOP_BIN ?? "target/debug/atlas-desktop"),
  artifacts: fromRoot(process.env.NEV_ATLAS_ARTIFACTS ?? "target/e2e-artifacts"),
  chromium: process.env.CHROMIUM ?? "/usr/bin/chromium",
};

/** When set, missing prerequisites fail the tests instead of skipping them (for CI). */
export const required = process.env.NEV_ATLAS_E2E_REQUIRE === "1" || process.env.CI === "true";
