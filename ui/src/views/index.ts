/** The view registry: one entry per route name. Add a view by adding a route and a line here. */
import type { Route } from "../state/router";
import type { View } from "./context";
import { briefView } from "./brief";
import { briefPathView } from "./briefPath";
import { briefSegmentView } from "./briefSegment";
import { briefWhatIfView } from "./briefWhatIf";
import { chainView } from "./chain";
import { changesView } from "./changes";
import { compareView } from "./compare";
import { connectedView } from "./connected";
import { entityView } from "./entity";
import { graphView } from "./graph";
import { mapView } from "./map";
import { notFoundView } from "./notFound";
import { policiesView } from "./policies";
import { searchView } from "./search";
import { startView } from "./start";
import { statisticsView } from "./statistics";
import { systemsView } from "./systems";
import { whatIfView } from "./whatIf";
import { workspaceView } from "./workspace";

type ViewFor<N extends Route["name"]> = View<Extract<Route, { name: N }>>;

export const views: { [N in Route["name"]]: ViewFor<N> } = {
  start: startView,
  entity: entityView,
  graph: graphView,
  systems: systemsView,
  chain: chainView,
  whatIf: whatIfView,
  brief: briefView,
  briefPath: briefPathView,
  briefSegment: briefSegmentView,
  briefWhatIf: briefWhatIfView,
  workspace: workspaceView,
  changes: changesView,
  map: mapView,
  compare: compareView,
  policies: policiesView,
  statistics: statisticsView,
  connected: connectedView,
  search: searchView,
  notFound: notFoundView,
};

export function viewFor(route: Route): View {
  return views[route.name] as View;
}
