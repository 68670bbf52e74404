/** Static checks over ui/src: no HTML parsing of data, no remote URLs in code or styles. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = dirname(fileURLToPath(import.meta.url));
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(ts|css)$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

describe("ui/src safety", () => {
  const sources = files(root).filter((f) => !f.includes(join("src", "test")));
  it("never parses strings as HTML", () => {
    for (const file of sources) {
      const text = readFileSync(file, "utf8");
      expect(text, file).not.toMatch(/\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|\beval\(|new Function\(/);
    }
  });
  it("loads nothing from the network but /api", () => {
    for (const file of sources) {
      const text = readFileSync(file, "utf8");
      expect(text, file).not.toMatch(/@import\s+url\(|url\(\s*["']?https?:|fonts\.googleapis|cdn\.|unpkg|jsdelivr/);
    }
  });
});
