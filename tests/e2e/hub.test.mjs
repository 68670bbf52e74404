// A hub's entity page on a synthetic edition (3,000 entities, 30,000 links; never shipped): each
// relation and direction shows its first 200 links with "Showing 200 of N — Show more", and the
// button loads the next ones in place, in English and Chinese, with axe-core.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { assertAccessible } from "./support/axe.mjs";
import { launch, shot, watch } from "./support/browser.mjs";
import { sel } from "./support/journey.mjs";
import { paths, required } from "./support/paths.mjs";
import { startServer } from "./support/server.mjs";

const mock = process.env.NEV_ATLAS_SERVER === "mock";
const missing = [
  !existsSync(paths.bin) && `server binary ${paths.bin}`,
  !existsSync(`${paths.ui}/index.html`) && `UI build ${paths.ui}/index.html (run npm run build in ui/)`,
  !existsSync(paths.chromium) && `chromium ${paths.chromium}`,
].filter(Boolean);
if (!mock && missing.length > 0 && required) throw new Error(`hub e2e prerequisites missing: ${missing.join(", ")}`);
const skip = mock ? "needs the real server (a synthetic edition)" : missing.length > 0 ? `missing ${missing.join(", ")}` : false;

describe("a hub's entity page", { skip }, () => {
  let dir;
  let server;
  let browser;
  let page;
  let problems;
  let hub;

  const api = async (command, args) => {
    const response = await fetch(`${server.url}/api/${command}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(args) });
    assert.equal(response.status, 200, `${command}: HTTP ${response.status}`);
    return response.json();
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "nev-atlas-hub-"));
    const edition = join(dir, "synthetic.sqlite");
    execFileSync(paths.bin, ["synth", "--entities", "3000", "--links", "30000", "--seed", "4", "-o", edition], { stdio: "ignore" });
    server = await startServer({ edition });
    // The entity with the most links, and its largest group, read from the API.
    const ranked = await api("centrality", { measure: "degree", limit: 1 });
    const id = ranked.entities[0].entity.id;
    const entity = await api("entity", { id });
    const group = [...entity.link_groups].sort((a, b) => b.total - a.total)[0];
    hub = { id, ...group };
    assert.ok(hub.total > 400, `the busiest entity's largest group has only ${hub.total} links`);
    browser = await launch({ viewport: { width: 1440, height: 900 } });
    page = await browser.context.newPage();
    problems = watch(page);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const group = () => page.locator(`${sel("link-group")}[data-relation="${hub.relation}"][data-direction="${hub.direction}"]`);
  const shown = () => group().locator(sel("link-item")).count();

  for (const [lang, showing] of [
    ["en", (n, total) => `Showing ${n} of ${total.toLocaleString("en-US")}`],
    ["zh", (n, total) => `显示 ${n} / ${total.toLocaleString("en-US")} 条`],
  ]) {
    it(`shows the first 200 links of the group and loads more on demand (${lang})`, async () => {
      await page.goto(server.url + "/");
      await page.evaluate((l) => localStorage.setItem("nev-atlas.lang", l), lang);
      await page.goto(`${server.url}/#/entity/${encodeURIComponent(hub.id)}`);
      await page.reload();
      await page.waitForSelector(sel("entity-page"));
      assert.equal(await shown(), 200);
      const status = group().locator(sel("link-more-status"));
      assert.equal((await status.textContent())?.trim(), showing(200, hub.total));
      assert.equal((await group().locator(".count-pill").textContent())?.trim(), hub.total.toLocaleString("en-US"));
      await group().locator(sel("link-more")).scrollIntoViewIfNeeded();
      await shot(page, `hub-entity-${lang}.png`);
      await assertAccessible(page, `hub entity page (${lang})`);

      await group().locator(sel("link-more")).click();
      await page.waitForFunction(
        ([selector]) => document.querySelectorAll(selector).length === 400,
        [`[data-testid="link-group"][data-relation="${hub.relation}"][data-direction="${hub.direction}"] [data-testid="link-item"]`],
      );
      assert.equal((await status.textContent())?.trim(), showing(400, hub.total));
      // The links loaded are the next ones of the group, none repeated.
      const others = await group().locator(sel("link-item")).evaluateAll((items) => items.map((i) => i.getAttribute("data-other")));
      assert.equal(new Set(others).size, others.length);
      const next = await api("entity_links", { id: hub.id, relation: hub.relation, direction: hub.direction, offset: 200, limit: 200 });
      assert.deepEqual(others.slice(200), next.links.map((l) => l.other.id));
      await shot(page, `hub-entity-more-${lang}.png`);
    });
  }

  it("raised no console errors, page errors or off-site requests", () => {
    assert.deepEqual(problems.offsite, []);
    assert.deepEqual(problems.pageErrors, []);
    assert.deepEqual(problems.consoleErrors, []);
    assert.deepEqual(problems.dialogs, []);
  });
});
