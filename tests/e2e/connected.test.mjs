// The "most connected" view (issue 9: centrality reachable in the app) against `nev-atlas serve`
// on the shipped edition: each measure runs as a background job and fills a ranked table; the
// measure and the links counted are kept in the URL; the table exports; English and Chinese at
// 1440×900 and 1920×1080, with screenshots and axe-core.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { launch, shot, watch } from "./support/browser.mjs";
import { readCsv } from "./support/files.mjs";
import { sel, openIn } from "./support/journey.mjs";
import { paths, required } from "./support/paths.mjs";
import { startServer } from "./support/server.mjs";
import { assertAccessible } from "./support/axe.mjs";

const mock = process.env.NEV_ATLAS_SERVER === "mock";
const missing = [
  mock && "the shipped edition (the mock server runs no centrality)",
  !existsSync(paths.bin) && `server binary ${paths.bin}`,
  !existsSync(paths.edition) && `edition ${paths.edition}`,
  !existsSync(`${paths.ui}/index.html`) && `UI build ${paths.ui}/index.html (run npm run build in ui/)`,
  !existsSync(paths.chromium) && `chromium ${paths.chromium}`,
].filter(Boolean);
if (missing.length > 0 && required && !mock) throw new Error(`connected e2e prerequisites missing: ${missing.join(", ")}`);
const skip = missing.length > 0 ? `missing ${missing.join(", ")}` : false;

describe("most connected", { skip }, () => {
  let server, browser, page, problems;

  const open = (lang, hash, size) => openIn(page, server.url, lang, hash, size);
  /** The ranked rows: name, score, links in, links out. */
  const rows = async () => {
    await page.waitForSelector(sel("connected-table"));
    return page.locator(sel("connected-row")).evaluateAll((trs) => trs.map((tr) => {
      const cells = [...tr.querySelectorAll("td")].map((td) => td.innerText.trim());
      return { name: cells[1].split("\n")[0], score: Number(cells[3]), linksIn: Number(cells[4]), linksOut: Number(cells[5]) };
    }));
  };

  before(async () => {
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

  it("ranks by links, PageRank and betweenness, over all links or supply links, kept in the URL", async () => {
    await open("en", "#/connected?measure=degree", { width: 1440, height: 900 });
    const byDegree = await rows();
    assert.ok(byDegree.length >= 20, `${byDegree.length} ranked`);
    // A degree is the links in plus the links out, and the table is ranked highest first.
    for (const r of byDegree) assert.equal(r.score, r.linksIn + r.linksOut, `${r.name}: degree = in + out`);
    for (let i = 1; i < byDegree.length; i++) assert.ok(byDegree[i].score <= byDegree[i - 1].score, "ranked highest first");
    assert.match(await page.locator(sel("connected-basis")).innerText(), /all \d+ links/);

    // Supply links only: fewer links per entity, kept in the URL and after a reload.
    await page.locator(sel("connected-links-supply")).click();
    await page.waitForFunction(() => location.hash.includes("links=supply"));
    const supply = await rows();
    assert.ok(supply[0].score < byDegree[0].score, `supply-only degree ${supply[0].score} below all-links ${byDegree[0].score}`);
    await page.reload();
    assert.deepEqual(await rows(), supply, "the same ranking after a reload");
    assert.equal(await page.locator(sel("connected-links-supply")).getAttribute("aria-pressed"), "true");

    for (const measure of ["pagerank", "betweenness"]) {
      await page.locator(sel(`connected-measure-${measure}`)).click();
      await page.waitForFunction((m) => location.hash.includes(`measure=${m}`), measure);
      const ranked = await rows();
      assert.ok(ranked.length > 0 && ranked[0].score > 0, `${measure} ranks someone above zero`);
      for (let i = 1; i < ranked.length; i++) assert.ok(ranked[i].score <= ranked[i - 1].score, `${measure} ranked highest first`);
    }

    // A row opens the entity page.
    const first = page.locator(sel("connected-link")).first();
    const name = await first.innerText();
    await first.click();
    await page.waitForSelector(sel("entity-name"));
    assert.equal((await page.locator(sel("entity-name")).innerText()).trim(), name.trim());
    assert.deepEqual([...problems.offsite, ...problems.consoleErrors, ...problems.pageErrors], []);
  });

  it("exports the ranking as shown, with Chinese intact", async () => {
    await open("zh", "#/connected?measure=degree&links=supply", { width: 1920, height: 1080 });
    const shown = await rows();
    await page.locator(sel("connected-export-open")).click();
    const [file] = await Promise.all([page.waitForEvent("download"), page.locator(`${sel("connected-export")} ${sel("export-csv")}`).click()]);
    const table = readCsv(readFileSync(await file.path()));
    assert.deepEqual(table[0], ["名次", "名称", "类型", "得分", "指向它的关系", "由它发出的关系"]);
    assert.deepEqual(table.slice(1).map((r) => r[1]), shown.map((r) => r.name));
    assert.ok(table.slice(1).some((r) => /[\u4e00-\u9fff]/.test(r[1])), "Chinese names survive");
  });

  for (const lang of ["en", "zh"]) {
    for (const size of [{ width: 1440, height: 900 }, { width: 1920, height: 1080 }]) {
      it(`looks right and is accessible in ${lang} at ${size.width}`, async () => {
        await open(lang, "#/connected?measure=betweenness", size);
        await rows();
        const title = await page.locator("h1").innerText();
        if (lang === "zh") assert.match(title, /关联最多/);
        else assert.match(title, /Most connected/);
        await shot(page, `connected-${lang}-${size.width}.png`);
        await assertAccessible(page, `most connected ${lang} ${size.width}`);
      });
    }
  }
});
