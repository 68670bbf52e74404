import { describe, expect, it } from "vitest";
import { sectionAtLine } from "./sections";

describe("sectionAtLine", () => {
  // Window coordinates of each section's top and bottom, one after the other with small gaps.
  const boxes = [{ top: -900, bottom: -210 }, { top: -200, bottom: 90 }, { top: 100, bottom: 590 }, { top: 600, bottom: 900 }];
  it("is the section holding the reading line", () => {
    expect(sectionAtLine(boxes, 120, false)).toBe(2);
    expect(sectionAtLine(boxes, 50, false)).toBe(1);
    expect(sectionAtLine(boxes, 600, false)).toBe(3);
  });
  it("in a gap between sections, the last one whose top has passed the line", () => {
    expect(sectionAtLine(boxes, 95, false)).toBe(1);
  });
  it("is none above the first section, and the last at the page's end", () => {
    expect(sectionAtLine([{ top: 300, bottom: 700 }, { top: 800, bottom: 900 }], 120, false)).toBe(-1);
    expect(sectionAtLine(boxes, 120, true)).toBe(3);
    expect(sectionAtLine([], 120, true)).toBe(-1);
  });
  it("a section inside another counts while the line is in it, the outer one again once it has scrolled past", () => {
    // Supply chain (0) holds Risk (1) at its top and the path finder below it; Statistics (2) follows.
    const page = [{ top: -800, bottom: 400 }, { top: -700, bottom: -100 }, { top: 420, bottom: 1400 }];
    expect(sectionAtLine(page, -300, false)).toBe(1); // reading Risk
    expect(sectionAtLine(page, 120, false)).toBe(0); // reading the path finder: Supply chain, not Risk
    expect(sectionAtLine(page, 500, false)).toBe(2);
  });
});
