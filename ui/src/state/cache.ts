/**
 * A small memo over `call` for the commands whose answers do not change until a write (the command
 * list's `CACHEABLE_COMMANDS`: entity, neighbourhood, search, the analyses ...), so switching the
 * language or going back does not refetch; jobs, exports and the workspace's own state are never
 * cached. Bounded (least recently used first out). A command in `writes` changes
 * the user's workspace: once it succeeds every cached answer is dropped, so an edit shows
 * everywhere at once (the cache is in effect keyed by the workspace's revision).
 */
import type { Call, CommandName } from "../ipc/transport";

export function cachingCall(
  inner: Call,
  cached: ReadonlySet<CommandName>,
  capacity = 64,
  writes: ReadonlySet<string> = new Set(),
): Call {
  const memo = new Map<string, Promise<unknown>>();
  return ((command: CommandName, args: unknown) => {
    if (writes.has(command)) {
      const written = inner(command, args as never);
      written.then(() => memo.clear(), () => undefined);
      return written;
    }
    if (!cached.has(command)) return inner(command, args as never);
    const key = command + " " + JSON.stringify(args);
    const hit = memo.get(key);
    if (hit) {
      memo.delete(key);
      memo.set(key, hit);
      return hit;
    }
    const promise = inner(command, args as never);
    memo.set(key, promise);
    promise.catch(() => memo.delete(key)); // failures are retried next time
    while (memo.size > capacity) memo.delete(memo.keys().next().value as string);
    return promise;
  }) as Call;
}
