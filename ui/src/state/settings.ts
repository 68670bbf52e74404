/** The user's language choice, remembered in localStorage. A tiny observable store. */
import { isLang, type Lang } from "../i18n";

export const LANG_STORAGE_KEY = "nev-atlas.lang";

export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** First visit: follow the browser's language (zh* -> Chinese), else English. */
export function initialLang(storage: StorageLike | null, navigatorLanguage: string | undefined): Lang {
  let stored: string | null = null;
  try {
    stored = storage?.getItem(LANG_STORAGE_KEY) ?? null;
  } catch {
    stored = null;
  }
  if (isLang(stored)) return stored;
  return navigatorLanguage?.toLowerCase().startsWith("zh") ? "zh" : "en";
}

export class LangStore {
  private value: Lang;
  private readonly listeners = new Set<(lang: Lang) => void>();
  constructor(
    private readonly storage: StorageLike | null,
    initial: Lang,
  ) {
    this.value = initial;
  }
  get(): Lang {
    return this.value;
  }
  set(lang: Lang): void {
    if (lang === this.value) return;
    this.value = lang;
    try {
      this.storage?.setItem(LANG_STORAGE_KEY, lang);
    } catch {
      /* private mode: the choice lasts for this session only */
    }
    for (const listener of this.listeners) listener(lang);
  }
  toggle(): void {
    this.set(this.value === "en" ? "zh" : "en");
  }
  subscribe(listener: (lang: Lang) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
