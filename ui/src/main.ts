/** Entry point: wires the real transport and storage into the shell. */
import "./fonts/noto-sans-sc.css";
import "./styles.css";
import "./print.css";
import { startApp } from "./app";
import { call } from "./ipc/transport";
import { cachingCall } from "./state/cache";
import { PrefsStore } from "./state/prefs";
import { initialLang, LangStore } from "./state/settings";

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
if (mount) startApp(mount, cachingCall(call, new Set(["entity", "neighbourhood", "edition", "systems", "analyses", "trace", "paths", "sourcing", "cut_points", "concentration", "local_coverage", "gaps", "what_if"])), langStore, new PrefsStore(store));
