// A stand-in for `nev-atlas serve`, for working on the UI and these tests before (or without) the
// Rust binary. It serves ui/dist and answers the commands from ui/src/test/mock-data.json.
// It is NOT the real search or graph logic. With an --edition path containing "xss" it adds an
// entity `xss-probe` shaped like tests/fixtures/xss.
//   node support/mock-server.mjs --port 7878 --ui ../../ui/dist [--edition x]
import { createServer } from "node:http";
import { readFileSync, existsSync, statSync } from "node:fs";
import { extname, join, normalize, resolve } from "node:path";
import { repoRoot } from "./paths.mjs";

const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const port = Number(opt("port", "7878"));
const ui = resolve(opt("ui", join(repoRoot, "ui/dist")));
const edition = opt("edition", "");
const data = JSON.parse(readFileSync(join(repoRoot, "ui/src/test/mock-data.json"), "utf8"));

if (edition.includes("xss")) {
  const evil = "<img src=x onerror=alert(1)>";
  const source = { id: "s-xss", url: "https://example.org/xss?<script>alert(1)</script>", publisher: "<b>bold</b> publisher", title: "<script>alert(1)</script>", published: null, accessed: "2026-11-01", language: "en", grade: "C" };
  const entity = { id: "xss-probe", kind: "firm", name_zh: evil, name_en: evil };
  const other = data.pages["changan-auto"].entity;
  data.pages["xss-probe"] = {
    entity, names: [{ lang: "en", role: "legal", text: evil, pinyin: null }], district: null, segments: [], products: ["<svg onload=alert(1)>"],
    founded: null, website: "javascript:alert(1)", confidence: "uncertain", note: "<iframe src=x></iframe>", sources: [source],
    links: [{ relation: "supplies", direction: "outgoing", other, product: "<img src=x onerror=alert(2)>", share: null, since: null, until: null, confidence: "uncertain", note: null, sources: [source] }],
  };
  data.edges.push({ from: "xss-probe", to: "changan-auto", relation: "supplies" });
}

const norm = (s) => s.toLowerCase().replace(/\s+/g, "");
function search(query, limit = 20) {
  const q = norm(query);
  const hits = [];
  for (const page of Object.values(data.pages)) {
    const candidates = [...page.names.map((n) => n.text), ...(data.search_keys[page.entity.id] ?? []), page.entity.id];
    const matched = candidates.find((c) => norm(c).includes(q));
    if (matched) hits.push({ entity: page.entity, district: page.district, matched });
  }
  return { query, hits: hits.slice(0, limit) };
}
function neighbourhood({ id, hops = 1, direction = "both", cap = 50 }) {
  const distance = new Map([[id, 0]]);
  let frontier = [id];
  for (let d = 1; d <= hops; d++) {
    const next = [];
    for (const at of frontier)
      for (const e of data.edges) {
        for (const other of [direction !== "upstream" && e.from === at ? e.to : null, direction !== "downstream" && e.to === at ? e.from : null]) {
          if (other && !distance.has(other)) {
            distance.set(other, d);
            next.push(other);
          }
        }
      }
    frontier = next;
  }
  const all = [...distance.entries()];
  const kept = all.slice(0, cap);
  const keep = new Set(kept.map(([k]) => k));
  return { centre: id, nodes: kept.map(([k, d]) => ({ entity: data.pages[k].entity, distance: d })), edges: data.edges.filter((e) => keep.has(e.from) && keep.has(e.to)), hidden: all.length - kept.length };
}

const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png", ".json": "application/json" };
const send = (res, status, body) => {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
};

createServer((req, res) => {
  const url = new URL(req.url, "http://127.0.0.1");
  if (url.pathname.startsWith("/api/")) {
    if (req.method !== "POST") return send(res, 405, { code: "invalid_argument", message: "POST only" });
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      let args;
      try {
        args = JSON.parse(body || "{}");
      } catch {
        return send(res, 400, { code: "invalid_argument", message: "Body is not JSON" });
      }
      const command = url.pathname.slice(5);
      if (command === "edition") return send(res, 200, data.edition);
      if (command === "systems") return send(res, 200, data.systems);
      if (command === "search") return send(res, 200, search(String(args.query ?? ""), args.limit));
      if (command === "entity") return data.pages[args.id] ? send(res, 200, data.pages[args.id]) : send(res, 404, { code: "not_found", message: `No entity with id ${args.id}` });
      if (command === "neighbourhood") {
        if (!data.pages[args.id]) return send(res, 404, { code: "not_found", message: `No entity with id ${args.id}` });
        if (args.hops !== undefined && (args.hops < 1 || args.hops > 3)) return send(res, 400, { code: "invalid_argument", message: "hops must be 1 to 3" });
        return send(res, 200, neighbourhood(args));
      }
      return send(res, 404, { code: "not_found", message: `No command ${command}` });
    });
    return;
  }
  let file = normalize(join(ui, decodeURIComponent(url.pathname)));
  if (!file.startsWith(ui)) return send(res, 403, { code: "invalid_argument", message: "outside ui" });
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
  if (!existsSync(file)) {
    res.writeHead(404);
    return res.end("not found");
  }
  res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
  res.end(readFileSync(file));
}).listen(port, "127.0.0.1", function () {
  console.log(`listening on http://127.0.0.1:${this.address().port}`);
});
