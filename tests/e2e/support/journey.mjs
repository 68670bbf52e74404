// Steps shared by the browser and XSS tests (Playwright pages).
import assert from "node:assert/strict";

export const sel = (testid) => `[data-testid="${testid}"]`;

/** Clears the search box, types `query` like a user, and waits until hits satisfy `accept`. */
export async function searchFor(page, query, accept = () => true, { timeout = 5000 } = {}) {
  const input = page.locator(sel("search-input")).first();
  await input.click();
  await input.fill("");
  await input.pressSequentially(query, { delay: 15 });
  const deadline = Date.now() + timeout;
  let hits = [];
  while (Date.now() < deadline) {
    hits = await readHits(page);
    if (hits.length > 0 && hits.some(accept)) return hits;
    await page.waitForTimeout(50);
  }
  const status = await page.locator(sel("search-status")).first().textContent();
  assert.fail(`no acceptable hit for ${JSON.stringify(query)}; hits: ${JSON.stringify(hits)}; status: ${status}`);
}

export async function readHits(page) {
  return page.$$eval('[data-testid="search-results"]:not([hidden]) [data-testid="search-hit"]', (items) =>
    items.map((li) => ({
      id: li.getAttribute("data-entity-id"),
      text: li.textContent ?? "",
      selected: li.classList.contains("selected"),
    })),
  );
}

/** Waits for the entity page of `id` (or any entity when id is undefined) to be rendered. */
export async function waitForEntity(page, id) {
  const selector = id === undefined ? sel("entity-page") : `${sel("entity-page")}[data-entity-id="${cssEscape(id)}"]`;
  await page.waitForSelector(selector, { timeout: 10000 });
  return page.locator(sel("entity-page")).getAttribute("data-entity-id");
}

/** Waits until the graph view has drawn (or reported that it cannot). */
export async function waitForGraph(page) {
  await page.waitForSelector(`${sel("graph-canvas")}[data-ready="true"]`, { timeout: 15000 });
  return {
    nodes: Number(await page.locator(sel("graph-canvas")).getAttribute("data-node-count")),
    canvases: await page.locator(`${sel("graph-canvas")} canvas`).count(),
  };
}

function cssEscape(s) {
  return s.replace(/["\\]/g, "\\$&");
}

/** Opens `hash` on the server at `url` in `lang` (the stored language, then a reload), at `size` when given. */
export async function openIn(page, url, lang, hash, size = null) {
  if (size) await page.setViewportSize(size);
  await page.evaluate((l) => localStorage.setItem("nev-atlas.lang", l), lang);
  await page.goto(`${url}/${hash}`);
  await page.reload();
  await page.waitForFunction((l) => document.documentElement.lang === (l === "zh" ? "zh-CN" : "en"), lang);
}
