// Developer aid: screenshot one UI URL in one language.
//   node support/snap.mjs http://127.0.0.1:7878/#/graph/x?hops=2 name.png [en|zh] [WIDTHxHEIGHT]
import { launch, shot, watch } from "./browser.mjs";

const [url, name = "snap.png", lang = "en", size = "1280x800"] = process.argv.slice(2);
const [width, height] = size.split("x").map(Number);
const browser = await launch({ viewport: { width, height } });
try {
  const page = await browser.context.newPage();
  const problems = watch(page);
  await page.addInitScript((l) => localStorage.setItem("nev-atlas.lang", l), lang);
  await page.goto(url);
  await page.waitForLoadState("networkidle");
  await page.waitForSelector('[data-testid="graph-canvas"][data-ready="true"], [data-testid="entity-page"], [data-testid="edition-entities"], [data-testid="not-found"]', { timeout: 10000 }).catch(() => {});
  await shot(page, name);
  console.log(name, JSON.stringify(problems));
} finally {
  await browser.close();
}
