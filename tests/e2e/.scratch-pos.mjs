import { chromium } from "playwright-core";
const [base, hash, sel] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless","--no-sandbox"] });
const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
await page.goto(base + "/" + hash);
await page.waitForSelector(sel);
console.log(await page.evaluate((s) => { const r = document.querySelector(s).getBoundingClientRect(); return [r.top + scrollY, r.height, document.body.scrollHeight]; }, sel));
await browser.close();
