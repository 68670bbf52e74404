import { h } from "../components/dom";
import type { View } from "./context";

export const notFoundView: View = (root, _route, ctx) => {
  root.append(
    h("section", { class: "empty-page", testid: "not-found" },
      h("p", {}, ctx.t("error.notFoundRoute")),
      h("a", { class: "button", href: "#/" }, ctx.t("nav.home")),
    ),
  );
};
