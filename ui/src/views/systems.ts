/**
 * `#/systems` (and `#/systems/<id>`, scrolled to that system): the published industrial systems,
 * "9 + 2 + 5 + 30" first. Each group shows its declared count against the members found, its
 * status (unconfirmed shown plainly), its note and sources; members open their entity pages.
 */
import { kindBadge, statusBadge } from "../components/badges";
import { h, langOf } from "../components/dom";
import { sourceChips, sourceList } from "../components/sources";
import type { GroupView, MemberView, SystemView } from "../ipc/types";
import { primaryName, readerNote, secondaryName } from "../state/format";
import { entityHref, systemsHref } from "../state/router";
import { bilingual, groupCoverage, sourcesWithin, systemAnchor, systemTotals } from "../state/systems";
import type { View, ViewContext } from "./context";

export const systemsView: View<{ name: "systems"; id: string | null }> = (root, route, ctx) => {
  const { t } = ctx;
  ctx.setTitle(t("systems.title"));
  root.append(h("p", { class: "loading", testid: "loading" }, t("systems.loading")));
  let alive = true;
  ctx.call("systems", {}).then(
    (result) => {
      if (!alive) return;
      root.replaceChildren(renderSystems(result.systems, ctx));
      if (route.id !== null) {
        const target = document.getElementById(systemAnchor(route.id));
        target?.scrollIntoView?.({ block: "start" });
        target?.classList.add("focused");
      }
    },
    (err) => {
      if (!alive) return;
      root.replaceChildren(h("p", { class: "empty", testid: "systems-error" }, t("systems.none")));
      ctx.reportError(err);
    },
  );
  return () => {
    alive = false;
  };
};

function renderSystems(systems: readonly SystemView[], ctx: ViewContext): HTMLElement {
  const { t, lang } = ctx;
  const page = h("article", { class: "systems", testid: "systems-view" },
    h("h1", { class: "page-title" }, t("systems.title")),
    h("p", { class: "lead" }, t("systems.intro")),
    h("p", { class: "legend-note", testid: "systems-legend" }, statusBadge("unconfirmed", t), " ", t("systems.legend")),
  );
  if (systems.length === 0) {
    page.append(h("p", { class: "empty", testid: "systems-empty" }, t("systems.none")));
    return page;
  }
  page.append(
    h("nav", { class: "jump", aria: { label: t("systems.title") } },
      ...systems.map((s) => {
        const name = bilingual(s.name_zh, s.name_en, lang, s.id).primary;
        return h("a", { class: "chip jump-chip", testid: "system-jump", href: systemsHref(s.id), lang: langOf(name), data: { systemId: s.id } }, name);
      }),
    ),
    ...systems.map((s) => renderSystem(s, ctx)),
  );
  return page;
}

function renderSystem(system: SystemView, ctx: ViewContext): HTMLElement {
  const { t, lang } = ctx;
  const name = bilingual(system.name_zh, system.name_en, lang, system.id);
  const totals = systemTotals(system);
  const declaredBy = system.declared_by
    ? (() => {
        const n = primaryName(system.declared_by, lang);
        return h("a", { testid: "system-declared-by", href: entityHref(system.declared_by.id), lang: langOf(n) }, n);
      })()
    : h("span", { class: "unknown", testid: "system-declared-by-unknown" }, t("systems.declaredByUnknown"));

  const summary: Array<string> = [totals.groups === 1 ? t("systems.groupCountOne") : t("systems.groupCount", { count: totals.groups })];
  // No declared total: groups may count different things (systems, assemblies, parts).
  summary.push(t("systems.found", { count: totals.found }));
  if (totals.unconfirmed > 0) summary.push(t("systems.unconfirmedGroups", { count: totals.unconfirmed, total: totals.groups }));

  return h("section", { class: "panel system", testid: "system", id: systemAnchor(system.id), data: { systemId: system.id } },
    h("header", { class: "system-header" },
      h("h2", { class: "system-name", testid: "system-name", lang: langOf(name.primary) }, name.primary),
      name.secondary ? h("p", { class: "system-secondary", testid: "system-secondary", lang: langOf(name.secondary) }, name.secondary) : null,
      h("p", { class: "system-meta" },
        system.declared_by ? h("span", { class: "meta-label" }, t("systems.declaredBy")) : null, system.declared_by ? " " : null, declaredBy,
      ),
      h("p", { class: "system-summary", testid: "system-summary" }, summary.join(" · ")),
      readerNote(system, lang) ? h("p", { class: "system-note", testid: "system-note", lang: langOf(readerNote(system, lang)!) }, readerNote(system, lang)!) : null,
    ),
    h("h3", { class: "sub-title" }, t("systems.groups")),
    h("ol", { class: "groups" }, ...system.groups.map((g) => renderGroup(g, system, ctx))),
    system.sources.length > 0
      ? h("div", { class: "system-sources", testid: "system-sources" },
          h("h3", { class: "sub-title" }, t("systems.sources"), " ", h("span", { class: "count-pill" }, String(system.sources.length))),
          sourceList(system.sources, t, true),
        )
      : null,
  );
}

function renderGroup(group: GroupView, system: SystemView, ctx: ViewContext): HTMLElement {
  const { t, lang } = ctx;
  const name = bilingual(group.name_zh, group.name_en, lang, group.id);
  const coverage = groupCoverage(group);
  const declared = group.declared_count === null
    ? h("span", { class: "count unknown", testid: "group-declared", data: { declared: "unknown" } }, t("systems.declaredUnknown"))
    : h("span", { class: "count", testid: "group-declared", data: { declared: String(group.declared_count) } }, t("systems.declared", { count: group.declared_count.toLocaleString("en-US") }));
  const found = h("span", { class: `count found coverage-${coverage}`, testid: "group-found", data: { found: String(group.found) } }, t("systems.found", { count: group.found }));

  return h("li", { class: `group group-${group.status}`, testid: "system-group", data: { groupId: group.id, status: group.status, coverage } },
    h("div", { class: "group-head" },
      h("div", { class: "group-names" },
        h("span", { class: "group-name", testid: "group-name", lang: langOf(name.primary) }, name.primary),
        name.secondary ? h("span", { class: "group-secondary", lang: langOf(name.secondary) }, name.secondary) : null,
      ),
      h("div", { class: "group-counts", testid: "group-counts" }, declared, h("span", { class: "sep", aria: { hidden: "true" } }, "·"), found),
      statusBadge(group.status, t),
    ),
    group.status === "unconfirmed" ? h("p", { class: "status-help", testid: "group-unconfirmed-help" }, t("status.unconfirmedHelp")) : null,
    readerNote(group, lang) ? h("p", { class: "group-note", testid: "group-note", lang: langOf(readerNote(group, lang)!) }, readerNote(group, lang)!) : null,
    group.members.length > 0
      ? h("ul", { class: "members", testid: "group-members" }, ...group.members.map((m) => renderMember(m, ctx)))
      : h("p", { class: "empty members-none", testid: "group-no-members" }, t("systems.noMembers")),
    group.sources.length > 0
      ? h("div", { class: "group-sources", testid: "group-sources" },
          h("span", { class: "group-sources-title" }, t("systems.groupSources")),
          // Sources already listed in full for the system are cited as chips; others in full.
          sourcesWithin(group.sources, system.sources) ? sourceChips(group.sources, t) : sourceList(group.sources, t, true),
        )
      : null,
  );
}

function renderMember(member: MemberView, ctx: ViewContext): HTMLElement {
  const { t, lang } = ctx;
  const name = primaryName(member.entity, lang);
  const other = secondaryName(member.entity, lang);
  return h("li", { class: "member", testid: "group-member", data: { entityId: member.entity.id, status: member.status } },
    h("div", { class: "link-head" },
      h("a", { class: "link-other", testid: "member-link", href: entityHref(member.entity.id), lang: langOf(name) }, name),
      other ? h("span", { class: "link-other-secondary", lang: langOf(other) }, other) : null,
      kindBadge(member.entity.kind, t),
      statusBadge(member.status, t),
    ),
    readerNote(member, lang) ? h("div", { class: "link-note", lang: langOf(readerNote(member, lang)!) }, readerNote(member, lang)!) : null,
    member.sources.length > 0 ? sourceList(member.sources, t, true) : null,
  );
}
