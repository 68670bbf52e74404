// The district map and the policy library (issue 9) against `nev-atlas serve` on the shipped
// edition: each view in English and Chinese at 1440×900 and 1920×1080, its content checked, a
// screenshot of each, and axe-core with no serious or critical violation.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { launch, shot, watch } from "./support/browser.mjs";
import { pngSize } from "./support/files.mjs";
import { sel, openIn } from "./support/journey.mjs";
import { paths, required } from "./support/paths.mjs";
import { startServer } from "./support/server.mjs";
import { assertAccessible } from "./support/axe.mjs";

const mock = process.env.NEV_ATLAS_SERVER === "mock";
const missing = [
  mock && "the shipped edition (the mock server has no districts)",
  !existsSync(paths.bin) && `server binary ${paths.bin}`,
  !existsSync(paths.edition) && `edition ${paths.edition}`,
  !existsSync(`${paths.ui}/index.html`) && `UI build ${paths.ui}/index.html (run npm run build in ui/)`,
  !existsSync(paths.chromium) && `chromium ${paths.chromium}`,
].filter(Boolean);
if (missing.length > 0 && required && !mock) throw new Error(`explore e2e prerequisites missing: ${missing.join(", ")}`);
const skip = missing.length > 0 ? `missing ${missing.join(", ")}` : false;

const SIZES = [{ width: 1440, height: 900 }, { width: 1920, height: 1080 }];

describe("district map and policy library", { skip }, () => {
  let server, browser, page, problems;

  const open = (lang, hash, size) => openIn(page, server.url, lang, hash, size);
  const axe = (name) => assertAccessible(page, name);

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

  it("the map draws all 38 districts offline, lists them, and a district shows its entities and parks", async () => {
    for (const lang of ["en", "zh"]) {
      for (const size of SIZES) {
        await open(lang, "#/map", size);
        await page.waitForSelector(`${sel("map-canvas")} svg path`);
        // 38 districts in the list; the map draws at least one shape per district.
        assert.equal(await page.locator(sel("map-district")).count(), 38);
        const paths = await page.locator(`${sel("map-canvas")} svg path`).count();
        assert.ok(paths >= 38, `${paths} shapes drawn`);
        const first = (await page.locator(sel("map-district")).first().innerText()).split("\n");
        assert.ok(Number(first.at(-1)) > 0, `the busiest district has entities: ${first}`);
        if (lang === "zh") assert.match(first[0], /[\u4e00-\u9fff]/, "district names in Chinese");
        else assert.match(first[0], /District|County/, "district names in English");
        // Liangjiang New Area is in no single district: listed beside the map.
        assert.ok(await page.locator(sel("map-area")).count() >= 1);
        await shot(page, `map-${lang}-${size.width}.png`);
        await axe(`map ${lang} ${size.width}`);
      }
      // Dazu: CAERI's proving ground through the Shuangqiao zone, and that zone among its parks.
      await page.locator(`${sel("map-district")}[data-district="district-dazu"]`).click();
      await page.waitForSelector(sel("map-entities"));
      assert.match(page.url(), /district=district-dazu/, "the chosen district is in the URL");
      assert.ok(await page.locator(sel("map-parks")).count() === 1, "Dazu lists its parks");
      const text = await page.locator(sel("map-detail")).innerText();
      assert.match(text, lang === "zh" ? /双桥/ : /Shuangqiao/);
      await page.waitForFunction(() => !document.querySelector('[data-testid="map-stats"]')?.textContent?.includes("…"));
      await shot(page, `map-dazu-${lang}.png`);
      if (lang === "en") {
        // The map exports at the size chosen: a PNG of 1920×1080 and an SVG holding every district.
        const exported = async (item) => {
          await page.locator(sel("map-export-open")).click();
          const [file] = await Promise.all([page.waitForEvent("download"), page.locator(`${sel("map-export")} ${sel(item)}`).click()]);
          return readFileSync(await file.path());
        };
        assert.deepEqual(pngSize(await exported("export-png-1920x1080")), { width: 1920, height: 1080 });
        const svg = (await exported("export-svg")).toString("utf8");
        assert.ok((svg.match(/<path/g) ?? []).length >= 38, "the exported SVG draws the districts");
        assert.match(svg, /viewBox="0 0 \d+ \d+"/);
      }
      await axe(`map with Dazu chosen, ${lang}`);
      // The kind filter changes the counts and is kept in the URL.
      await page.selectOption(sel("map-kind"), "university");
      await page.waitForURL(/kinds=university/);
      const total = await page.locator(sel("map-total")).innerText();
      assert.match(total, /\d/);
    }
  });

  it("the policy library lists every policy, searches document numbers in any brackets, sorts, and opens a policy", async () => {
    for (const lang of ["en", "zh"]) {
      for (const size of SIZES) {
        await open(lang, "#/policies", size);
        await page.waitForSelector(sel("policy-row"));
        const rows = await page.locator(sel("policy-row")).count();
        assert.ok(rows >= 19, `${rows} policies`);
        const table = await page.locator(sel("policies-table")).innerText();
        assert.match(table, /渝府发〔2022〕38号/);
        assert.doesNotMatch(table, /policy-cq-|chongqing-government/, "no ids shown");
        await shot(page, `policies-${lang}-${size.width}.png`);
        await axe(`policies ${lang} ${size.width}`);
      }
      await page.fill(sel("policies-search"), "渝府办发[2024]29号");
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="policy-row"]').length === 1);
      assert.match(page.url(), /q=/, "the search is in the URL");
      await page.fill(sel("policies-search"), "");
      await page.locator(sel("policies-sort-horizon")).click();
      const horizon = await page.locator(`${sel("policies-sort-horizon")}`).evaluate((b) => b.closest("th").getAttribute("aria-sort"));
      assert.equal(horizon, "descending");
      await page.locator(sel("policy-link")).first().click();
      await page.waitForURL(/#\/entity\/policy-/);
    }
    // Both are reachable from the top bar and the start page.
    await open("en", "#/", SIZES[0]);
    assert.equal(await page.locator(sel("start-map")).count(), 1);
    assert.equal(await page.locator(sel("start-policies")).count(), 1);
    await page.locator(sel("nav-policies")).click();
    await page.waitForSelector(sel("policies-view"));
    await page.locator(sel("nav-map")).click();
    await page.waitForSelector(sel("map-view"));
  });

  it("the start page's tiles open deeper: chain, output against targets, systems, policies, map", async () => {
    for (const lang of ["en", "zh"]) {
      for (const size of SIZES) {
        await open(lang, "#/", size);
        await page.waitForSelector(`${sel("tile-output")} ${sel("tile-output-row")}`);
        await page.waitForSelector(`${sel("tile-map")} svg path`);
        await page.waitForSelector(`${sel("tile-chain")} li`);
        // NEV output against plan targets: 2024's target of one million vehicles is in the data.
        const output = await page.locator(sel("tile-output")).innerText();
        assert.match(output, /2024/);
        assert.match(output, lang === "zh" ? /100万/ : /1M/);
        const systems = await page.locator(sel("tile-systems")).innerText();
        assert.match(systems, /9\+2\+5\+30/);
        const policies = await page.locator(`${sel("tile-policies")} li`).count();
        assert.equal(policies, 4);
        await shot(page, `start-dashboard-${lang}-${size.width}.png`);
        await axe(`start dashboard ${lang} ${size.width}`);
      }
      await page.locator(sel("tile-chain-link")).click();
      await page.waitForURL(/#\/chain/);
    }
  });

  it("compare puts entities side by side, marks shared suppliers, and is reached from entity pages", async () => {
    for (const lang of ["en", "zh"]) {
      for (const size of SIZES) {
        await open(lang, "#/compare?ids=changan-auto,seres-group", size);
        await page.waitForSelector(sel("compare-table"));
        assert.equal(await page.locator(sel("compare-column")).count(), 2);
        // CATL supplies both (data/links): a shared supplier, marked.
        const sharedText = await page.locator(sel("compare-shared")).allInnerTexts();
        assert.ok(sharedText.some((s) => (lang === "zh" ? /宁德时代/ : /CATL|Contemporary Amperex/).test(s)), `shared: ${sharedText}`);
        const table = await page.locator(sel("compare-table")).innerText();
        assert.doesNotMatch(table, /changan-auto|seres-group/, "no ids shown");
        await shot(page, `compare-${lang}-${size.width}.png`);
        await axe(`compare ${lang} ${size.width}`);
      }
    }
    // From an entity page: "add to compare" keeps the set in the URL.
    await open("en", "#/entity/avatr", SIZES[0]);
    await page.locator(sel("add-compare")).click();
    await page.waitForURL(/#\/compare\?ids=changan-auto,seres-group,avatr/);
    await page.waitForSelector(sel("compare-table"));
    assert.equal(await page.locator(sel("compare-column")).count(), 3);
  });

  it("the map draws with frozen prototypes, as in the desktop window (freezePrototype)", async () => {
    // ECharts assigned over Object.prototype.constructor here until ui/patches fixed it.
    const frozen = await browser.context.newPage();
    const errors = [];
    frozen.on("pageerror", (e) => errors.push(String(e)));
    await frozen.addInitScript(() => {
      Object.freeze(Object.prototype);
      Object.freeze(Array.prototype);
      Object.freeze(Function.prototype);
    });
    await frozen.goto(`${server.url}/#/map`);
    await frozen.waitForSelector(`${sel("map-canvas")} svg path`, { timeout: 15000 }).catch(async () => {
      assert.fail(`no map with frozen prototypes: ${await frozen.locator(sel("error-banner")).innerText()} ${errors.join("; ")}`);
    });
    const paths = await frozen.locator(`${sel("map-canvas")} svg path`).count();
    assert.ok(paths >= 38, `${paths} shapes drawn with frozen prototypes; errors: ${errors.join("; ")}`);
    assert.deepEqual(errors, []);
    await frozen.close();
  });

  it("an entity page shows a locator map of its district(s), loaded lazily, and opens the map there", async () => {
    const chunks = [];
    const onRequest = (r) => {
      if (/\/assets\/chart-[^/]*\.js$/.test(r.url())) chunks.push(r.url());
    };
    page.on("request", onRequest);
    const settled = async () => {
      await page.waitForSelector(`${sel("locator-slot")}[data-locator]`, { state: "attached" });
      return page.locator(sel("locator-slot")).getAttribute("data-locator");
    };
    try {
      for (const lang of ["en", "zh"]) {
        for (const size of SIZES) {
          // Changan sits in Jiangbei (data/links, located_in).
          await open(lang, "#/entity/changan-auto", size);
          assert.equal(await settled(), "shown");
          await page.waitForSelector(`${sel("entity-locator")} svg path`);
          assert.equal(await page.locator(sel("entity-locator")).getAttribute("data-districts"), "district-jiangbei");
          assert.equal(await page.locator(`${sel("entity-locator")} svg`).getAttribute("data-drawn"), "atlas");
          const caption = await page.locator(`${sel("entity-locator")} figcaption`).innerText();
          assert.match(caption, lang === "zh" ? /^位于江北区$/ : /^In Jiangbei District$/);
          const label = await page.locator(sel("locator-map")).getAttribute("aria-label");
          assert.match(label, lang === "zh" ? /江北区/ : /Jiangbei District/);
          // Small and beside the name: the supply chain starts no lower than the header's buttons.
          const box = await page.locator(sel("entity-locator")).boundingBox();
          assert.ok(box.width <= 240 && box.height <= 220, `locator ${box.width}×${box.height}`);
          const head = await page.locator(".entity-header-main").boundingBox();
          assert.ok(box.y + box.height <= head.y + head.height + 24, `locator bottom ${box.y + box.height} against header ${head.y + head.height}`);
          await shot(page, `entity-locator-${lang}-${size.width}.png`);
          await axe(`entity page with locator ${lang} ${size.width}`);
        }
        // Through a park: Times Changan is in Gaozhu New Area, which is in Yubei.
        await open(lang, "#/entity/times-changan", SIZES[0]);
        assert.equal(await settled(), "shown");
        assert.equal(await page.locator(sel("entity-locator")).getAttribute("data-districts"), "district-yubei");
        // A park spanning eight districts: each drawn, three named and the rest counted.
        await open(lang, "#/entity/yuxi-parts-base", SIZES[0]);
        assert.equal(await settled(), "shown");
        assert.equal((await page.locator(sel("entity-locator")).getAttribute("data-districts")).split(" ").length, 8);
        assert.equal(await page.locator(sel("locator-district")).count(), 3);
        assert.match(await page.locator(`${sel("entity-locator")} figcaption`).innerText(), lang === "zh" ? /另外5个区县/ : /and 5 more/);
        await shot(page, `entity-locator-park-${lang}.png`);
        // A district's own page draws itself.
        await open(lang, "#/entity/district-dazu", SIZES[0]);
        assert.equal(await settled(), "shown");
        assert.equal(await page.locator(sel("entity-locator")).getAttribute("data-districts"), "district-dazu");
      }
      // No district (CATL is outside Chongqing; Adient only in Liangjiang New Area, which spans
      // several): nothing at all, not an empty box, and ECharts is not even loaded.
      for (const id of ["catl", "adient"]) {
        chunks.length = 0;
        await open("en", `#/entity/${id}`, SIZES[0]);
        assert.equal(await settled(), "none");
        assert.equal(await page.locator(sel("entity-locator")).count(), 0);
        assert.equal(await page.locator(sel("locator-slot")).isVisible(), false);
        assert.deepEqual(chunks, [], `${id}: the map's chunk was loaded`);
      }
      // Clicking the map opens #/map with the district chosen; so does the name under it.
      await open("en", "#/entity/changan-auto", SIZES[0]);
      await page.waitForSelector(`${sel("entity-locator")} svg path`);
      await page.locator(sel("locator-map")).click({ position: { x: 5, y: 5 } });
      await page.waitForURL(/#\/map\?.*district=district-jiangbei/);
      await page.waitForSelector(sel("map-entities"));
      assert.match(await page.locator(sel("map-detail")).innerText(), /Changan/);
      await open("zh", "#/entity/yuxi-parts-base", SIZES[0]);
      await page.waitForSelector(`${sel("entity-locator")} svg path`);
      await page.locator(`${sel("locator-district")}[data-district="district-dazu"]`).click();
      await page.waitForURL(/#\/map\?.*district=district-dazu/);
      await page.waitForSelector(sel("map-entities"));
    } finally {
      page.off("request", onRequest);
    }
  });

  it("entity pages: jump links to the sections present, [ and ] between them, a skip link, focus kept; statistics one row per metric", async () => {
    const active = () => page.evaluate(() => ({ section: document.activeElement?.closest("[data-section]")?.dataset.section ?? null, testid: document.activeElement?.dataset?.testid ?? null, id: document.activeElement?.id ?? "" }));
    for (const lang of ["en", "zh"]) {
      for (const size of SIZES) {
        await open(lang, "#/entity/changan-auto", size);
        await page.waitForSelector(sel("section-nav"));
        await page.waitForSelector(sel("notes-panel"));
        const keys = await page.locator(sel("section-link")).evaluateAll((as) => as.map((a) => a.dataset.section));
        for (const key of ["supply", "risk", "statistics", "links", "sources", "notes"]) assert.ok(keys.includes(key), `${lang}: jump link to ${key} in ${keys}`);
        assert.equal(keys[0], "supply", "a firm's supply chain is the first section");
        // Every link points at a section with that id, in page order, headed by a focusable target.
        const targets = await page.evaluate((ks) => ks.map((k) => {
          const el = document.getElementById(`section-${k}`);
          return el ? { top: el.getBoundingClientRect().top + scrollY, heading: !!el.querySelector(".section-target") } : null;
        }), keys);
        assert.ok(targets.every((x) => x && x.heading), `targets ${JSON.stringify(targets)}`);
        // The supply chain starts within the first screen, above the statistics.
        assert.ok(targets[0].top < size.height, `supply chain at ${targets[0].top}px`);
        assert.ok(targets[0].top < targets[keys.indexOf("statistics")].top);
        const labels = (await page.locator(sel("section-nav")).innerText());
        assert.match(labels, lang === "zh" ? /供应链[\s\S]*风险[\s\S]*统计数据[\s\S]*关系[\s\S]*来源[\s\S]*我的笔记/ : /Supply chain[\s\S]*Risk[\s\S]*Statistics[\s\S]*Links[\s\S]*Sources[\s\S]*Your notes/);
        assert.doesNotMatch(labels, /sections\.|section-/, "no raw keys");
        // A jump focuses the section's heading and leaves the route alone.
        await page.locator(`${sel("section-link")}[data-section="links"]`).click();
        assert.equal((await active()).section, "links");
        assert.match(page.url(), /#\/entity\/changan-auto$/);
        const linksTop = await page.evaluate(() => document.getElementById("section-links").getBoundingClientRect().top);
        assert.ok(linksTop >= 0 && linksTop < size.height / 2, `links heading in view at ${linksTop}`);
        // ] and [ move to the next and previous section.
        await page.keyboard.press("]");
        assert.equal((await active()).section, "sources");
        await page.keyboard.press("[");
        assert.equal((await active()).section, "links");
        await page.keyboard.press("[");
        assert.equal((await active()).section, keys[keys.indexOf("links") - 1]);
        // Not while typing: the note box takes the key.
        await page.locator(sel("note-text")).focus();
        await page.keyboard.press("]");
        assert.equal((await active()).testid, "note-text");
        assert.equal(await page.locator(sel("note-text")).inputValue(), "]");
        await page.locator(sel("note-text")).fill("");
        // Statistics: one closed row per metric with its latest figure, period and grade.
        const groups = page.locator(sel("stat-group"));
        const n = await groups.count();
        assert.ok(n >= 5, `${n} metrics`);
        assert.equal(await page.locator(`${sel("stat-group")}[open]`).count(), 0, "all metrics closed");
        const summary = await page.locator(`${sel("stat-group")}[data-metric="nev_sales"], ${sel("stat-group")}`).first().evaluate((d) => ({
          latest: d.querySelector('[data-testid="stat-latest"]').textContent,
          period: d.querySelector('[data-testid="stat-latest-period"]').textContent,
          grades: d.querySelector('[data-testid="stat-latest-grade"]').dataset.grades,
        }));
        assert.match(summary.latest, /\d/, `latest ${JSON.stringify(summary)}`);
        assert.match(summary.period, /\d{4}/);
        assert.match(summary.grades, /^[ABC]( [ABC])*$/);
        if (lang === "zh") assert.match(summary.latest, /[辆万亿%个家]|GWh/);
        await page.locator(sel("section-link")).first().focus();
        await shot(page, `entity-sections-${lang}-${size.width}.png`);
        await axe(`entity page with sections ${lang} ${size.width}`);
        // Expand all opens every row (keeping focus on the button); again closes them.
        await page.locator(sel("stat-expand-all")).click();
        assert.equal(await page.locator(`${sel("stat-group")}[open]`).count(), n);
        assert.equal((await active()).testid, "stat-expand-all");
        await page.locator(`${sel("stat-group")} ${sel("stat-chart")}`).first().waitFor();
        await page.locator(sel("stat-expand-all")).click();
        assert.equal(await page.locator(`${sel("stat-group")}[open]`).count(), 0);
      }
      // The skip link: first Tab stop, visible when focused, moves focus to the view.
      await open(lang, "#/entity/changan-auto", SIZES[0]);
      await page.waitForSelector(sel("notes-panel"));
      await page.keyboard.press("Tab");
      assert.equal((await active()).testid, "skip-link");
      assert.equal((await page.locator(sel("skip-link")).innerText()).trim(), lang === "zh" ? "跳到正文" : "Skip to content");
      const box = await page.locator(sel("skip-link")).boundingBox();
      assert.ok(box && box.y >= 0 && box.height > 10, `skip link shown at ${JSON.stringify(box)}`);
      await shot(page, `skip-link-${lang}.png`);
      await page.keyboard.press("Enter");
      assert.equal((await active()).id, "view");
      assert.match(page.url(), /#\/entity\/changan-auto$/);
      // A form opened from a button gives focus back to it when closed.
      await page.locator(sel("add-supplier")).focus();
      await page.keyboard.press("Enter");
      await page.waitForSelector("dialog[open]");
      await page.keyboard.press("Escape");
      await page.waitForFunction(() => !document.querySelector("dialog[open]"));
      assert.equal((await active()).testid, "add-supplier");
      assert.match(page.url(), /#\/entity\/changan-auto$/, "Esc closed the form only");
    }
    // Chongqing: many statistics, now a row each.
    await open("en", "#/entity/chongqing", SIZES[0]);
    await page.waitForSelector(sel("stat-group"));
    await page.waitForSelector(sel("notes-panel"));
    const collapsed = await page.evaluate(() => document.body.scrollHeight);
    await page.locator(sel("stat-expand-all")).click();
    const expanded = await page.evaluate(() => document.body.scrollHeight);
    const statsHeight = await page.locator(sel("statistics")).evaluate((s) => s.getBoundingClientRect().height);
    await page.locator(sel("stat-expand-all")).click();
    const statsCollapsed = await page.locator(sel("statistics")).evaluate((s) => s.getBoundingClientRect().height);
    console.log(`chongqing at 1440×900: body ${collapsed}px collapsed, ${expanded}px all open; statistics ${statsCollapsed}px against ${statsHeight}px`);
    assert.ok(statsCollapsed < statsHeight / 3, `statistics ${statsCollapsed}px collapsed against ${statsHeight}px open`);
    const rowHeights = await page.locator(sel("stat-summary")).evaluateAll((ss) => ss.map((s) => s.getBoundingClientRect().height));
    assert.ok(Math.max(...rowHeights) < 80, `each metric one row: ${Math.max(...rowHeights)}px`);
  });

  it("the top bar fits on one row at 1280×800, 1440×900 and 1920×1080 in both languages; folded tools open from ⋯", async () => {
    const TOOLS = ["undo", "redo", "save-view", "edition-only", "text-smaller", "text-larger", "theme-toggle", "present-toggle"];
    const boxes = () => page.evaluate(() => {
      const bar = document.querySelector('[data-testid="topbar"]');
      const shown = [...bar.querySelectorAll("a, button, input")].filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden" && !el.closest(".tools-panel[data-open='true']"));
      return {
        bar: bar.getBoundingClientRect().toJSON(),
        scroll: bar.scrollWidth,
        client: bar.clientWidth,
        search: document.querySelector('[data-testid="search-input"]')?.getBoundingClientRect().width ?? 0,
        items: shown.map((el) => ({ id: el.dataset.testid ?? el.textContent, ...el.getBoundingClientRect().toJSON() })),
      };
    });
    for (const size of [{ width: 1280, height: 800 }, ...SIZES]) {
      for (const lang of ["en", "zh"]) {
        await open(lang, "#/entity/changan-auto", size);
        await page.waitForSelector(sel("entity-page"));
        await page.waitForFunction(() => document.querySelector('[data-testid="topbar"]').dataset.compact !== undefined);
        await page.waitForTimeout(100);
        const m = await boxes();
        const where = `${lang} ${size.width}`;
        assert.ok(m.bar.height <= 80, `${where}: one row (${m.bar.height} px high)`);
        assert.ok(m.scroll <= m.client, `${where}: nothing sticks out (${m.scroll} > ${m.client})`);
        assert.ok(m.search >= 280, `${where}: the search box keeps its width (${m.search} px)`);
        for (const item of m.items) assert.ok(item.x >= 0 && item.x + item.width <= size.width, `${where}: ${item.id} inside the window`);
        for (let i = 0; i < m.items.length; i++) {
          for (let j = i + 1; j < m.items.length; j++) {
            const a = m.items[i];
            const b = m.items[j];
            const apart = a.x + a.width <= b.x + 0.5 || b.x + b.width <= a.x + 0.5 || a.y + a.height <= b.y + 0.5 || b.y + b.height <= a.y + 0.5;
            assert.ok(apart, `${where}: ${a.id} and ${b.id} overlap`);
          }
        }
        const folded = await page.locator(sel("tools-more")).isVisible();
        // 1920 has room for the tools in the row; narrower windows fold them under ⋯.
        assert.equal(folded, size.width < 1920, `${where}: tools folded = ${folded}`);
        await shot(page, `topbar-${lang}-${size.width}.png`);
        if (folded) {
          for (const id of TOOLS) assert.equal(await page.locator(sel(id)).isVisible(), false, `${where}: ${id} folded away`);
          const more = page.locator(sel("tools-more"));
          assert.match(await more.getAttribute("aria-label"), lang === "zh" ? /更多工具/ : /More tools/);
          await more.click();
          assert.equal(await more.getAttribute("aria-expanded"), "true");
          for (const id of TOOLS) assert.equal(await page.locator(sel(id)).isVisible(), true, `${where}: ${id} in the panel`);
          const panel = await page.locator(sel("tools-panel")).boundingBox();
          assert.ok(panel.x >= 0 && panel.x + panel.width <= size.width && panel.y + panel.height <= size.height, `${where}: the panel is inside the window`);
          // Words beside each sign, in the UI's language.
          assert.match(await page.locator(sel("theme-toggle")).innerText(), lang === "zh" ? /深色主题/ : /Dark theme/);
          await shot(page, `topbar-open-${lang}-${size.width}.png`);
          await axe(`top bar with the tools open, ${where}`);
          // Esc closes the panel and gives the focus back to ⋯, without leaving the page.
          await page.keyboard.press("Escape");
          assert.equal(await more.getAttribute("aria-expanded"), "false");
          assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "tools-more");
          assert.match(page.url(), /#\/entity\/changan-auto/);
          // A tool works from the panel, and the panel closes on a click elsewhere.
          await more.click();
          await page.locator(sel("theme-toggle")).click();
          await page.waitForFunction(() => document.documentElement.dataset.theme === "dark");
          await page.locator(sel("theme-toggle")).click();
          await page.waitForFunction(() => document.documentElement.dataset.theme === "light");
          await page.locator(sel("entity-name")).click();
          assert.equal(await more.getAttribute("aria-expanded"), "false");
        } else {
          for (const id of TOOLS) assert.equal(await page.locator(sel(id)).isVisible(), true, `${where}: ${id} in the row`);
          await axe(`top bar ${where}`);
        }
      }
    }
    // The keyboard keeps its shortcuts with the tools folded: Ctrl + makes the text larger.
    await open("en", "#/entity/changan-auto", { width: 1280, height: 800 });
    await page.waitForSelector(sel("entity-page"));
    const before = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    await page.locator(sel("entity-name")).click();
    await page.keyboard.press("Control+Equal");
    await page.waitForFunction((b) => parseFloat(getComputedStyle(document.documentElement).fontSize) > b, before);
    await page.keyboard.press("Control+0");
  });

  it("nothing went off the machine, and no console errors", () => {
    assert.deepEqual(problems.offsite, [], "requests to other hosts");
    assert.deepEqual(problems.consoleErrors, [], "console errors");
    assert.deepEqual(problems.pageErrors, [], "uncaught exceptions");
    assert.deepEqual(problems.dialogs, [], "dialogs");
  });
});
