/**
 * Running a centrality ranking as a background job: start it, ask for its progress until it is
 * done, cancelled or failed. Pure of the DOM; the view passes what to show and when to stop.
 */
import type { Call } from "../ipc/transport";
import type { CentralityArgs } from "../ipc/bindings/CentralityArgs";
import type { CentralityMeasure } from "../ipc/bindings/CentralityMeasure";
import type { CentralityResult } from "../ipc/bindings/CentralityResult";

export { CENTRALITY_MEASURES as MEASURES } from "./router";

/** How long to wait between two questions about a running job. */
export const POLL_MS = 150;

export type JobOutcome = { status: "done"; result: CentralityResult } | { status: "cancelled" };

export interface JobControl {
  /** Called with the share of the work done (0 to 1) while the job runs. */
  onProgress(done: number): void;
  /** True once the user asked to stop: the job is then told to cancel. */
  cancelled(): boolean;
  /** Waits between polls (a timer in the app, immediate in tests). */
  wait(ms: number): Promise<void>;
}

/** Starts the ranking in the background and follows it to its end. Rejects when the job fails. */
export async function runCentrality(call: Call, args: CentralityArgs, control: JobControl): Promise<JobOutcome> {
  const started = await call("centrality_start", args);
  for (;;) {
    const cancel = control.cancelled();
    const state = await call("centrality_job", { job: started.job, centrality: started.args, ...(cancel ? { cancel: true } : {}) });
    if (state.status === "done" && state.result) return { status: "done", result: state.result };
    if (state.status === "cancelled" || cancel) return { status: "cancelled" };
    control.onProgress(state.done);
    await control.wait(POLL_MS);
  }
}

/** The arguments for a measure, over all links or the supply links only. */
export function centralityArgs(measure: CentralityMeasure, supplyOnly: boolean, limit = 100): CentralityArgs {
  return { measure, limit, ...(supplyOnly ? { relations: ["supplies"] } : {}) };
}

/** A score for a table: integers as they are (degree), others to four significant digits. */
export function formatScore(measure: CentralityMeasure, score: number): string {
  if (measure === "degree") return String(Math.round(score));
  if (score === 0) return "0";
  return score.toPrecision(4);
}
