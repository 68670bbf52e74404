import { launch } from "./support/browser.mjs";
const [url, out, w, h] = process.argv.slice(2);
const { context, close } = await launch({ viewport: { width: Number(w || 1280), height: Number(h || 800) } });
const page = await context.newPage();
await page.goto(url);
await page.waitForTimeout(1500);
if (process.env.CLICK) { await page.click(process.env.CLICK); await page.waitForTimeout(800); }
if (process.env.SCROLL) { await page.locator(process.env.SCROLL).first().scrollIntoViewIfNeeded(); await page.evaluate((s) => document.querySelector(s).scrollIntoView(), process.env.SCROLL); await page.waitForTimeout(300); }
await page.screenshot({ path: out });
await close();
