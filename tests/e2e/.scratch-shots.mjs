import { chromium } from "playwright-core";
const base = process.argv[2];
const out = "/tmp/shots";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless","--no-sandbox","--disable-gpu","--disable-background-networking","--disable-component-update","--disable-sync","--no-first-run"] });
for (const lang of ["en", "zh"]) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await ctx.newPage();
  page.on("console", (m) => m.type() === "error" && console.log("console error:", m.text()));
  page.on("pageerror", (e) => console.log("pageerror:", String(e)));
  await page.goto(base + "/");
  await page.evaluate((l) => localStorage.setItem("nev-atlas.lang", l), lang);
  for (const [name, hash, sel] of [["start", "#/", "edition-entities"], ["systems", "#/systems", "systems-view"], ["chongqing", "#/entity/chongqing", "statistics"], ["policy", "#/entity/policy-cq-icv-nev-cluster-plan-2022-2030", "policy"], ["changan-group", "#/entity/changan-group", "entity-systems"]]) {
    await page.goto(base + "/" + hash);
    await page.reload();
    await page.waitForSelector(`[data-testid="${sel}"]`);
    await page.screenshot({ path: `${out}/${name}-${lang}.png` });
    await page.screenshot({ path: `${out}/${name}-${lang}-full.png`, fullPage: true });
  }
  await ctx.close();
}
await browser.close();
