// XSS probes: an edition built from tests/fixtures/xss holds an entity `xss-probe` whose name is
// `<img src=x onerror=alert(1)>` and a source titled `<script>alert(1)</script>`. Search it, open
// its page and its graph: the markup must show as text, no dialog may open, no <img src=x> exist.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { launch, shot, watch } from "./support/browser.mjs";
import { readHits, sel, waitForEntity, waitForGraph } from "./support/journey.mjs";
import { paths, required } from "./support/paths.mjs";
import { startServer } from "./support/server.mjs";

const PROBE_ID = "xss-probe";
const PROBE_NAME = "<img src=x onerror=alert(1)>";
const PROBE_TITLE = "<script>alert(1)</script>";

const mock = process.env.NEV_ATLAS_SERVER === "mock";
const missing = [
  !mock && !existsSync(paths.bin) && `server binary ${paths.bin}`,
  !mock && !existsSync(paths.xssEdition) && `XSS edition ${paths.xssEdition} (build it from tests/fixtures/xss)`,
  !existsSync(`${paths.ui}/index.html`) && `UI build ${paths.ui}/index.html`,
  !existsSync(paths.chromium) && `chromium ${paths.chromium}`,
].filter(Boolean);
if (missing.length > 0 && required) throw new Error(`xss e2e prerequisites missing: ${missing.join(", ")}`);
const skip = missing.length > 0 ? `missing ${missing.join(", ")}` : false;

/** Evidence that markup was interpreted: elements the probe text would have created. */
async function injected(page) {
  return page.evaluate(() => ({
    imgX: document.querySelectorAll('img[src="x"], img[src$="/x"]').length,
    imgs: document.querySelectorAll("img").length,
    iframes: document.querySelectorAll("iframe").length,
    // SVGs the app draws itself (graph print copy, charts) carry data-drawn="atlas"; any other is injected.
    svgs: document.querySelectorAll('svg:not([data-drawn="atlas"]), [data-drawn="atlas"] svg').length,
    inlineScripts: [...document.querySelectorAll("script")].filter((s) => !s.src).length,
    handlers: [...document.querySelectorAll("*")].filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name))).length,
    pwned: "__pwned" in window,
  }));
}

const clean = { imgX: 0, imgs: 0, iframes: 0, svgs: 0, inlineScripts: 0, handlers: 0, pwned: false };

describe("XSS probes", { skip }, () => {
  let server;
  let browser;
  let page;
  let problems;

  before(async () => {
    server = await startServer({ edition: mock ? "mock-xss" : paths.xssEdition });
    browser = await launch();
    page = await browser.context.newPage();
    problems = watch(page);
    await page.addInitScript(() => localStorage.setItem("nev-atlas.lang", "en"));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("search shows the probe's name as text", async () => {
    await page.goto(server.url + "/");
    const input = page.locator(sel("search-input"));
    let hits = [];
    // The probe's name is all punctuation and ASCII words; try what a tokenizer may keep.
    for (const query of ["onerror", "img", "alert", "xss", "xss-probe", PROBE_NAME]) {
      await input.fill("");
      await input.pressSequentially(query, { delay: 10 });
      const deadline = Date.now() + 2000;
      while (Date.now() < deadline) {
        hits = await readHits(page);
        if (hits.some((h) => h.id === PROBE_ID)) break;
        await page.waitForTimeout(50);
      }
      if (hits.some((h) => h.id === PROBE_ID)) break;
    }
    const probe = hits.find((h) => h.id === PROBE_ID);
    assert.ok(probe, `search found ${PROBE_ID}; last hits: ${JSON.stringify(hits)}`);
    assert.ok(probe.text.includes(PROBE_NAME), `hit shows the name literally: ${probe.text}`);
    assert.deepEqual(await injected(page), clean);
    await shot(page, "xss-search.png");
    const index = hits.findIndex((h) => h.id === PROBE_ID);
    for (let i = 0; i < index; i++) await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await waitForEntity(page, PROBE_ID);
  });

  it("the entity page shows name and source title literally", async () => {
    assert.equal(await page.locator(sel("entity-name")).textContent(), PROBE_NAME);
    const titles = await page.locator(`${sel("sources")} ${sel("source-title")}`).allTextContents();
    assert.ok(titles.includes(PROBE_TITLE), `source title shown literally: ${JSON.stringify(titles)}`);
    const body = await page.evaluate(() => document.body.innerText);
    assert.ok(body.includes(PROBE_NAME));
    assert.deepEqual(await injected(page), clean);
    await shot(page, "xss-entity.png");
  });

  it("the graph labels the probe without interpreting it", async () => {
    await page.locator(sel("open-graph")).click();
    const graph = await waitForGraph(page);
    assert.ok(graph.nodes >= 1);
    const names = await page.locator(sel("graph-node")).allTextContents();
    assert.ok(names.includes(PROBE_NAME), `node list shows the name literally: ${JSON.stringify(names)}`);
    const title = await page.locator(sel("graph-title")).textContent();
    assert.ok(title.includes(PROBE_NAME));
    // The vector copy for printing holds only drawn shapes; names are text nodes in <text>.
    const tags = await page.locator(`${sel("graph-print")} *`).evaluateAll((els) => [...new Set(els.map((e) => e.tagName.toLowerCase()))]);
    assert.deepEqual(tags.filter((t) => !["svg", "g", "rect", "line", "polygon", "circle", "text"].includes(t)), [], "only the shapes the app draws");
    // Sigma draws labels on canvas; the DOM must still hold no injected element.
    const found = await injected(page);
    assert.deepEqual({ ...found, imgs: 0 }, clean); // sigma may create no <img>, but check img[src=x] strictly
    assert.equal(found.imgX, 0);
    await shot(page, "xss-graph.png");
  });

  it("no dialog fired, nothing off 127.0.0.1, no console error", async () => {
    await page.waitForTimeout(300); // give any injected handler a chance to run
    assert.deepEqual(problems.dialogs, []);
    assert.deepEqual(problems.offsite, []);
    assert.deepEqual(problems.pageErrors, []);
    assert.deepEqual(problems.consoleErrors, []);
  });
});
