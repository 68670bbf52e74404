import { describe, expect, it } from "vitest";
import { sectionAtLine } from "./sections";

describe("sectionAtLine", () => {
  const tops = [-900, -200, 100, 600]; // window coordinates of each section's top
  it("is the last section whose top has passed the reading line", () => {
    expect(sectionAtLine(tops, 120, false)).toBe(2);
    expect(sectionAtLine(tops, 99, false)).toBe(1);
    expect(sectionAtLine(tops, 600, false)).toBe(3);
  });
  it("is none above the first section, and the last at the page's end", () => {
    expect(sectionAtLine([300, 800], 120, false)).toBe(-1);
    expect(sectionAtLine(tops, 120, true)).toBe(3);
    expect(sectionAtLine([], 120, true)).toBe(-1);
  });
});
