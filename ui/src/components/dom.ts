/**
 * The one way views build DOM. Text is always set as text nodes (never parsed as HTML), because
 * every string from the API is untrusted. There is no innerHTML anywhere in ui/src (a test checks).
 */
export type Child = Node | string | number | null | undefined | false;

export interface Props {
  class?: string;
  testid?: string;
  title?: string;
  href?: string;
  id?: string;
  role?: string;
  type?: string;
  lang?: string;
  hidden?: boolean;
  tabIndex?: number;
  aria?: Record<string, string>;
  data?: Record<string, string>;
  on?: { [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K]) => void };
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.class) node.className = props.class;
  if (props.testid) node.dataset.testid = props.testid;
  if (props.title !== undefined) node.title = props.title;
  if (props.href !== undefined) {
    // Only in-app hash links are created as anchors; external URLs are shown as text.
    if (!props.href.startsWith("#")) throw new Error("h(): only hash hrefs are allowed");
    node.setAttribute("href", props.href);
  }
  if (props.id) node.id = props.id;
  if (props.role) node.setAttribute("role", props.role);
  if (props.type) node.setAttribute("type", props.type);
  if (props.lang) node.setAttribute("lang", props.lang);
  if (props.hidden) node.hidden = true;
  if (props.tabIndex !== undefined) node.tabIndex = props.tabIndex;
  for (const [k, v] of Object.entries(props.aria ?? {})) node.setAttribute("aria-" + k, v);
  for (const [k, v] of Object.entries(props.data ?? {})) node.dataset[k] = v;
  for (const [event, handler] of Object.entries(props.on ?? {})) {
    node.addEventListener(event, handler as EventListener);
  }
  append(node, ...children);
  return node;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child);
  }
}

export function clear(node: Node): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}

/** Language attribute for a piece of data text, so the browser picks CJK glyphs for Chinese. */
export function langOf(text: string): "zh" | "en" {
  return /[\u3400-\u9fff\uf900-\ufaff]/.test(text) ? "zh" : "en";
}

const SVG_NS = "http://www.w3.org/2000/svg";

/** An SVG element with attributes; text children become text nodes, as in h(). */
export function svg(tag: string, attributes: Record<string, string | number> = {}, ...children: Child[]): SVGElement {
  const node = document.createElementNS(SVG_NS, tag) as SVGElement;
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, String(v));
  append(node, ...children);
  return node;
}
