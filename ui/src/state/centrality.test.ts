import { describe, expect, it } from "vitest";
import type { Call } from "../ipc/transport";
import type { CentralityJob } from "../ipc/bindings/CentralityJob";
import type { CentralityResult } from "../ipc/bindings/CentralityResult";
import { centralityArgs, formatScore, runCentrality } from "./centrality";

const result: CentralityResult = {
  measure: "betweenness",
  samples: null,
  entities: [{ entity: { id: "catl", kind: "firm", name_zh: "宁德时代", name_en: "CATL" }, score: 0.25, links_in: 3, links_out: 9 }],
  truncated: 0,
};

/** A fake API whose job answers with `states` in turn, recording every call. */
function fakeApi(states: CentralityJob["status"][]) {
  const calls: Array<{ command: string; args: Record<string, unknown> }> = [];
  let i = 0;
  const call = (async (command: string, args: Record<string, unknown>) => {
    calls.push({ command, args });
    if (command === "centrality_start") return { job: 7, args };
    const status = states[Math.min(i, states.length - 1)]!;
    i += 1;
    return { job: 7, status, done: status === "done" ? 1 : i / 10, result: status === "done" ? result : null };
  }) as unknown as Call;
  return { call, calls };
}

const now = () => Promise.resolve();

describe("runCentrality", () => {
  it("reports progress until the job is done, then returns its ranking", async () => {
    const api = fakeApi(["running", "running", "done"]);
    const progress: number[] = [];
    const outcome = await runCentrality(api.call, centralityArgs("betweenness", true), { onProgress: (d) => progress.push(d), cancelled: () => false, wait: now });
    expect(outcome).toEqual({ status: "done", result });
    expect(progress).toEqual([0.1, 0.2]);
    expect(api.calls[0]).toEqual({ command: "centrality_start", args: { measure: "betweenness", limit: 100, relations: ["supplies"] } });
    // Every poll names the job and the arguments it was started with.
    expect(api.calls.slice(1).every((c) => c.command === "centrality_job" && c.args.job === 7 && (c.args.centrality as { measure: string }).measure === "betweenness")).toBe(true);
  });

  it("tells the job to cancel once the user asks, and stops", async () => {
    const api = fakeApi(["running", "running", "running", "running"]);
    let polls = 0;
    const outcome = await runCentrality(api.call, centralityArgs("pagerank", false), { onProgress: () => void (polls += 1), cancelled: () => polls >= 2, wait: now });
    expect(outcome).toEqual({ status: "cancelled" });
    const last = api.calls[api.calls.length - 1]!;
    expect(last.args.cancel).toBe(true);
    expect(api.calls.filter((c) => c.args.cancel === true)).toHaveLength(1);
  });

  it("rejects when the job fails", async () => {
    const call = (async (command: string) => {
      if (command === "centrality_start") return { job: 1, args: {} };
      throw new Error("centrality job 1: out of memory");
    }) as unknown as Call;
    await expect(runCentrality(call, centralityArgs("degree", false), { onProgress: () => {}, cancelled: () => false, wait: now })).rejects.toThrow("out of memory");
  });
});

describe("centrality arguments and scores", () => {
  it("counts all links unless asked for supply links only", () => {
    expect(centralityArgs("pagerank", false)).toEqual({ measure: "pagerank", limit: 100 });
    expect(centralityArgs("degree", true, 20)).toEqual({ measure: "degree", limit: 20, relations: ["supplies"] });
  });
  it("shows degrees as whole numbers and other scores to four digits", () => {
    expect(formatScore("degree", 12)).toBe("12");
    expect(formatScore("pagerank", 0.0123456)).toBe("0.01235");
    expect(formatScore("betweenness", 0)).toBe("0");
  });
});
