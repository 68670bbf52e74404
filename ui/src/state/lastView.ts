/**
 * The view the desktop window shows when it starts again: the last one the user had open. Pure
 * apart from the storage it is given (localStorage in the app, a stub in tests).
 */
const KEY = "nev-atlas.lastView";

type Store = Pick<Storage, "getItem" | "setItem">;

/** Only hash routes of the app are kept: `#/…`, with the start page as `#/`. */
function asRoute(hash: string): string | null {
  if (hash === "" || hash === "#") return "#/";
  return hash.startsWith("#/") && hash.length <= 2000 ? hash : null;
}

/** Keeps `hash` as the view to reopen; returns true when it changed what was kept. */
export function rememberView(store: Store | null, hash: string): boolean {
  const route = asRoute(hash);
  if (!store || route === null) return false;
  try {
    if (store.getItem(KEY) === route) return false;
    store.setItem(KEY, route);
    return true;
  } catch {
    return false;
  }
}

/**
 * The view to reopen at start: the kept one, when the window opens on the start page (a window
 * opened on a deep link shows that link). Null when there is nothing to reopen.
 */
export function viewToReopen(store: Store | null, currentHash: string): string | null {
  if (asRoute(currentHash) !== "#/" || !store) return null;
  let kept: string | null = null;
  try {
    kept = store.getItem(KEY);
  } catch {
    return null;
  }
  const route = kept === null ? null : asRoute(kept);
  return route !== null && route !== "#/" ? route : null;
}
