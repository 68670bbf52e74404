// The statistics dashboard and search grouped by kind with facets (issue 9), against
// `nev-atlas serve` on the shipped edition: in English and Chinese at 1440×900 and 1920×1080,
// the figures drawn checked against the API's, an export of a chart (SVG, PNG, CSV), search
// results under their kind with facet chips that filter them, a screenshot of each, and axe-core
// with no serious or critical violation.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { artifact, launch, settle, shot, watch } from "./support/browser.mjs";
import { parseCsv, pngSize } from "./support/files.mjs";
import { sel, openIn } from "./support/journey.mjs";
import { paths, required } from "./support/paths.mjs";
import { startServer } from "./support/server.mjs";
import { assertAccessible } from "./support/axe.mjs";

const mock = process.env.NEV_ATLAS_SERVER === "mock";
const missing = [
  mock && "the shipped edition (the mock server has no statistics)",
  !existsSync(paths.bin) && `server binary ${paths.bin}`,
  !existsSync(paths.edition) && `edition ${paths.edition}`,
  !existsSync(`${paths.ui}/index.html`) && `UI build ${paths.ui}/index.html (run npm run build in ui/)`,
  !existsSync(paths.chromium) && `chromium ${paths.chromium}`,
].filter(Boolean);
if (missing.length > 0 && required && !mock) throw new Error(`statistics e2e prerequisites missing: ${missing.join(", ")}`);
const skip = missing.length > 0 ? `missing ${missing.join(", ")}` : false;

const SIZES = [{ width: 1440, height: 900 }, { width: 1920, height: 1080 }];

describe("statistics dashboard and grouped search", { skip }, () => {
  let server, browser, page, problems;

  const open = (lang, hash, size) => openIn(page, server.url, lang, hash, size);
  const axe = (name) => assertAccessible(page, name);
  /** The API's answer, asked from the page (same origin). */
  const api = (command, args) => page.evaluate(async ([c, a]) => (await fetch(`/api/${c}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(a) })).json(), [command, args]);
  /** Opens an export menu inside `scope` and returns the downloaded file's bytes and name. */
  const download = async (scope, item) => {
    await scope.locator(sel("dash-export-open")).click();
    const [file] = await Promise.all([page.waitForEvent("download"), scope.locator(sel(item)).click()]);
    return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
  };
  const card = (subject, metric) => page.locator(`${sel("dash-card")}[data-subject="${subject}"][data-metric="${metric}"]`);

  before(async () => {
    server = await startServer({ edition: paths.edition });
    browser = await launch({ viewport: SIZES[0] });
    page = await browser.context.newPage();
    problems = watch(page);
    await page.goto(server.url + "/");
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("draws Chongqing's NEV output with the edition's figures against targets, says what each chart rests on, in both languages", async () => {
    for (const lang of ["en", "zh"]) {
      for (const size of SIZES) {
        await open(lang, "#/statistics", size);
        const output = card("chongqing", "nev_production");
        await output.locator(`${sel("dash-canvas")}[data-ready="true"] svg path`).first().waitFor({ state: "attached", timeout: 15000 });
        // The whole years the edition has for Chongqing's NEV output are on the chart's axis.
        const page_ = await api("entity", { id: "chongqing" });
        const annual = page_.statistics.filter((s) => s.metric === "nev_production" && /^\d{4}$/.test(s.period) && s.retracted === null);
        const years = [...new Set(annual.map((s) => s.period))].sort();
        assert.ok(years.length >= 3, `the edition has whole-year figures: ${years}`);
        const texts = await output.locator(`${sel("dash-canvas")} svg text`).allTextContents();
        for (const y of years) assert.ok(texts.includes(y), `year ${y} on the axis (${texts.join(" ")})`);
        assert.equal(await output.getAttribute("data-points"), String(new Set(annual.filter((s) => s.kind === "actual").map((s) => s.period)).size), "one bar per year with an actual figure");
        assert.equal(await output.getAttribute("data-targets"), String(new Set(annual.filter((s) => s.kind === "target").map((s) => s.period)).size), "one outline per year with a target");
        // Its sources, with publisher, date and grade.
        await output.locator(`${sel("dash-sources")} summary`).click();
        const sources = output.locator(`${sel("dash-sources")} ${sel("source-item")}`);
        assert.ok((await sources.count()) >= 3, "sources listed");
        assert.match(await sources.first().innerText(), /^[ABC]\s/, "a grade first");
        // A chart resting on one or two figures says so; one with more does not.
        for (const c of await page.locator(`${sel("dash-card")}[data-points]`).all()) {
          const points = Number(await c.getAttribute("data-points"));
          const few = await c.locator(`${sel("dash-warning")}[data-kind="few"]`).count();
          assert.equal(few, points > 0 && points < 3 ? 1 : 0, `${await c.getAttribute("data-subject")} ${await c.getAttribute("data-metric")}: ${points} points`);
        }
        assert.ok(await page.locator(`${sel("dash-warning")}[data-kind="gradeC"]`).count() >= 1, "a grade C warning somewhere (Chongqing's 2020 and 2021 output rest on grade C)");
        // The national series is there too.
        await card("china", "nev_sales").locator(`${sel("dash-canvas")}[data-ready="true"] svg`).waitFor({ state: "attached" });
        const text = await page.locator(sel("statistics-view")).innerText();
        assert.match(text, lang === "zh" ? /中国/ : /China/);
        assert.doesNotMatch(text, /nev_production|\bs-\d/, "no ids shown");
        await shot(page, `statistics-${lang}-${size.width}.png`);
        await axe(`statistics ${lang} ${size.width}`);
      }
    }
    assert.deepEqual(problems.pageErrors, []);
  });

  it("exports a chart as SVG, PNG and CSV, with the figures drawn", async () => {
    await open("en", "#/statistics", SIZES[1]);
    const output = card("chongqing", "nev_production");
    await output.locator(`${sel("dash-canvas")}[data-ready="true"] svg path`).first().waitFor({ state: "attached", timeout: 15000 });
    const svg = await download(output, "export-svg");
    assert.match(svg.name, /\.svg$/);
    const svgTexts = await page.evaluate((t) => [...new DOMParser().parseFromString(t, "image/svg+xml").querySelectorAll("text")].map((x) => x.textContent), svg.bytes.toString("utf8"));
    const axis = await output.locator(`${sel("dash-canvas")} svg text`).allTextContents();
    assert.ok(axis.length > 0 && axis.every((t) => svgTexts.includes(t)), "the file holds the chart's labels");
    const png = await download(output, "export-png-1920x1080");
    assert.deepEqual(pngSize(png.bytes), { width: 1920, height: 1080 });
    const csv = await download(output, "export-csv");
    const rows = parseCsv(csv.bytes.toString("utf8").replace(/^\uFEFF/, ""));
    const header = rows[0];
    assert.ok(header.length >= 5, `columns: ${header}`);
    const chongqing = await api("entity", { id: "chongqing" });
    const figures = chongqing.statistics.filter((s) => s.metric === "nev_production" && /^\d{4}$/.test(s.period) && s.retracted === null);
    const body = rows.slice(1).filter((r) => r.length >= 3);
    assert.equal(body.length, new Set(figures.map((s) => `${s.period}|${s.kind}|${s.value}`)).size, "one row per distinct figure drawn");
    for (const r of body) {
      assert.ok(figures.some((s) => s.period === r[0] && s.value === Number(r[2])), `row ${r.join(",")} is a figure of the edition`);
    }
  });

  it("prints on A4 with every chart inside its card, scaled by its viewBox, in English and Chinese", async () => {
    /** Each chart's card width, drawing width and viewBox. */
    const boxes = () => page.locator(`${sel("dash-canvas")}[data-ready="true"]`).evaluateAll((cs) => cs.map((c) => {
      const svg = c.querySelector("svg");
      return { card: c.getBoundingClientRect().width, drawn: svg.getBoundingClientRect().width, right: svg.getBoundingClientRect().right, cardRight: c.getBoundingClientRect().right, viewBox: svg.getAttribute("viewBox") };
    }));
    for (const lang of ["en", "zh"]) {
      await open(lang, "#/statistics", SIZES[0]);
      await card("chongqing", "nev_production").locator(`${sel("dash-canvas")}[data-ready="true"] svg path`).first().waitFor({ state: "attached", timeout: 15000 });
      // An A4 page at 96 dpi, as the print preview lays it out (narrower than the screen it was drawn on).
      await page.setViewportSize({ width: 794, height: 1123 });
      await page.emulateMedia({ media: "print" });
      await settle(page);
      const printed = await boxes();
      assert.ok(printed.length >= 4, `charts: ${printed.length}`);
      for (const b of printed) {
        assert.match(b.viewBox ?? "", /^0 0 \d+(\.\d+)? \d+(\.\d+)?$/, `a viewBox: ${JSON.stringify(b)}`);
        assert.ok(b.drawn <= b.card + 1 && b.right <= b.cardRight + 1, `the drawing fits its card on paper: ${JSON.stringify(b)}`);
      }
      await page.screenshot({ path: artifact(`statistics-print-${lang}.png`), fullPage: false });
      await page.emulateMedia({ media: "screen" });
    }
  });

  it("is reached from the start page's output tile and the top bar's tools", async () => {
    await open("en", "#/", SIZES[1]);
    await page.locator(sel("tile-output-link")).click();
    await page.waitForSelector(sel("statistics-view"));
    assert.match(page.url(), /#\/statistics$/);
    for (const size of SIZES) {
      await open("en", "#/map", size);
      const folded = (await page.locator(sel("topbar")).getAttribute("data-compact")) === "true";
      if (folded) await page.locator(sel("tools-more")).click();
      await page.locator(sel("nav-statistics")).click();
      await page.waitForSelector(sel("statistics-view"));
      assert.equal(await page.locator(sel("nav-statistics")).getAttribute("aria-current"), "page");
    }
  });

  it("entity page jump links follow the scroll: the section in view is marked, the nav stays under the top bar", async () => {
    for (const lang of ["en", "zh"]) {
      await open(lang, "#/entity/changan-auto", SIZES[0]);
      await page.waitForSelector(sel("section-nav"));
      const keys = await page.locator(sel("section-link")).evaluateAll((as) => as.map((a) => a.getAttribute("data-section")));
      assert.ok(keys.length >= 4, `sections: ${keys}`);
      const current = () => page.locator(`${sel("section-link")}[aria-current="location"]`).getAttribute("data-section", { timeout: 3000 }).catch(() => null);
      // Scrolled (not jumped) to a middle section: its link is marked, no other.
      for (const key of [keys[2], keys[1]]) {
        await page.evaluate((k) => document.getElementById(`section-${k}`).scrollIntoView({ block: "start" }), key);
        await page.waitForFunction((k) => document.querySelector(`[data-testid="section-link"][aria-current="location"]`)?.getAttribute("data-section") === k, key, { timeout: 3000 });
        assert.equal(await page.locator(`${sel("section-link")}[aria-current]`).count(), 1);
        const nav = await page.locator(sel("section-nav")).boundingBox();
        const bar = await page.locator(sel("topbar")).boundingBox();
        assert.ok(Math.abs(nav.y - (bar.y + bar.height)) <= 2, `the nav stays under the top bar (${nav.y} vs ${bar.y + bar.height})`);
      }
      // The path finder sits in Supply chain below Risk: with it under the jump links, Supply chain
      // is marked, not Risk (whose end has scrolled past).
      assert.ok(keys.includes("supply") && keys.includes("risk"), `a maker has supply and risk sections: ${keys}`);
      const reading = await page.evaluate(() => {
        const navBottom = document.querySelector('[data-testid="section-nav"]').getBoundingClientRect().bottom;
        const panel = document.querySelector('[data-testid="paths-panel"]');
        window.scrollBy(0, panel.getBoundingClientRect().top - (navBottom + 4));
        const line = document.querySelector('[data-testid="section-nav"]').getBoundingClientRect().bottom + 12;
        return { line, panel: panel.getBoundingClientRect().toJSON(), risk: document.getElementById("section-risk").getBoundingClientRect().toJSON() };
      });
      assert.ok(reading.panel.top < reading.line && reading.panel.bottom > reading.line, `the path finder is at the reading line: ${JSON.stringify(reading)}`);
      assert.ok(reading.risk.bottom < reading.line, `Risk has scrolled past: ${JSON.stringify(reading)}`);
      await page.waitForFunction(() => document.querySelector(`[data-testid="section-link"][aria-current="location"]`)?.getAttribute("data-section") === "supply", null, { timeout: 3000 });
      assert.equal(await page.locator(`${sel("section-link")}[aria-current]`).count(), 1);
      await shot(page, `entity-sections-paths-${lang}.png`);
      // At the page's end, the last section.
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await page.waitForFunction((k) => document.querySelector(`[data-testid="section-link"][aria-current="location"]`)?.getAttribute("data-section") === k, keys.at(-1), { timeout: 3000 });
      // A jump lands with its heading below both bars, and marks that section.
      await page.locator(`${sel("section-link")}[data-section="${keys[1]}"]`).click();
      await page.waitForTimeout(300);
      assert.equal(await current(), keys[1]);
      const heading = await page.locator(`#section-${keys[1]}`).boundingBox();
      const nav = await page.locator(sel("section-nav")).boundingBox();
      assert.ok(heading.y >= nav.y + nav.height - 1, `the section starts below the jump links (${heading.y} vs ${nav.y + nav.height})`);
      await shot(page, `entity-sections-follow-${lang}.png`);
      await axe(`entity page scrolled ${lang}`);
    }
  });

  it("deep links: the chain's opened segments, a trace highlighted on the graph after a reload, a language asked for by the link", async () => {
    // Opened segments are written into the URL and opened again from it.
    await open("en", "#/chain", SIZES[0]);
    await page.waitForSelector(sel("chain-segment"));
    const ids = await page.locator(sel("chain-segment")).evaluateAll((ds) => ds.map((d) => d.getAttribute("data-segment")));
    const opened = () => page.locator(sel("chain-segment")).evaluateAll((ds) => ds.filter((d) => d.open).map((d) => d.getAttribute("data-segment")));
    assert.deepEqual(await opened(), [], "closed at first");
    for (const id of [ids[0], ids[2]]) await page.locator(`${sel("chain-segment")}[data-segment="${id}"] > summary`).click();
    await page.waitForFunction((want) => decodeURIComponent(location.hash) === want, `#/chain?open=${ids[0]},${ids[2]}`);
    await page.reload();
    await page.waitForSelector(sel("chain-segment"));
    assert.deepEqual(await opened(), [ids[0], ids[2]], "the same segments open after a reload");
    await page.locator(`${sel("chain-segment")}[data-segment="${ids[0]}"] > summary`).click();
    await page.waitForFunction((want) => decodeURIComponent(location.hash) === want, `#/chain?open=${ids[2]}`);

    // A trace shown on the graph keeps its highlight through a reload, and in another browser that
    // opens the same link (the question is in the address, not in the tab).
    await open("en", "#/entity/changan-auto", SIZES[0]);
    await page.locator(sel("trace-show-graph")).click();
    await page.waitForSelector(`${sel("graph-canvas")}[data-ready="true"]`, { timeout: 15000 });
    assert.match(decodeURIComponent(page.url()), /hl=\{"kind":"trace"/);
    const marked = await page.locator(sel("graph-canvas")).getAttribute("data-highlight-nodes");
    assert.ok(Number(marked) > 1, `highlighted nodes: ${marked}`);
    await page.reload();
    await page.waitForSelector(`${sel("graph-canvas")}[data-ready="true"]`, { timeout: 15000 });
    assert.equal(await page.locator(sel("graph-highlight")).count(), 1, "the highlight bar after a reload");
    assert.equal(await page.locator(sel("graph-canvas")).getAttribute("data-highlight-nodes"), marked, "the same entities highlighted");
    const other = await launch({ viewport: SIZES[0] });
    try {
      const elsewhere = await other.context.newPage();
      await elsewhere.goto(page.url());
      await elsewhere.waitForSelector(`${sel("graph-canvas")}[data-ready="true"]`, { timeout: 15000 });
      assert.equal(await elsewhere.locator(sel("graph-highlight")).count(), 1, "the highlight bar in another browser");
      assert.equal(await elsewhere.locator(sel("graph-canvas")).getAttribute("data-highlight-nodes"), marked, "the same entities highlighted elsewhere");
    } finally {
      await other.close();
    }

    // How the trace is shown (customers, a tier depth, ownership) is in the URL and comes back on reload.
    await open("en", "#/entity/changan-auto", SIZES[0]);
    await page.waitForSelector(sel("trace-entry"));
    await page.locator(sel("trace-depth-2")).click();
    await page.locator(sel("supply-ownership")).check();
    await page.locator(sel("trace-downstream")).click();
    await page.waitForFunction(() => /tier=2/.test(location.hash) && /own=1/.test(location.hash) && /trace=customers/.test(location.hash));
    await page.reload();
    await page.waitForSelector(sel("trace-entry"));
    assert.equal(await page.locator(sel("trace-depth-2")).getAttribute("aria-pressed"), "true", "tier 2 after a reload");
    assert.equal(await page.locator(sel("trace-downstream")).getAttribute("aria-pressed"), "true", "customers after a reload");
    assert.equal(await page.locator(sel("supply-ownership")).isChecked(), true, "ownership after a reload");
    await page.locator(sel("trace-upstream")).click();
    await page.waitForFunction(() => !/trace=customers/.test(location.hash) && /tier=2/.test(location.hash));

    // The path finder's question (the entity to reach, how many paths, directed) is in the URL too:
    // a reload asks it again and shows the same paths to the same target.
    await open("en", "#/entity/changan-auto", SIZES[0]);
    const trace = await api("trace", { id: "changan-auto", direction: "upstream", max_depth: 3 });
    const far = (trace.entries.find((e) => e.depth >= 2) ?? trace.entries[0]).entity;
    await page.locator(sel("paths-search-input")).fill(far.name_zh ?? far.name_en ?? far.id);
    await page.locator(`${sel("paths-search-hit")}[data-entity-id="${far.id}"]`).click();
    await page.locator(sel("paths-k-5")).click();
    await page.waitForSelector(`${sel("paths-body")}[data-state="ready"]`);
    await page.waitForFunction((to) => new URLSearchParams(location.hash.split("?")[1]).get("to") === to && /k=5/.test(location.hash), far.id);
    const expected = await api("paths", { from: "changan-auto", to: far.id, k: 5 });
    const hopsOf = () => page.locator(sel("path")).evaluateAll((ps) => ps.map((p) => p.getAttribute("data-hops")));
    const before = await hopsOf();
    assert.deepEqual(before, expected.paths.map((p) => String(p.hops.length)), "the API's paths");
    await page.reload();
    await page.waitForSelector(`${sel("paths-body")}[data-state="ready"]`);
    assert.deepEqual(await hopsOf(), before, "the same paths after a reload");
    assert.equal(await page.locator(sel("paths-target-link")).getAttribute("data-entity-id"), far.id, "the same target, named");
    assert.equal(await page.locator(sel("paths-target-link")).textContent(), far.name_en ?? far.name_zh, "by its name");
    assert.equal(await page.locator(sel("paths-k-5")).getAttribute("aria-pressed"), "true", "five paths asked after a reload");
    await page.locator(sel("paths-panel")).evaluate((el) => { el.scrollIntoView({ block: "start" }); window.scrollBy(0, -120); });
    await shot(page, "entity-paths-reloaded-en.png");
    await open("zh", new URL(page.url()).hash, SIZES[1]);
    await page.waitForSelector(`${sel("paths-body")}[data-state="ready"]`);
    assert.deepEqual(await hopsOf(), before, "the same paths in Chinese");
    await page.locator(sel("paths-panel")).evaluate((el) => { el.scrollIntoView({ block: "start" }); window.scrollBy(0, -120); });
    await shot(page, "entity-paths-reloaded-zh.png");

    // A link naming a language opens in it; switching language rewrites that part of the link.
    await open("en", "#/", SIZES[0]);
    await page.goto(`${server.url}/#/entity/changan-auto?lang=zh`);
    await page.reload();
    await page.waitForFunction(() => document.documentElement.lang === "zh-CN");
    assert.equal(await page.evaluate(() => localStorage.getItem("nev-atlas.lang")), "zh", "and remembered");
    await page.waitForSelector(`${sel("entity-page")}[data-entity-id="changan-auto"]`);
    await page.locator(sel("lang-toggle")).click();
    await page.waitForFunction(() => document.documentElement.lang === "en");
    assert.match(page.url(), /#\/entity\/changan-auto\?lang=en$/);
    assert.deepEqual(problems.pageErrors, []);
  });

  it("groups search results by kind, filters them by kind and district facets, and keeps the choice when re-typing", async () => {
    for (const lang of ["en", "zh"]) {
      await open(lang, "#/", SIZES[1]);
      const input = page.locator(`${sel("search-large")} ${sel("search-input")}`);
      await input.fill("chongqing");
      await page.waitForSelector(`${sel("search-large")} ${sel("search-group")} + ${sel("search-group")}`);
      const groups = await page.$$eval(`[data-testid="search-large"] [data-testid="search-group"]`, (els) => els.map((g) => ({
        kind: g.getAttribute("data-kind"),
        title: g.querySelector('[data-testid="search-group-title"]').textContent,
        hits: [...g.querySelectorAll('[data-testid="search-hit"]')].map((h) => h.getAttribute("data-kind")),
      })));
      assert.ok(groups.length >= 2, `several kinds: ${JSON.stringify(groups)}`);
      for (const g of groups) assert.ok(g.hits.length > 0 && g.hits.every((k) => k === g.kind), `a group holds one kind: ${JSON.stringify(g)}`);
      assert.equal(new Set(groups.map((g) => g.kind)).size, groups.length, "each kind once");
      if (lang === "zh") assert.match(groups.map((g) => g.title).join(" "), /[\u4e00-\u9fff]/);
      // Arrows cross from one group into the next.
      await input.focus();
      for (let i = 0; i < groups[0].hits.length; i++) await page.keyboard.press("ArrowDown");
      const selected = await page.locator(`${sel("search-large")} ${sel("search-hit")}.selected`).getAttribute("data-kind");
      assert.equal(selected, groups[1].kind, "the first result of the second group");
      await shot(page, `search-grouped-${lang}.png`);
      await axe(`grouped search ${lang}`);

      // A kind facet: its count is the number of results it keeps, all of its kind.
      const chip = page.locator(`${sel("search-large")} ${sel("facet-kind")}[data-value="university"]`);
      const count = Number(await chip.locator(".facet-count").textContent());
      assert.ok(count >= 2, `universities named Chongqing: ${count}`);
      await chip.click();
      await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="search-large"] [data-testid="search-hit"]')].every((h) => h.getAttribute("data-kind") === "university"));
      assert.equal(await page.locator(`${sel("search-large")} ${sel("search-hit")}`).count(), count);
      assert.equal(await chip.getAttribute("aria-pressed"), "true");
      // The export writes what is shown.
      await page.locator(sel("search-export-open")).click();
      const [file] = await Promise.all([page.waitForEvent("download"), page.locator(`${sel("search-export")} ${sel("export-csv")}`).click()]);
      const shownNames = await page.locator(`${sel("search-large")} ${sel("search-hit")} ${sel("hit-primary")}`).allTextContents();
      const exported = parseCsv(readFileSync(await file.path(), "utf8").replace(/^\uFEFF/, "")).slice(1).filter((r) => r.length > 1).map((r) => r[0]);
      assert.deepEqual(exported, shownNames, "exported rows are the results shown, in order");
      // Re-typing keeps the facet.
      await input.fill("chongqing university");
      await page.waitForFunction(() => document.querySelector('[data-testid="search-large"] [data-testid="search-status"]')?.textContent === "" && [...document.querySelectorAll('[data-testid="search-large"] [data-testid="search-hit"]')].length > 0);
      await page.waitForTimeout(300);
      assert.equal(await page.locator(`${sel("search-large")} ${sel("facet-kind")}[data-value="university"]`).getAttribute("aria-pressed"), "true", "the kind chosen survives re-typing");
      assert.deepEqual([...new Set(await page.locator(`${sel("search-large")} ${sel("search-hit")}`).evaluateAll((hs) => hs.map((h) => h.getAttribute("data-kind"))))], ["university"]);
      // A district facet keeps the results placed in that district.
      const district = page.locator(`${sel("search-large")} ${sel("facet-district")}:not([data-value=""])`).first();
      const districtName = (await district.innerText()).replace(/\s*\d+$/, "").trim();
      const districtCount = Number(await district.locator(".facet-count").textContent());
      await district.click();
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="search-large"] [data-testid="search-hit"]').length === n, districtCount);
      const places = await page.locator(`${sel("search-large")} ${sel("search-hit")} ${sel("hit-district")}`).allTextContents();
      assert.equal(places.length, districtCount);
      assert.ok(places.every((p) => p === districtName), `all in ${districtName}: ${places}`);
      await shot(page, `search-facets-${lang}.png`);
      await axe(`search with facets ${lang}`);
      // Back to all.
      await page.locator(`${sel("search-large")} ${sel("facet-kind")}[data-value=""]`).click();
      await page.locator(`${sel("search-large")} ${sel("facet-district")}[data-value=""]`).click();

      // A segment facet keeps the entities in that chain segment, an evidence facet those whose own
      // best source has that grade: checked against each entity's page.
      const shownIds = () => page.locator(`${sel("search-large")} ${sel("search-hit")}`).evaluateAll((hs) => hs.map((h) => h.getAttribute("data-entity-id")));
      await input.fill("chongqing");
      // The answer to "chongqing" is drawn (not the chips left from the query before).
      const answer = await api("search", { query: "chongqing", limit: 20 });
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="search-large"] [data-testid="search-hit"]').length === n, answer.hits.length + (answer.systems ?? []).length);
      const segment = page.locator(`${sel("search-large")} ${sel("facet-segment")}:not([data-value=""])`).first();
      await segment.waitFor();
      const segmentId = await segment.getAttribute("data-value");
      const segmentCount = Number(await segment.locator(".facet-count").textContent());
      await segment.click();
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="search-large"] [data-testid="search-hit"]').length === n, segmentCount);
      for (const id of await shownIds()) {
        const entity = await api("entity", { id });
        assert.ok(entity.segments.some((sg) => sg.id === segmentId), `${id} is in ${segmentId}`);
      }
      await page.locator(`${sel("search-large")} ${sel("facet-segment")}[data-value=""]`).click();
      const gradeA = page.locator(`${sel("search-large")} ${sel("facet-grade")}[data-value="A"]`);
      const gradeCount = Number(await gradeA.locator(".facet-count").textContent());
      assert.ok(gradeCount > 0, "some results rest on grade A sources");
      await gradeA.click();
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="search-large"] [data-testid="search-hit"]').length === n, gradeCount);
      for (const id of await shownIds()) {
        const entity = await api("entity", { id });
        assert.equal(entity.sources.map((src) => src.grade).sort()[0], "A", `${id}'s best source is grade A`);
      }
      await shot(page, `search-facets-segment-grade-${lang}.png`);
      await page.locator(`${sel("search-large")} ${sel("facet-grade")}[data-value=""]`).click();
    }
    assert.deepEqual(problems.pageErrors, []);
  });

  it("keeps a search's query and facets in the URL: the top bar opens them as a page, which a reload and another browser show again", async () => {
    const hits = (p) => p.locator(`${sel("search-view")} ${sel("search-hit")}`).evaluateAll((hs) => hs.map((h) => `${h.getAttribute("data-kind")}:${h.getAttribute("data-entity-id") ?? h.getAttribute("data-system-id")}`));
    const pressed = (p) => p.locator(`${sel("search-view")} .facet-chip[aria-pressed="true"]:not([data-value=""])`).evaluateAll((cs) => cs.map((c) => `${c.getAttribute("data-testid")}=${c.getAttribute("data-value")}`).sort());
    const query = () => Object.fromEntries(new URLSearchParams(new URL(page.url()).hash.split("?")[1] ?? ""));
    for (const lang of ["en", "zh"]) {
      await open(lang, "#/statistics", SIZES[1]);
      // The top bar's box: a kind chosen in its dropdown, then "all results" opens the search page with both.
      const top = page.locator(sel("search-compact"));
      await top.locator(sel("search-input")).fill("chongqing");
      const university = top.locator(`${sel("facet-kind")}[data-value="university"]`);
      await university.waitFor();
      const count = Number(await university.locator(".facet-count").textContent());
      await university.click();
      await shot(page, `search-topbar-all-${lang}.png`);
      await top.locator(sel("search-all")).click();
      await page.waitForSelector(`${sel("search-view")} ${sel("search-hit")}`);
      assert.deepEqual(query(), { q: "chongqing", kind: "university" });
      assert.equal(await page.locator(sel("search-compact")).count(), 0, "the page has one search box");
      let shown = await hits(page);
      assert.equal(shown.length, count, "the results the chip counted");
      assert.ok(shown.every((h) => h.startsWith("university:")), `universities only: ${shown}`);
      // A district chosen on the page goes into the URL too.
      const district = page.locator(`${sel("search-view")} ${sel("facet-district")}:not([data-value=""])`).first();
      const districtId = await district.getAttribute("data-value");
      const districtCount = Number(await district.locator(".facet-count").textContent());
      await district.click();
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="search-view"] [data-testid="search-hit"]').length === n, districtCount);
      assert.deepEqual(query(), { q: "chongqing", kind: "university", district: districtId });
      shown = await hits(page);
      const chips = await pressed(page);
      assert.deepEqual(chips, [`facet-district=${districtId}`, "facet-kind=university"]);
      // A reload shows the same results with the same chips pressed.
      const url = page.url();
      await page.reload();
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="search-view"] [data-testid="search-hit"]').length === n, districtCount);
      assert.deepEqual(await hits(page), shown, "same results after a reload");
      assert.deepEqual(await pressed(page), chips, "same facets after a reload");
      assert.equal(await page.locator(`${sel("search-view")} ${sel("search-input")}`).inputValue(), "chongqing");
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await shot(page, `search-page-${lang}-${size.width}.png`);
        await axe(`search page ${lang} ${size.width}`);
      }
      // The link opened in another browser (no history, nothing stored) shows the same.
      const other = await launch({ viewport: SIZES[1] });
      try {
        const second = await other.context.newPage();
        await second.goto(url);
        await second.waitForFunction((n) => document.querySelectorAll('[data-testid="search-view"] [data-testid="search-hit"]').length === n, districtCount);
        assert.deepEqual(await hits(second), shown, "same results in another browser");
        assert.deepEqual(await pressed(second), chips, "same facets in another browser");
      } finally {
        await other.close();
      }
      // Enter in the top bar when nothing matches opens the page, which says so.
      await open(lang, "#/statistics", SIZES[1]);
      const input = page.locator(`${sel("search-compact")} ${sel("search-input")}`);
      await input.fill("qqzzxxjj");
      await page.waitForFunction(() => document.querySelector('[data-testid="search-compact"] [data-testid="search-status"]')?.textContent !== "");
      await input.press("Enter");
      await page.waitForFunction(() => document.querySelector('[data-testid="search-view"] [data-testid="search-status"]')?.textContent !== "");
      assert.deepEqual(query(), { q: "qqzzxxjj" });
      assert.equal(await page.locator(`${sel("search-view")} ${sel("search-hit")}`).count(), 0);
    }
    assert.deepEqual(problems.pageErrors, []);
  });
});
