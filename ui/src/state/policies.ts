/**
 * Pure state of the policy library: the status a row reads as (from its horizon year, the only
 * status the data records), search, and sorting.
 */
import type { Lang } from "../i18n";
import type { PolicyEntry } from "../ipc/bindings/PolicyEntry";
import { primaryName } from "./format";
import type { PolicySort } from "./router";

/** Where a policy stands against `year`: its horizon is ahead (or this year), behind, or unknown. */
export type PolicyStatus = "current" | "passed" | "unknown";

export function policyStatus(policy: PolicyEntry, year: number): PolicyStatus {
  if (policy.horizon === null) return "unknown";
  return policy.horizon >= year ? "current" : "passed";
}

/** Document numbers compare without their kind of bracket: 〔2024〕, [2024] and (2024) are one. */
export function normaliseDocNumber(text: string): string {
  return text.replace(/[〔［\[(（]/g, "(").replace(/[〕］\])）]/g, ")").replace(/\s+/g, "").toLowerCase();
}

/** Whether a policy matches a search: its names, document number, issuers' names or dates. */
export function policyMatches(policy: PolicyEntry, query: string): boolean {
  const q = normaliseDocNumber(query.trim());
  if (q === "") return true;
  const texts = [
    policy.policy.name_zh,
    policy.policy.name_en,
    policy.doc_number,
    policy.issued,
    policy.horizon === null ? null : String(policy.horizon),
    ...policy.issuers.flatMap((i) => [i.name_zh, i.name_en]),
  ];
  return texts.some((t) => t !== null && normaliseDocNumber(t).includes(q));
}

const collator = (lang: Lang) => new Intl.Collator(lang === "zh" ? "zh-Hans-u-co-pinyin" : "en", { sensitivity: "base", numeric: true });
const STATUS_ORDER: Record<PolicyStatus, number> = { current: 0, passed: 1, unknown: 2 };

/**
 * The policies matching `query`, sorted by a column. Rows without a value in the sorted column
 * come last in either order; ties keep the title order.
 */
export function filterAndSort(policies: readonly PolicyEntry[], query: string, sort: PolicySort, descending: boolean, lang: Lang, year: number): PolicyEntry[] {
  const compare = collator(lang).compare;
  const title = (p: PolicyEntry) => primaryName(p.policy, lang);
  const key = (p: PolicyEntry): string | number | null => {
    switch (sort) {
      case "title": return title(p);
      case "issuer": return p.issuers.length > 0 ? primaryName(p.issuers[0]!, lang) : null;
      case "doc": return p.doc_number;
      case "issued": return p.issued;
      case "horizon": return p.horizon;
      case "status": return STATUS_ORDER[policyStatus(p, year)];
    }
  };
  const rows = policies.filter((p) => policyMatches(p, query));
  return rows.sort((a, b) => {
    const ka = key(a), kb = key(b);
    if (ka === null || kb === null) {
      if (ka !== kb) return ka === null ? 1 : -1;
      return compare(title(a), title(b));
    }
    const order = typeof ka === "number" && typeof kb === "number" ? ka - kb : compare(String(ka), String(kb));
    return (descending ? -order : order) || compare(title(a), title(b));
  });
}
