/** Entry point: wires the real transport and storage into the shell. */
import "./fonts/noto-sans-sc.css";
import "./styles.css";
import "./print.css";
import "./workspace.css";
import "./pages.css";
import "./asof.css";
import "./changes.css";
import { startApp } from "./app";
import { mountSkipLink } from "./components/skipLink";
import { CACHEABLE_COMMANDS, COMMANDS, WRITE_COMMANDS } from "./ipc/commands";
import { call, detectTauri, type CommandName } from "./ipc/transport";
import { cachingCall } from "./state/cache";
import { rememberView, viewToReopen } from "./state/lastView";
import { PrefsStore } from "./state/prefs";
import { initialLang, LangStore } from "./state/settings";
import { editionOnlyCall } from "./state/workspace";

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const store = storage();
const langStore = new LangStore(store, initialLang(store, navigator.language));
const mount = document.getElementById("app");
// The command list says which answers stay the same until a write (cached) and which do not
// (jobs, the workspace itself, exports).
const writes = new Set<string>(WRITE_COMMANDS);
const cacheable = new Set<string>(CACHEABLE_COMMANDS);
const cached = new Set<CommandName>(COMMANDS.filter((c) => cacheable.has(c)));
const prefs = new PrefsStore(store);
// "Shipped edition only" adds edition_only before the cache sees the arguments, so the two kinds
// of answer are cached apart.
const reads = editionOnlyCall(cachingCall(call, cached, 64, writes), () => prefs.get().editionOnly);
if (mount) {
  // The desktop window reopens the last view on start. Views change the URL in several ways
  // (links, history, replaced state for a search as typed), so it is read when it changes and every
  // second, and kept when it differs from what is kept.
  if (detectTauri(window)) {
    const reopen = viewToReopen(store, location.hash);
    if (reopen) history.replaceState(null, "", reopen);
    const remember = () => void rememberView(store, location.hash);
    for (const event of ["hashchange", "popstate", "pagehide"]) window.addEventListener(event, remember);
    window.setInterval(remember, 1000);
  }
  mountSkipLink(langStore);
  startApp(mount, reads, langStore, prefs);
}
