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
    // The signature checked when the edition was opened: who signed it, or that no one did.
    assert.match((await page.locator(sel("edition-signature")).textContent()) ?? "", /^(Signed by .+|Unsigned edition)$/);
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
    // One row per metric, closed; a click opens the full series.
    assert.equal(await production.evaluate((d) => d.open), false, "metrics start closed");
    await production.locator(sel("stat-summary")).click();
    assert.equal(await production.evaluate((d) => d.open), true, "a click opens the metric");
    const rows = production.locator(sel("stat-row"));
    assert.ok((await rows.count()) >= 2, "several years");
    const actual = production.locator(`${sel("stat-row")}[data-kind="actual"]`).first();
    assert.match(await actual.locator(sel("stat-value")).textContent(), /^\d{1,3}(,\d{3})+ vehicles$/, "thousands separators and unit");
    assert.equal((await actual.locator(sel("stat-kind")).textContent()).trim(), "actual");
    assert.ok((await actual.locator(sel("source-item")).count()) >= 1, "each row has its sources");
    assert.match(await actual.locator(sel("source-url")).first().textContent(), /^https?:\/\//);
    const targets = stats.locator(`${sel("stat-row")}[data-kind="target"]`);
    if ((await targets.count()) > 0) assert.equal((await targets.first().locator(sel("stat-kind")).textContent()).trim(), "target");
    // The chart draws every whole-year figure of the table: the largest actual and target per year.
    const figures = await production.locator(sel("stat-row")).evaluateAll((trs) =>
      trs.map((tr) => ({ period: tr.dataset.period, kind: tr.dataset.kind, value: Number(tr.querySelector("[data-testid=stat-value]").dataset.value), unit: tr.querySelector("[data-testid=stat-value]").dataset.unit })),
    );
    const expected = {};
    for (const f of figures.filter((f) => /^\d{4}$/.test(f.period) && f.unit === "vehicles")) {
      const year = (expected[f.period] ??= { actual: "", target: "" });
      year[f.kind] = String(Math.max(Number(year[f.kind] || 0), f.value));
    }
    const slots = await production.locator(`${sel("stat-chart")} ${sel("stat-chart-year")}`).evaluateAll((trs) =>
      trs.map((tr) => [tr.dataset.year, { actual: tr.dataset.actual, target: tr.dataset.target }]),
    );
    const drawn = Object.fromEntries(slots.filter(([, v]) => v.actual !== "" || v.target !== ""));
    assert.ok(Object.keys(expected).length >= 2, "several whole years");
    assert.deepEqual(drawn, expected);
    // Drawn by ECharts: a year label on the axis for every year, and a bar label for each actual and target.
    const canvas = production.locator(`${sel("stat-chart-canvas")}[data-ready="true"]`);
    await canvas.locator("svg").waitFor();
    const texts = await canvas.locator("svg text").allTextContents();
    for (const [year] of slots) assert.ok(texts.includes(year), `${year} on the axis: ${texts}`);
    const bars = Object.values(expected).flatMap((v) => [v.actual, v.target]).filter((v) => v !== "").length;
    assert.ok(texts.length >= slots.length + bars, `a label per bar: ${texts.length} texts for ${slots.length} years and ${bars} bars`);
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
    assert.match(await page.locator(`${sel("stat-group")}[data-metric="nev_production"] ${sel("stat-latest")}`).textContent(), / 辆$/);
    assert.match(await page.locator(`${sel("stat-row")}[data-kind="actual"] ${sel("stat-value")}`).first().textContent(), / 辆$/);
    await shot(page, "entity-chongqing-zh.png");
    await page.locator(sel("lang-toggle")).click();
    await page.waitForFunction(() => document.documentElement.lang === "en");
  });

  // ---- Supply-chain analyses. Expectations come from the API's own answers for this edition.
  const api = async (command, args = {}) => {
    const res = await fetch(`${server.url}/api/${command}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(args) });
    assert.equal(res.status, 200, `${command} ${JSON.stringify(args)} -> ${res.status}`);
    return res.json();
  };
  /** Types an entity's name into a picker and chooses the hit for exactly that entity. */
  const pick = async (prefix, entity) => {
    const input = page.locator(sel(`${prefix}-input`));
    await input.fill(entity.name_zh ?? entity.name_en ?? entity.id);
    const hit = page.locator(`${sel(`${prefix}-hit`)}[data-entity-id="${entity.id}"]`);
    await hit.waitFor({ timeout: 5000 });
    await hit.click();
  };
  let maker = null;
  let makerTrace = null;

  it("entity page: the trace of a vehicle maker lists its suppliers by tier, with risk facts", async () => {
    // The vehicle maker with the most tiers among a few well-known ones.
    for (const id of ["avatr", "changan-auto", "seres-group", "deepal"]) {
      const trace = await api("trace", { id, direction: "upstream" }).catch(() => null);
      if (trace && (!makerTrace || trace.tiers.length > makerTrace.tiers.length)) {
        maker = id;
        makerTrace = trace;
      }
    }
    assert.ok(makerTrace && makerTrace.entries.length > 0, "some maker has suppliers in this edition");
    await page.goto(`${server.url}/#/entity/${maker}`);
    await waitForEntity(page, maker);
    await page.waitForSelector(`${sel("trace-body")}[data-state="ready"]`);
    const tiers = page.locator(sel("trace-tier"));
    const expectedTiers = makerTrace.tiers.filter((n) => n > 0).length;
    assert.equal(await tiers.count(), expectedTiers, "one row per tier");
    for (let i = 0; i < expectedTiers; i++) {
      assert.equal(await tiers.nth(i).getAttribute("data-total"), String(makerTrace.tiers[i]), `tier ${i + 1} total`);
    }
    assert.equal(await page.locator(sel("trace-entry")).count(), makerTrace.entries.length, "every supplier listed");
    const firstTier = makerTrace.entries.filter((e) => e.depth === 1).map((e) => e.entity.id).sort();
    assert.deepEqual((await tiers.first().locator(sel("trace-entity")).evaluateAll((as) => as.map((a) => a.getAttribute("data-entity-id")))).sort(), firstTier);

    // Risk facts agree with the sourcing and cut-point analyses over supply links.
    await page.waitForSelector(`${sel("risk-body")}[data-state="ready"]`);
    const sourcing = await api("sourcing", { limit: 1500 });
    const cuts = await api("cut_points", { relations: ["supplies"], limit: 2000 });
    const sole = sourcing.dependencies.filter((d) => d.maker.id === maker && d.sole).length;
    assert.equal(await page.locator(`${sel("risk-sole")} ${sel("risk-dependency")}`).count(), sole, "sole-source segments");
    const articulation = cuts.articulation_points.some((e) => e.id === maker);
    assert.equal(await page.locator(sel("risk-articulation")).getAttribute("data-articulation"), String(articulation));
    await shot(page, "entity-supply-en.png");

    // One tier only.
    await page.locator(sel("trace-depth-1")).click();
    await page.waitForSelector(`${sel("trace-body")}[data-state="ready"]`);
    assert.equal(await page.locator(sel("trace-tier")).count(), 1);
    await page.locator(sel("trace-depth-all")).click();
    await page.waitForSelector(`${sel("trace-body")}[data-state="ready"]`);

    // Shown in the graph: every traced entity is emphasised.
    await page.locator(sel("trace-show-graph")).click();
    await waitForGraph(page);
    await page.waitForSelector(sel("graph-highlight"));
    const unique = new Set([maker, ...makerTrace.entries.map((e) => e.entity.id)]);
    assert.equal(await page.locator(sel("graph-canvas")).getAttribute("data-highlight-nodes"), String(unique.size));
    assert.equal(await page.locator(`${sel("graph-node-list")} li[data-highlighted="true"]`).count(), unique.size);
    await shot(page, "graph-trace-en.png");
    await page.goBack();
    await waitForEntity(page, maker);
  });

  it("entity page: the path finder connects the maker to a tier-2 supplier, each hop with its sources", async () => {
    const far = makerTrace.entries.find((e) => e.depth >= 2) ?? makerTrace.entries[0];
    const expected = await api("paths", { from: maker, to: far.entity.id, k: 3 });
    assert.ok(expected.paths.length > 0, "the API connects them");
    await pick("paths-search", far.entity);
    await page.waitForSelector(`${sel("paths-body")}[data-state="ready"]`);
    const paths = page.locator(sel("path"));
    assert.equal(await paths.count(), expected.paths.length, "k shortest paths");
    for (let i = 0; i < expected.paths.length; i++) {
      assert.equal(await paths.nth(i).getAttribute("data-hops"), String(expected.paths[i].hops.length), `path ${i + 1} length`);
    }
    const first = expected.paths[0];
    const hops = paths.first().locator(sel("path-hop"));
    assert.equal(await hops.count(), first.hops.length);
    assert.equal(await hops.first().getAttribute("data-relation"), first.hops[0].relation);
    assert.equal(await hops.first().locator(sel("source-item")).count(), first.hops[0].sources.length, "the hop's sources");
    assert.equal(await hops.last().locator(sel("hop-to")).getAttribute("data-entity-id"), far.entity.id, "ends at the target");
    await page.locator(sel("paths-panel")).scrollIntoViewIfNeeded();
    await shot(page, "entity-paths-en.png");
    await paths.first().locator(sel("path-show-graph")).click();
    await waitForGraph(page);
    assert.equal(await page.locator(sel("graph-canvas")).getAttribute("data-highlight-nodes"), String(first.entities.length));
    await shot(page, "graph-path-en.png");
  });

  it("chain view: segments upstream to downstream with coverage, concentration and a ranked gap list", async () => {
    const coverage = await api("local_coverage");
    const concentration = await api("concentration");
    const gaps = await api("gaps");
    await page.goto(server.url + "/#/");
    await page.locator(sel("start-chain")).click();
    await page.waitForSelector(sel("chain-view"));
    assert.equal(new URL(page.url()).hash, "#/chain");
    const chainRows = page.locator(`${sel("chain-segment")}:not([data-stage="support"])`);
    assert.equal(await chainRows.count(), coverage.segments.length, "every chain segment");
    for (let i = 0; i < coverage.segments.length; i++) {
      const c = coverage.segments[i];
      const row = chainRows.nth(i);
      assert.equal(await row.getAttribute("data-segment"), c.segment.id, "in the API's (chain) order");
      const cov = row.locator(sel("segment-coverage"));
      assert.equal(await cov.getAttribute("data-local"), String(c.local_count));
      assert.equal(await cov.getAttribute("data-suppliers"), String(c.suppliers));
      const conc = concentration.segments.find((x) => x.segment.id === c.segment.id);
      const hhi = conc?.hhi == null ? "" : String(Math.round(conc.hhi));
      assert.equal(await row.locator(sel("segment-concentration")).getAttribute("data-hhi"), hhi);
      const gap = c.local_count === 0 ? "none" : c.local_count === 1 ? "one" : "ok";
      assert.equal(await row.getAttribute("data-gap"), gap);
    }
    // The ranked gap list starts with the API's most urgent chain gap; support gaps may follow.
    const items = page.locator(sel("gap-item"));
    assert.ok((await items.count()) >= gaps.segments.length, "every gap listed");
    if (gaps.segments.length > 0) {
      assert.equal(await items.first().getAttribute("data-segment"), gaps.segments[0].segment.id);
      const gapRow = page.locator(`${sel("chain-segment")}[data-segment="${gaps.segments[0].segment.id}"]`);
      assert.notEqual(await gapRow.getAttribute("data-gap"), "ok", "the gap is marked on its segment");
      assert.equal(await gapRow.locator(sel("segment-gap")).count(), 1);
    }
    await shot(page, "chain-en.png");
    // A segment expands to its local firms, which open their pages.
    const withFirms = coverage.segments.find((c) => c.local_suppliers.length > 0);
    const row = page.locator(`${sel("chain-segment")}[data-segment="${withFirms.segment.id}"]`);
    await row.locator(":scope > summary").click();
    const firms = row.locator(sel("segment-firm"));
    assert.equal(await firms.count(), withFirms.local_suppliers.length);
    const firmId = await firms.first().getAttribute("data-entity-id");
    await firms.first().click();
    await waitForEntity(page, firmId);
    await page.goBack();
    await page.waitForSelector(sel("chain-view"));
    await page.locator(sel("lang-toggle")).click();
    await page.waitForFunction(() => document.documentElement.lang === "zh-CN");
    await page.waitForSelector(sel("chain-view"));
    assert.match(await page.locator(sel("gap-list")).textContent(), /补链/);
    await shot(page, "chain-zh.png");
    await page.locator(sel("lang-toggle")).click();
    await page.waitForFunction(() => document.documentElement.lang === "en");
  });

  it("what-if: removing a sole supplier lists the vehicle makers that lose a segment", async () => {
    // A supplier that some maker depends on alone, whose loss the API says hurts someone.
    const sourcing = await api("sourcing", { limit: 1500 });
    let supplier = null;
    let expected = null;
    for (const d of sourcing.dependencies.filter((x) => x.sole)) {
      const r = await api("what_if", { entities: [d.suppliers[0].id] });
      if (r.makers.length > 0) {
        supplier = d.suppliers[0];
        expected = r;
        break;
      }
    }
    assert.ok(supplier, "some sole supplier's loss leaves a maker without local supply");
    await page.locator(sel("nav-what-if")).click();
    await page.waitForSelector(sel("whatif-view"));
    await pick("whatif-search", supplier);
    await page.waitForSelector(`${sel("whatif-result")}[data-state="ready"]`);
    assert.equal(new URL(page.url()).hash, `#/what-if?entities=${supplier.id}`);
    const makers = page.locator(sel("whatif-maker"));
    assert.equal(await makers.count(), expected.makers.length, "affected makers");
    const shown = await makers.evaluateAll((ms) => ms.map((m) => [m.getAttribute("data-entity-id"), m.getAttribute("data-segments")]));
    assert.deepEqual(shown.sort(), expected.makers.map((m) => [m.maker.id, String(m.segments.length)]).sort(), "each maker with its lost segments");
    const segs = await makers.first().locator(sel("whatif-segment")).evaluateAll((ss) => ss.map((s) => s.getAttribute("data-segment")));
    const firstExpected = expected.makers.find((m) => m.maker.id === shown[0][0]);
    assert.deepEqual(segs, firstExpected.segments.map((s) => s.segment.id));
    await shot(page, "whatif-en.png");
    await page.locator(sel("whatif-show-graph")).click();
    await waitForGraph(page);
    await page.waitForSelector(`${sel("graph-highlight")}[data-kind="whatIf"]`);
    await shot(page, "graph-whatif-en.png");
    await page.goBack();
    await page.waitForSelector(`${sel("whatif-result")}[data-state="ready"]`);
    await page.locator(sel("lang-toggle")).click();
    await page.waitForFunction(() => document.documentElement.lang === "zh-CN");
    await page.waitForSelector(`${sel("whatif-result")}[data-state="ready"]`);
    await shot(page, "whatif-zh.png");
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
