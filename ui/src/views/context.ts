/** What every view receives. Views know nothing of transports, storage or the router's events. */
import type { Lang, MessageKey } from "../i18n";
import type { Call } from "../ipc/transport";
import type { Route } from "../state/router";

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export interface ViewContext {
  lang: Lang;
  t: Translate;
  call: Call;
  /** Go to a hash route; `replace` keeps the history entry (for control changes). */
  navigate(hash: string, options?: { replace?: boolean }): void;
  /**
   * Writes the view's own state into the URL (same route, other parameters) without drawing the
   * view again, for state the view already shows (an opened row, say).
   */
  replaceUrl(hash: string): void;
  /** Show an error in the banner without blocking the view. */
  reportError(error: unknown): void;
  /** Set the document title (the app name is appended). */
  setTitle(title: string | null): void;
}

/** A view renders into `root` and returns a cleanup function (or nothing). */
export type View<R extends Route = Route> = (root: HTMLElement, route: R, ctx: ViewContext) => (() => void) | void;
