/** A non-blocking error banner: shows an ApiError's message; the user can dismiss it. */
import { toApiError } from "../ipc/transport";
import { clear, h } from "./dom";

export class Banner {
  readonly element: HTMLElement;
  private timer: ReturnType<typeof setTimeout> | undefined;
  constructor(private readonly dismissLabel: () => string) {
    this.element = h("div", { class: "banner", testid: "error-banner", role: "alert", hidden: true });
  }
  show(error: unknown): void {
    const { message, code } = toApiError(error);
    clear(this.element);
    this.element.append(
      h("span", { class: "banner-text", testid: "error-message", data: { code } }, message),
      h("button", { class: "banner-close", type: "button", testid: "error-dismiss", on: { click: () => this.hide() } }, this.dismissLabel()),
    );
    this.element.hidden = false;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.hide(), 12000);
  }
  hide(): void {
    this.element.hidden = true;
    clearTimeout(this.timer);
  }
}
