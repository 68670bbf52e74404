// "As of a year" (issue 9) against `nev-atlas serve` on the shipped edition: Changan's stake in
// Avatr changed over time. The entity page, its trace panel and the graph take a year from a
// control; the year is in the address, so a reload (a deep link) shows the same; a banner says
// which year and how many undated links are included, with a way back to now. The figures
// expected are read from data/links/ownership.csv here, never typed in. English and Chinese,
// screenshots, axe-core.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { launch, shot, watch } from "./support/browser.mjs";
import { sel, waitForEntity, waitForGraph, openIn } from "./support/journey.mjs";
import { paths, repoRoot, required } from "./support/paths.mjs";
import { startServer } from "./support/server.mjs";
import { assertAccessible } from "./support/axe.mjs";

const mock = process.env.NEV_ATLAS_SERVER === "mock";
const missing = [
  mock && "the shipped edition (the mock server has no dated stakes)",
  !existsSync(paths.bin) && `server binary ${paths.bin}`,
  !existsSync(paths.edition) && `edition ${paths.edition}`,
  !existsSync(`${paths.ui}/index.html`) && `UI build ${paths.ui}/index.html (run npm run build in ui/)`,
  !existsSync(paths.chromium) && `chromium ${paths.chromium}`,
].filter(Boolean);
if (missing.length > 0 && required && !mock) throw new Error(`as-of e2e prerequisites missing: ${missing.join(", ")}`);
const skip = missing.length > 0 ? `missing ${missing.join(", ")}` : false;

/** Rows of a CSV file (quoted fields, doubled quotes, line breaks in quotes) as objects. */
function readCsv(file) {
  const text = readFileSync(file, "utf8");
  const rows = [];
  let row = [], field = "", quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") { row.push(field); field = ""; }
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field); field = "";
      if (row.some((f) => f !== "")) rows.push(row);
      row = [];
    } else field += c;
  }
  if (field !== "" || row.length > 0) { row.push(field); rows.push(row); }
  const [head, ...body] = rows;
  return body.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ""])));
}

// Changan's stakes in Avatr: the oldest figure (earliest since) and the current one (no until).
const OWNER = "changan-auto", OWNED = "avatr";
const stakes = readCsv(join(repoRoot, "data/links/ownership.csv")).filter((r) => r.from === OWNER && r.to === OWNED && r.relation === "owns" && r.share !== "");
const year = (date) => Number(date.slice(0, 4));
const old = stakes.filter((r) => r.since).sort((a, b) => a.since.localeCompare(b.since))[0];
const now = stakes.filter((r) => !r.until).sort((a, b) => b.since.localeCompare(a.since))[0];
const EARLY = year(old.since);
const LATE = Math.max(year(now.since), year(old.until) + 1);
const shareText = (row) => `${Math.round(Number(row.share) * 100) / 100}%`;

describe("as of a year", { skip }, () => {
  let server, browser, page, problems;

  const open = (lang, hash) => openIn(page, server.url, lang, hash);
  /** The shares shown on the owner's page for its stakes in the owned. */
  const shownStakes = async () => {
    await waitForEntity(page, OWNER);
    return page.locator(`${sel("link-item")}[data-relation="owns"][data-direction="outgoing"][data-other="${OWNED}"] ${sel("link-share")} .share-value`).allInnerTexts();
  };
  const shows = (texts, row) => texts.includes(shareText(row));
  const pick = async (testid, value) => {
    await page.waitForFunction(([id, v]) => [...document.querySelectorAll(`[data-testid="${id}"] option`)].some((o) => o.value === v), [testid, value]);
    await page.selectOption(sel(testid), value);
  };

  before(async () => {
    assert.ok(old && now && old !== now && shareText(old) !== shareText(now), "data/ still has a stake of Changan in Avatr that changed");
    assert.ok(EARLY < year(now.since), `the current stake (since ${now.since}) began after ${EARLY}`);
    server = await startServer({ edition: paths.edition });
    browser = await launch({ viewport: { width: 1440, height: 900 } });
    page = await browser.context.newPage();
    problems = watch(page);
    await page.goto(server.url + "/");
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("the entity page switches year from its control, keeps it on reload, and goes back to now", async () => {
    for (const lang of ["en", "zh"]) {
      await page.setViewportSize({ width: 1440, height: 900 });
      await open(lang, `#/entity/${OWNER}`);
      let texts = await shownStakes();
      assert.ok(shows(texts, old) && shows(texts, now), `as of now both figures are listed: ${texts}`);
      assert.equal(await page.locator(sel("asof-banner")).count(), 0, "no banner as of now");
      await page.waitForSelector(`${sel("risk-body")}[data-state="ready"]`);
      const basisNow = await page.locator(sel("risk-basis")).getAttribute("data-links");

      // Choose the early year: the address carries it, the old figure is shown and the new one is not.
      await pick("entity-asof", String(EARLY));
      await page.waitForFunction((y) => location.hash.includes(`asof=${y}`), EARLY);
      await page.waitForSelector(`${sel("asof-banner")}[data-year="${EARLY}"]`);
      texts = await shownStakes();
      assert.ok(shows(texts, old), `as of ${EARLY} the ${shareText(old)} stake is shown: ${texts}`);
      assert.ok(!shows(texts, now), `as of ${EARLY} the ${shareText(now)} stake is not shown: ${texts}`);
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("data-testid")), "entity-asof", "focus stays on the control");
      const banner = await page.locator(sel("asof-banner-text")).innerText();
      const undated = Number(await page.locator(sel("asof-banner")).getAttribute("data-undated"));
      assert.ok(undated > 0, "Changan has undated links, counted in the banner");
      assert.match(banner, lang === "zh" ? new RegExp(`截至${EARLY}年.*含${undated}条无日期`) : new RegExp(`as they stood in ${EARLY} — ${undated} undated links included`));

      // The trace panel is as of the same year and says how much rests on undated links.
      await page.waitForSelector(`${sel("trace-undated")}[data-year="${EARLY}"]`);
      assert.equal(await page.locator(sel("trace-asof")).inputValue(), String(EARLY));
      await page.waitForSelector(`${sel("risk-body")}[data-state="ready"]`);
      assert.equal(await page.locator(sel("risk-now")).count(), 1, "the risk panel says its figures are for now");
      assert.equal(await page.locator(sel("risk-basis")).getAttribute("data-links"), basisNow, "and counts its basis as of now");

      // A deep link: reloading shows the same year and figures.
      await page.reload();
      await page.waitForSelector(`${sel("asof-banner")}[data-year="${EARLY}"]`);
      texts = await shownStakes();
      assert.ok(shows(texts, old) && !shows(texts, now), `after reload, as of ${EARLY}: ${texts}`);
      assert.equal(await page.locator(sel("entity-asof")).inputValue(), String(EARLY));
      await page.evaluate(() => window.scrollTo(0, 0));
      await shot(page, `asof-entity-${EARLY}-${lang}.png`);
      await assertAccessible(page, `entity as of ${EARLY}, ${lang}`);

      // The late year, from the trace panel's control this time: the reverse.
      await pick("trace-asof", String(LATE));
      await page.waitForSelector(`${sel("asof-banner")}[data-year="${LATE}"]`);
      texts = await shownStakes();
      assert.ok(shows(texts, now) && !shows(texts, old), `as of ${LATE}: ${texts}`);
      await page.locator(sel("trace-panel")).scrollIntoViewIfNeeded();
      await shot(page, `asof-trace-${LATE}-${lang}.png`);

      // Back to now.
      await page.locator(sel("asof-banner-now")).click();
      await page.waitForFunction(() => !location.hash.includes("asof="));
      await page.waitForFunction(() => !document.querySelector('[data-testid="asof-banner"]'));
      texts = await shownStakes();
      assert.ok(shows(texts, old) && shows(texts, now), `back to now: ${texts}`);
    }
  });

  it("changing the year keeps the trace and path-finder settings in the address and on the page", async () => {
    const settings = ["trace=customers", "tier=2", "own=1", `to=${OWNED}`, "k=5", "directed=1"];
    const query = async () => page.evaluate(() => Object.fromEntries(new URLSearchParams(location.hash.split("?")[1] ?? "")));
    const pressed = (testid) => page.locator(sel(testid)).getAttribute("aria-pressed");
    for (const lang of ["en", "zh"]) {
      await page.setViewportSize({ width: 1440, height: 900 });
      await open(lang, `#/entity/${OWNER}?${settings.join("&")}`);
      await waitForEntity(page, OWNER);
      // The entity page's control, then the trace panel's: each time only the year changes.
      for (const [testid, y] of [["entity-asof", EARLY], ["trace-asof", LATE]]) {
        await pick(testid, String(y));
        await page.waitForSelector(`${sel("asof-banner")}[data-year="${y}"]`);
        const q = await query();
        assert.equal(q.asof, String(y));
        for (const s of settings) {
          const [key, value] = s.split("=");
          assert.equal(q[key], value, `${key} kept as of ${y} (${lang}): ${JSON.stringify(q)}`);
        }
        // And the page shows them.
        await page.waitForSelector(`${sel("paths-body")} ${sel("path")}, ${sel("paths-body")} ${sel("paths-none")}`);
        assert.equal(await pressed("trace-downstream"), "true", "customers");
        assert.equal(await pressed("trace-depth-2"), "true", "tier 2");
        assert.equal(await page.locator(sel("supply-ownership")).isChecked(), true, "ownership");
        assert.equal(await pressed("paths-k-5"), "true", "5 paths");
        assert.equal(await page.locator(sel("paths-directed")).isChecked(), true, "directed");
        assert.equal(await page.locator(sel("paths-target-link")).getAttribute("data-entity-id"), OWNED, "the path target");
      }
      // A setting changed on the page after it was drawn, then back to now: that setting is kept too.
      await page.locator(sel("trace-depth-1")).click();
      await page.waitForFunction(() => location.hash.includes("tier=1"));
      await page.locator(sel("asof-banner-now")).click();
      await page.waitForFunction(() => !document.querySelector('[data-testid="asof-banner"]'));
      const q = await query();
      assert.equal(q.asof, undefined, "back to now");
      assert.deepEqual([q.trace, q.tier, q.own, q.to, q.k, q.directed], ["customers", "1", "1", OWNED, "5", "1"], `settings kept back to now (${lang}): ${JSON.stringify(q)}`);
      await page.waitForSelector(`${sel("paths-body")} ${sel("path")}, ${sel("paths-body")} ${sel("paths-none")}`);
      await page.locator(sel("trace-panel")).scrollIntoViewIfNeeded();
      await shot(page, `asof-settings-kept-${lang}.png`);
    }
  });

  it("the graph takes the year from the address and its control, and keeps it on reload", async () => {
    for (const lang of ["en", "zh"]) {
      await page.setViewportSize({ width: 1920, height: 1080 });
      await open(lang, `#/graph/${OWNED}`);
      const all = (await waitForGraph(page)).nodes;
      await pick("graph-asof", String(EARLY));
      await page.waitForFunction((y) => location.hash.includes(`asof=${y}`), EARLY);
      await page.waitForSelector(`${sel("graph-asof-banner")}[data-year="${EARLY}"]`);
      const early = (await waitForGraph(page)).nodes;
      assert.ok(early < all, `fewer entities around ${OWNED} as of ${EARLY} (${early}) than now (${all})`);
      await page.reload();
      await page.waitForSelector(`${sel("graph-asof-banner")}[data-year="${EARLY}"]`);
      assert.equal((await waitForGraph(page)).nodes, early, "the deep link draws the same graph");
      // The entity link keeps the year.
      assert.match(await page.locator(sel("graph-entity-link")).getAttribute("href"), new RegExp(`asof=${EARLY}`));
      await shot(page, `asof-graph-${EARLY}-${lang}.png`);
      await assertAccessible(page, `graph as of ${EARLY}, ${lang}`);
    }
    assert.deepEqual(problems.offsite, [], "requests to other hosts");
    assert.deepEqual(problems.consoleErrors, [], "console errors");
    assert.deepEqual(problems.pageErrors, [], "uncaught exceptions");
  });
});
