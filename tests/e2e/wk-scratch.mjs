import webdriver from "selenium-webdriver";
import http from "selenium-webdriver/http/index.js";
const { By, Key, WebDriver } = webdriver;
const caps = new webdriver.Capabilities({ "webkitgtk:browserOptions": { binary: "/work/main/target/debug/atlas-desktop", args: [] } });
const driver = await WebDriver.createSession(new http.Executor(new http.HttpClient("http://127.0.0.1:4445/")), caps);
try {
  const input = await driver.findElement(By.css('[data-testid="search-input"]'));
  await input.sendKeys("长安");
  await new Promise(r => setTimeout(r, 1000));
  const hits = await driver.findElements(By.css('[data-testid="search-hit"]'));
  console.log("hits", hits.length, hits.length ? await hits[0].getText() : "");
  await input.sendKeys(Key.ENTER);
  await new Promise(r => setTimeout(r, 800));
  console.log("name", await driver.findElement(By.css('[data-testid="entity-name"]')).getText());
  await driver.executeAsyncScript("const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done()));");
  const png = await driver.takeScreenshot();
  (await import("node:fs")).writeFileSync("/work/main/target/e2e-artifacts/snap-wk.png", Buffer.from(png, "base64"));
  console.log("shot ok");
} finally { await driver.quit(); }
