// The graph benchmark of `cargo xtask bench --graph` (not a test: run by xtask, or by hand with
// `node graph-bench.mjs [--nodes N --links M --seed S --rounds R --out FILE --baseline none]` after building the
// page with `cd ui && npx vite build --config vite.bench.config.ts`).
//
// Serves target/graph-bench/dist on the loopback, opens it in Debian's chromium (support/browser.mjs)
// at 1920x1080, and for each round, alternating, draws the same synthetic graph with the app's graph
// code ("ours") and with cytoscape.js given the same positions, then pans and zooms with the mouse
// (wheel, drag, wheel). Reads the Long Tasks API (every main-thread task over 50 ms) and the time
// between animation frames during the pan and zoom. Prints and writes one JSON object.
import { createReadStream, existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";
import { execFileSync } from "node:child_process";
import { launch, artifact } from "./support/browser.mjs";
import { paths, repoRoot } from "./support/paths.mjs";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith("--") ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []),
);
const nodes = Number(args.nodes ?? 10000);
const links = Number(args.links ?? 30000);
const seed = Number(args.seed ?? 1);
const rounds = Number(args.rounds ?? 3);
// `--baseline none`: ours only (a quick look; `cargo xtask bench --graph` always runs both).
const withBaseline = args.baseline !== "none";
const dist = join(repoRoot, "target/graph-bench/dist");
if (!existsSync(join(dist, "graph10k.html"))) throw new Error(`${dist}/graph10k.html missing: build it with vite.bench.config.ts`);

const types = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".woff2": "font/woff2" };
const server = createServer((req, res) => {
  if (req.url === "/favicon.ico") {
    res.writeHead(204).end();
    return;
  }
  const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
  const file = join(dist, path);
  if (!file.startsWith(dist) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
  createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const base = `http://127.0.0.1:${server.address().port}/graph10k.html`;

const quantile = (values, q) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length === 0 ? null : s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const median = (values) => quantile(values, 0.5);

const viewport = { width: 1920, height: 1080 };
const { context, close } = await launch({ viewport });

/** One drawing and one scripted pan and zoom; returns what was measured. */
async function once(renderer, positions, round) {
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto(`${base}?renderer=${renderer}&nodes=${nodes}&links=${links}&seed=${seed}`);
  await page.waitForFunction(() => window.bench !== undefined);
  // The synthetic graph is drawn up before the clock starts; let its tasks finish.
  await page.waitForTimeout(300);
  const { started, ready } = await page.evaluate((p) => window.bench.start(p), positions);
  await page.waitForTimeout(500);
  const cx = viewport.width / 2;
  const cy = viewport.height / 2;
  const interaction = await page.evaluate(() => performance.now());
  await page.evaluate(() => window.bench.startFrames());
  await page.mouse.move(cx, cy);
  for (let i = 0; i < 8; i++) {
    await page.mouse.wheel(0, -240);
    await page.waitForTimeout(60);
  }
  await page.mouse.down();
  for (let i = 1; i <= 30; i++) await page.mouse.move(cx - 12 * i, cy - 6 * i);
  await page.mouse.up();
  for (let i = 0; i < 8; i++) {
    await page.mouse.wheel(0, 240);
    await page.waitForTimeout(60);
  }
  await page.waitForTimeout(400);
  const frames = await page.evaluate(() => window.bench.stopFrames());
  const done = await page.evaluate(() => performance.now());
  if (round === 0) await page.screenshot({ path: artifact(`graph-bench-${renderer}.png`) });
  const tasks = await page.evaluate(() => window.benchLongTasks);
  const drawn = await page.evaluate(() => ({ nodes: window.bench.nodes, links: window.bench.links }));
  // Ours: the steps of loading (layout, font, sigma built, first frames) and the longest task in each.
  const marks = await page.evaluate(() => window.bench.steps);
  const ends = [...Object.entries(marks), ["painted", ready]].sort((a, b) => a[1] - b[1]);
  const steps = Object.fromEntries(
    ends.map(([name, end], i) => {
      const from = i === 0 ? started : ends[i - 1][1];
      const inStep = tasks.filter((t) => t.start >= from && t.start < end).map((t) => t.duration);
      return [name, { ms: end - from, longest_task_ms: Math.max(0, ...inStep) }];
    }),
  );
  const next = renderer === "ours" ? await page.evaluate(() => window.bench.positions()) : null;
  await page.close();
  if (errors.length > 0) throw new Error(`${renderer}: ${errors.join("; ")}`);
  const longest = (from, to) => Math.max(0, ...tasks.filter((t) => t.start >= from && t.start < to).map((t) => t.duration));
  return {
    result: {
      load_ms: ready - started,
      longest_task_ms: longest(started, done),
      longest_load_task_ms: longest(started, interaction),
      longest_interaction_task_ms: longest(interaction, done),
      long_tasks: tasks.filter((t) => t.start >= started).length,
      frames: frames.length,
      frame_median_ms: median(frames),
      frame_p95_ms: quantile(frames, 0.95),
      frame_max_ms: Math.max(...frames),
      drawn,
      ...(renderer === "ours" ? { steps } : {}),
    },
    positions: next,
  };
}

const runs = { ours: [], cytoscape: [] };
for (let round = 0; round < rounds; round++) {
  const ours = await once("ours", undefined, round);
  runs.ours.push(ours.result);
  if (withBaseline) runs.cytoscape.push((await once("cytoscape", ours.positions, round)).result);
  process.stderr.write(`graph-bench: round ${round + 1}/${rounds}: ${JSON.stringify({ ours: ours.result, cytoscape: runs.cytoscape.at(-1) })}\n`);
}
await close();
server.close();

const summary = (list) => ({
  load_ms: median(list.map((r) => r.load_ms)),
  longest_task_ms: Math.max(...list.map((r) => r.longest_task_ms)),
  longest_load_task_ms: Math.max(...list.map((r) => r.longest_load_task_ms)),
  longest_interaction_task_ms: Math.max(...list.map((r) => r.longest_interaction_task_ms)),
  frame_median_ms: median(list.map((r) => r.frame_median_ms)),
  frame_p95_ms: median(list.map((r) => r.frame_p95_ms)),
  ...(list[0]?.steps
    ? {
        steps: Object.fromEntries(
          Object.keys(list[0].steps).map((k) => [
            k,
            { ms: median(list.map((r) => r.steps[k].ms)), longest_task_ms: Math.max(...list.map((r) => r.steps[k].longest_task_ms)) },
          ]),
        ),
      }
    : {}),
});
let chromium = "";
try {
  chromium = execFileSync(paths.chromium, ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
} catch {}
const report = {
  nodes: runs.ours[0].drawn.nodes,
  links: runs.ours[0].drawn.links,
  seed,
  rounds,
  viewport,
  chromium,
  cytoscape_version: JSON.parse(readFileSync(join(repoRoot, "ui/node_modules/cytoscape/package.json"), "utf8")).version,
  ours: summary(runs.ours),
  cytoscape: withBaseline ? summary(runs.cytoscape) : null,
  runs,
};
const text = JSON.stringify(report, null, 1);
if (args.out) writeFileSync(args.out, text + "\n");
console.log(text);
