/**
 * UI strings in English and Chinese. Data (entity names, titles) is never translated here; it is
 * shown in the language the user picked, falling back to the other one.
 */
import { en, type MessageKey } from "./en";
import { zh } from "./zh";

export type Lang = "en" | "zh";
export type { MessageKey };

const tables: Record<Lang, Record<MessageKey, string>> = { en, zh };

/** Looks up a UI string and fills `{name}` placeholders from `params`. */
export function translate(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = tables[lang][key] ?? en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

export function isLang(value: unknown): value is Lang {
  return value === "en" || value === "zh";
}

export const allKeys = Object.keys(en) as MessageKey[];
export { en, zh };
