import { afterEach, describe, expect, it, vi } from "vitest";
import { debounce, moveSelection, normaliseQuery } from "./search";

describe("moveSelection", () => {
  it("starts at the first or last hit", () => {
    expect(moveSelection(-1, 1, 3)).toBe(0);
    expect(moveSelection(-1, -1, 3)).toBe(2);
  });
  it("wraps around", () => {
    expect(moveSelection(2, 1, 3)).toBe(0);
    expect(moveSelection(0, -1, 3)).toBe(2);
    expect(moveSelection(1, 1, 3)).toBe(2);
  });
  it("selects nothing when there is nothing", () => {
    expect(moveSelection(0, 1, 0)).toBe(-1);
  });
});

describe("debounce", () => {
  afterEach(() => vi.useRealTimers());
  it("calls once with the last arguments after the quiet time", () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const d = debounce(fn, 80);
    d("c");
    d("ch");
    vi.advanceTimersByTime(79);
    d("cha");
    vi.advanceTimersByTime(79);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(fn).toHaveBeenCalledWith("cha");
  });
  it("can be cancelled", () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const d = debounce(fn, 80);
    d();
    d.cancel();
    vi.advanceTimersByTime(200);
    expect(fn).not.toHaveBeenCalled();
  });
});

describe("normaliseQuery", () => {
  it("trims and collapses whitespace", () => {
    expect(normaliseQuery("  chang   an ")).toBe("chang an");
    expect(normaliseQuery("\t")).toBe("");
  });
});
