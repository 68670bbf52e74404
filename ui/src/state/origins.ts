/**
 * Where the entities and links of a list come from (the shipped edition, the user's workspace, or
 * a shipped fact the user corrected), for lists whose answers do not say so themselves: the trace
 * and the graph's neighbourhood carry no origin. The graph export does, for just the entities asked
 * for and the links between them, so lists ask it (as GraphML, the leanest of its formats) and read
 * the origins back. A missing answer (no workspace, "edition only") marks nothing.
 */
import { toApiError, type Call } from "../ipc/transport";
import type { Origin, Relation } from "../ipc/types";

export interface OriginLink {
  from: string;
  to: string;
  relation: Relation;
  origin: Origin;
}

export interface Origins {
  /** The origin of an entity; "edition" when not known. */
  entity(id: string): Origin;
  /** The origin of the link of `relation` between `a` and `b`, either way round; "edition" when not known. */
  link(a: string, b: string, relation: string): Origin;
  /** The links that are not the edition's own, in the order of the file. */
  links: readonly OriginLink[];
}

const ORIGINS: ReadonlySet<string> = new Set(["edition", "yours", "corrected"]);
const asOrigin = (value: string | undefined): Origin => (value && ORIGINS.has(value) ? (value as Origin) : "edition");

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp|#(\d+)|#x([0-9a-fA-F]+));/g, (whole, name: string, dec?: string, hex?: string) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(Number.parseInt(hex, 16));
    return ({ lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" } as Record<string, string>)[name] ?? whole;
  });
}

function dataOf(body: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of body.matchAll(/<data key="([^"]*)">([^<]*)<\/data>/g)) out.set(m[1]!, unescapeXml(m[2]!));
  return out;
}

/** Reads the origins out of the app's own GraphML export (atlas-workspace's `graphml`). */
export function parseGraphmlOrigins(xml: string): Origins {
  const entities = new Map<string, Origin>();
  for (const m of xml.matchAll(/<node id="([^"]*)">([\s\S]*?)<\/node>/g)) {
    entities.set(unescapeXml(m[1]!), asOrigin(dataOf(m[2]!).get("n_origin")));
  }
  const links: OriginLink[] = [];
  const byPair = new Map<string, Origin>();
  for (const m of xml.matchAll(/<edge id="[^"]*" source="([^"]*)" target="([^"]*)">([\s\S]*?)<\/edge>/g)) {
    const data = dataOf(m[3]!);
    const link: OriginLink = { from: unescapeXml(m[1]!), to: unescapeXml(m[2]!), relation: (data.get("e_relation") ?? "") as Relation, origin: asOrigin(data.get("e_origin")) };
    // Two links of one relation between the same pair: the user's counts.
    for (const key of [`${link.from}\u0000${link.to}\u0000${link.relation}`, `${link.to}\u0000${link.from}\u0000${link.relation}`]) {
      if (link.origin !== "edition" || !byPair.has(key)) byPair.set(key, link.origin);
    }
    if (link.origin !== "edition") links.push(link);
  }
  return {
    entity: (id) => entities.get(id) ?? "edition",
    link: (a, b, relation) => byPair.get(`${a}\u0000${b}\u0000${relation}`) ?? "edition",
    links,
  };
}

export const NO_ORIGINS: Origins = { entity: () => "edition", link: () => "edition", links: [] };

function decodeBase64Utf8(base64: string): string {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new TextDecoder("utf-8").decode(bytes);
}

/** Set once the export has been refused (a read-only server has no workspace): not asked again. */
let refused = false;

/** The origins of `ids` and the links between them; NO_ORIGINS when they cannot be had. */
export async function fetchOrigins(call: Call, ids: readonly string[]): Promise<Origins> {
  if (ids.length === 0 || refused) return NO_ORIGINS;
  try {
    const file = await call("export_graph", { format: "graphml", ids: [...new Set(ids)], edition_only: false });
    return parseGraphmlOrigins(decodeBase64Utf8(file.base64));
  } catch (e) {
    // No workspace (a read-only server refuses the export): nothing is the user's, and asking
    // again would only be refused again. Any other failure leaves the list unmarked this time.
    if (toApiError(e).code === "invalid_argument") refused = true;
    return NO_ORIGINS;
  }
}
