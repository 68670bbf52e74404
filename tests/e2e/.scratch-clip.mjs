import { chromium } from "playwright-core";
const [base, hash, lang, prefix, ...offsets] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless","--no-sandbox","--disable-gpu","--disable-background-networking","--disable-component-update","--disable-sync","--no-first-run"] });
const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
const page = await ctx.newPage();
page.on("console", (m) => m.type() === "error" && console.log("console error:", m.text()));
await page.goto(base + "/");
await page.evaluate((l) => localStorage.setItem("nev-atlas.lang", l), lang);
await page.goto(base + "/" + hash);
await page.reload();
await page.waitForSelector('[data-testid="entity-page"], [data-testid="systems-view"], [data-testid="edition-entities"]');
for (const y of offsets) {
  await page.screenshot({ path: `/tmp/shots/${prefix}-${y}.png`, fullPage: true, clip: { x: 0, y: Number(y), width: 1280, height: 800 } });
}
await browser.close();
