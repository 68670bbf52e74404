/** Pure helpers of the search box: keyboard selection and debouncing. */

/** Moves the selection by `delta`, wrapping around; -1 means nothing selected. */
export function moveSelection(current: number, delta: number, count: number): number {
  if (count <= 0) return -1;
  if (current < 0) return delta > 0 ? 0 : count - 1;
  return (((current + delta) % count) + count) % count;
}

export const SEARCH_DEBOUNCE_MS = 80;
export const SEARCH_LIMIT = 20;

/** Debounces `fn` by `ms`; `cancel` drops a pending call. */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): ((...args: A) => void) & { cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const wrapped = (...args: A) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
  wrapped.cancel = () => clearTimeout(timer);
  return wrapped;
}

/** Normalises what the user typed before it is sent (trim, collapse spaces). */
export function normaliseQuery(raw: string): string {
  return raw.replace(/\s+/g, " ").trim();
}
