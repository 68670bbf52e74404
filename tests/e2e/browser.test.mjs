// The browser journey against `nev-atlas serve`: bilingual search, entity page, graph, navigation,
// language toggle; screenshots of every view in English and Chinese to target/e2e-artifacts/.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { launch, shot, watch } from "./support/browser.mjs";
import { searchFor, sel, waitForEntity, waitForGraph } from "./support/journey.mjs";
import { paths, required } from "./support/paths.mjs";
import { startServer } from "./support/server.mjs";

const mock = process.env.NEV_ATLAS_SERVER === "mock";
const missing = [
  !mock && !existsSync(paths.bin) && `server binary ${paths.bin}`,
  !mock && !existsSync(paths.edition) && `edition ${paths.edition}`,
  !existsSync(`${paths.ui}/index.html`) && `UI build ${paths.ui}/index.html (run npm run build in ui/)`,
  !existsSync(paths.chromium) && `chromium ${paths.chromium}`,
].filter(Boolean);
if (missing.length > 0 && required) throw new Error(`browser e2e prerequisites missing: ${missing.join(", ")}`);
const skip = missing.length > 0 ? `missing ${missing.join(", ")}` : false;

const mentionsChangan = (hit) => /长安|changan/i.test(hit.text) || /changan/.test(hit.id ?? "");
const mentionsSeres = (hit) => /赛力斯|seres/i.test(hit.text) || /seres/.test(hit.id ?? "");

describe("browser journey", { skip }, () => {
  let server;
  let browser;
  let page;
  let problems;

  before(async () => {
    server = await startServer({ edition: paths.edition });
    browser = await launch();
    page = await browser.context.newPage();
    problems = watch(page);
    await page.addInitScript(() => {
      // A clean start: English unless a test switches.
      if (!sessionStorage.getItem("e2e-started")) {
        sessionStorage.setItem("e2e-started", "1");
        localStorage.setItem("nev-atlas.lang", "en");
      }
    });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("start screen: search focused, edition summary shown", async () => {
    await page.goto(server.url + "/");
    await page.waitForSelector(sel("edition-entities"));
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("data-testid")), "search-input");
    const entities = await page.locator(sel("edition-entities")).textContent();
    assert.match(entities ?? "", /\d/);
    await shot(page, "start-en.png");
  });

  it("finds Changan by Chinese, pinyin and initials, and Seres by English", async () => {
    await page.goto(server.url + "/#/");
    await searchFor(page, "长安", mentionsChangan);
    await searchFor(page, "Seres", mentionsSeres);
    await searchFor(page, "changan", mentionsChangan);
    await searchFor(page, "caqc", mentionsChangan);
  });

  it("opens an entity with the keyboard and shows names, links and sources", async () => {
    const hits = await searchFor(page, "长安", mentionsChangan);
    await page.waitForSelector(`${sel("search-hit")}.selected`);
    await shot(page, "search-en.png");
    // Prefer the carmaker itself when it is among the hits: arrow down to it, then Enter.
    const target = Math.max(0, hits.findIndex((h) => h.id === "changan-auto"));
    for (let i = 0; i < target; i++) await page.keyboard.press("ArrowDown");
    const selected = await page.locator(`${sel("search-hit")}.selected`).getAttribute("data-entity-id");
    assert.equal(selected, hits[target].id);
    await page.keyboard.press("Enter");
    const id = await waitForEntity(page, hits[target].id);
    assert.equal(new URL(page.url()).hash, `#/entity/${encodeURIComponent(id)}`);
    assert.ok((await page.locator(sel("entity-name")).textContent()).trim().length > 0);
    assert.ok((await page.locator(sel("name-item")).count()) >= 1, "names listed");
    assert.ok((await page.locator(sel("link-item")).count()) >= 1, "links listed");
    assert.ok((await page.locator(`${sel("sources")} ${sel("source-item")}`).count()) >= 1, "sources listed");
    const url = await page.locator(`${sel("sources")} ${sel("source-url")}`).first().textContent();
    assert.match(url ?? "", /^https?:\/\//, "source URL shown as text");
    assert.equal(await page.locator(`${sel("sources")} a[href^="http"]`).count(), 0, "no navigation away from the app");
    await shot(page, "entity-en.png");
  });

  it("opens the neighbourhood graph and goes back with Esc", async () => {
    const entityUrl = page.url();
    await page.locator(sel("open-graph")).click();
    const graph = await waitForGraph(page);
    assert.ok(graph.canvases > 0, "sigma drew a canvas");
    assert.ok(graph.nodes > 1, `more than one node (got ${graph.nodes})`);
    assert.ok((await page.locator(`${sel("graph-legend")} li`).count()) >= 1, "legend");
    await shot(page, "graph-en.png");
    await page.locator(sel("hops-2")).click();
    await page.waitForFunction(() => location.hash.includes("hops=2"));
    const two = await waitForGraph(page);
    assert.ok(two.nodes >= graph.nodes, "two hops show at least as many nodes as one");
    await shot(page, "graph-2hops-en.png");
    await page.keyboard.press("Escape");
    await page.waitForFunction((u) => location.href === u, entityUrl);
    await waitForEntity(page);
  });

  it("clicking a node on the graph canvas opens its entity page", async () => {
    await page.locator(sel("open-graph")).click();
    await waitForGraph(page);
    const centre = new URL(page.url()).hash.replace(/^#\/graph\//, "").split("?")[0];
    const target = await page.$$eval(sel("graph-node"), (links, c) => links.map((a) => a.getAttribute("data-entity-id")).find((id) => id !== decodeURIComponent(c)), centre);
    assert.ok(target, "a node other than the centre");
    const box = await page.locator(sel("graph-canvas")).boundingBox();
    const at = await page.locator(sel("graph-canvas")).evaluate((el, id) => el.atlasNodePosition(id), target);
    assert.ok(at, "the node is drawn");
    await page.mouse.click(box.x + at.x, box.y + at.y);
    await waitForEntity(page, target);
    await page.goBack();
    await page.goBack();
    await waitForEntity(page);
  });

  it("clicking a link's other end lands on that entity", async () => {
    const link = page.locator(sel("link-other")).first();
    const href = await link.getAttribute("href");
    const otherId = decodeURIComponent(href.replace("#/entity/", ""));
    await link.click();
    await waitForEntity(page, otherId);
    assert.equal(new URL(page.url()).hash, href);
  });

  it("'/' focuses search from anywhere", async () => {
    await page.locator("h1").first().click();
    await page.keyboard.press("/");
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("data-testid")), "search-input");
    await page.keyboard.press("Escape");
  });

  it("switches to Chinese, remembers it, and renders every view in Chinese", async () => {
    await page.goto(server.url + "/#/");
    await page.locator(sel("lang-toggle")).click();
    await page.waitForFunction(() => document.documentElement.lang === "zh-CN");
    await page.reload();
    await page.waitForSelector(sel("edition-entities"));
    assert.equal(await page.evaluate(() => document.documentElement.lang), "zh-CN", "language remembered");
    await shot(page, "start-zh.png");
    const hits = await searchFor(page, "长安", mentionsChangan);
    await shot(page, "search-zh.png");
    const target = Math.max(0, hits.findIndex((h) => h.id === "changan-auto"));
    for (let i = 0; i < target; i++) await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await waitForEntity(page, hits[target].id);
    await shot(page, "entity-zh.png");
    await page.locator(sel("open-graph")).click();
    await waitForGraph(page);
    await shot(page, "graph-zh.png");
    await page.locator(sel("lang-toggle")).click();
    await page.waitForFunction(() => document.documentElement.lang === "en");
  });

  it("every start-screen entry opens an entity of this edition", async () => {
    await page.goto(server.url + "/#/");
    await page.waitForSelector(sel("start-entry"));
    const ids = await page.$$eval(sel("start-entry"), (cards) => cards.map((a) => a.getAttribute("data-entity-id")));
    assert.ok(ids.length >= 3, "a few entries");
    for (const id of ids) {
      await page.locator(`${sel("start-entry")}[data-entity-id="${id}"]`).click();
      await waitForEntity(page, id);
      await page.goBack();
      await page.waitForSelector(sel("start-entry"));
    }
  });

  it("opens the systems view from the start screen: 9 + 2 + 5 + 30, four groups, unconfirmed shown", async () => {
    await page.goto(server.url + "/#/");
    await page.waitForSelector(sel("start-systems"));
    await page.locator(sel("start-systems")).click();
    await page.waitForSelector(sel("systems-view"));
    assert.equal(new URL(page.url()).hash, "#/systems");
    const first = page.locator(sel("system")).first();
    const title = `${await first.locator(sel("system-name")).textContent()} ${await first.locator(sel("system-secondary")).textContent()}`;
    assert.match(title.replace(/\s+/g, ""), /9\+2\+5\+30/, "the first system is 9 + 2 + 5 + 30");
    const groups = first.locator(sel("system-group"));
    assert.equal(await groups.count(), 4, "four groups");
    for (let i = 0; i < 4; i++) {
      const group = groups.nth(i);
      assert.ok((await group.locator(sel("group-name")).textContent()).trim().length > 0, "group named");
      assert.match(await group.locator(sel("group-declared")).textContent(), /declared (\d[\d,]*|: unknown)/, "declared count or unknown");
      assert.match(await group.locator(sel("group-found")).textContent(), /found \d+/, "members found");
      assert.match(await group.locator(sel("status-badge")).first().textContent(), /confirmed|unconfirmed/);
      const found = Number(await group.locator(sel("group-found")).getAttribute("data-found"));
      if (found === 0) assert.equal(await group.locator(sel("group-no-members")).count(), 1, "no members said plainly");
    }
    const unconfirmed = first.locator(`${sel("system-group")}[data-status="unconfirmed"]`);
    assert.ok((await unconfirmed.count()) >= 1, "at least one group unconfirmed");
    assert.equal((await unconfirmed.first().locator(sel("status-badge")).textContent()).trim(), "? unconfirmed");
    assert.ok((await first.locator(`${sel("system-sources")} ${sel("source-item")}`).count()) >= 1, "the system's sources");
    assert.match(await first.locator(`${sel("system-sources")} ${sel("source-url")}`).first().textContent(), /^https?:\/\//);
    await shot(page, "systems-en.png");
  });

  it("clicks through a member of another system to its entity page, which lists the membership", async () => {
    const systems = page.locator(sel("system"));
    let member = null;
    let systemId = null;
    for (let i = 1; i < (await systems.count()) && !member; i++) {
      const links = systems.nth(i).locator(sel("member-link"));
      if ((await links.count()) > 0) {
        member = links.first();
        systemId = await systems.nth(i).getAttribute("data-system-id");
      }
    }
    assert.ok(member, "some other system has a member with evidence");
    const href = await member.getAttribute("href");
    const id = decodeURIComponent(href.replace("#/entity/", ""));
    await member.click();
    await waitForEntity(page, id);
    const membership = page.locator(`${sel("entity-systems")} ${sel("membership")}[data-system-id="${systemId}"]`);
    assert.equal(await membership.count(), 1, "the entity page names its system and group");
    assert.ok((await membership.locator(sel("source-item")).count()) >= 1, "membership sources");
    await membership.locator(sel("membership-system")).click();
    await page.waitForSelector(`${sel("system")}.focused[data-system-id="${systemId}"]`);
    await page.goBack();
    await waitForEntity(page, id);
  });

  it("the Chongqing page shows statistics by metric, actual and target, with sources; the header opens systems", async () => {
    await page.goto(server.url + "/#/entity/chongqing");
    await waitForEntity(page, "chongqing");
    const stats = page.locator(sel("statistics"));
    await stats.waitFor();
    const production = stats.locator(`${sel("stat-group")}[data-metric="nev_production"]`);
    assert.equal(await production.count(), 1, "NEV production grouped");
    assert.equal((await production.locator(sel("stat-metric")).textContent()).trim(), "NEV production");
    assert.equal(await production.evaluate((d) => d.open), true, "the first metric is open");
    const rows = production.locator(sel("stat-row"));
    assert.ok((await rows.count()) >= 2, "several years");
    const actual = production.locator(`${sel("stat-row")}[data-kind="actual"]`).first();
    assert.match(await actual.locator(sel("stat-value")).textContent(), /^\d{1,3}(,\d{3})+ vehicles$/, "thousands separators and unit");
    assert.equal((await actual.locator(sel("stat-kind")).textContent()).trim(), "actual");
    assert.ok((await actual.locator(sel("source-item")).count()) >= 1, "each row has its sources");
    assert.match(await actual.locator(sel("source-url")).first().textContent(), /^https?:\/\//);
    const targets = stats.locator(`${sel("stat-row")}[data-kind="target"]`);
    if ((await targets.count()) > 0) assert.equal((await targets.first().locator(sel("stat-kind")).textContent()).trim(), "target");
    await shot(page, "entity-chongqing-en.png");
    await page.locator(sel("nav-systems")).click();
    await page.waitForSelector(sel("systems-view"));
  });

  it("systems and statistics in Chinese", async () => {
    await page.goto(server.url + "/#/systems");
    await page.waitForSelector(sel("systems-view"));
    await page.locator(sel("lang-toggle")).click();
    await page.waitForFunction(() => document.documentElement.lang === "zh-CN");
    await page.waitForSelector(sel("systems-view"));
    assert.match(await page.locator(`${sel("system-group")}[data-status="unconfirmed"] ${sel("status-badge")}`).first().textContent(), /未确认/);
    assert.match(await page.locator(sel("group-declared")).first().textContent(), /公布/);
    await shot(page, "systems-zh.png");
    await page.goto(server.url + "/#/entity/chongqing");
    await waitForEntity(page, "chongqing");
    assert.equal((await page.locator(`${sel("stat-group")}[data-metric="nev_production"] ${sel("stat-metric")}`).textContent()).trim(), "新能源汽车产量");
    assert.match(await page.locator(`${sel("stat-row")}[data-kind="actual"] ${sel("stat-value")}`).first().textContent(), / 辆$/);
    await shot(page, "entity-chongqing-zh.png");
    await page.locator(sel("lang-toggle")).click();
    await page.waitForFunction(() => document.documentElement.lang === "en");
  });

  it("shows an API error in a banner without breaking the page", async () => {
    await page.goto(server.url + "/#/entity/no-such-entity-e2e");
    await page.waitForSelector(`${sel("error-banner")}:not([hidden])`);
    assert.ok((await page.locator(sel("error-message")).textContent()).length > 0);
    await page.locator(sel("error-dismiss")).click();
    await page.waitForSelector(`${sel("error-banner")}[hidden]`, { state: "attached" });
    // The 404 of the API call is expected here; forget it.
    problems.consoleErrors = problems.consoleErrors.filter((m) => !/404|Not Found/i.test(m));
  });

  it("never requested anything off 127.0.0.1 and logged no console error", () => {
    assert.deepEqual(problems.offsite, []);
    assert.deepEqual(problems.pageErrors, []);
    assert.deepEqual(problems.consoleErrors, []);
    assert.deepEqual(problems.dialogs, []);
  });
});
