"""The peers' side of `cargo xtask bench`: the same analyses in NetworkX and igraph, on the edge
list that `nev-atlas bench-run --edges` wrote, for the entities it chose. Prints JSON.

usage: peers.py EDGES OURS.json REPEAT
"""

import json
import statistics
import sys
import time

import igraph
import networkx as nx


def timed(repeat, case):
    """Median milliseconds of `repeat` runs of `case`, and its last result."""
    times, result = [], None
    for _ in range(max(1, repeat)):
        started = time.perf_counter()
        result = case()
        times.append((time.perf_counter() - started) * 1000.0)
    return statistics.median(times), result


def main():
    edges_path, ours_path, repeat = sys.argv[1], sys.argv[2], int(sys.argv[3])
    ours = json.load(open(ours_path))
    with open(edges_path) as f:
        n = int(f.readline())
        # Parallel links between two entities count once, as in our analyses.
        edges = sorted({tuple(map(int, line.split())) for line in f if line.strip()})
    graph = nx.DiGraph()
    graph.add_nodes_from(range(n))
    graph.add_edges_from(edges)
    g = igraph.Graph(n=n, edges=edges, directed=True)
    origin, pairs, samples, pivots = ours["origin"], ours["pairs"], ours["samples"], ours["pivots"]
    nx_ms, ig_ms, check = {}, {}, {"networkx": {}, "igraph": {}}

    nx_ms["trace_upstream"], up = timed(repeat, lambda: nx.ancestors(graph, origin))
    ig_ms["trace_upstream"], up_ig = timed(repeat, lambda: g.subcomponent(origin, mode="in"))
    check["networkx"]["trace_upstream"] = len(up)
    check["igraph"]["trace_upstream"] = len(up_ig) - 1

    def nx_paths():
        return [len(nx.shortest_path(graph, a, b)) - 1 for a, b in pairs]

    def ig_paths():
        return [len(g.get_shortest_path(a, b, mode="out")) - 1 for a, b in pairs]

    total, lengths = timed(repeat, nx_paths)
    nx_ms["shortest_path"] = total / max(1, len(pairs))
    check["networkx"]["shortest_path_lengths"] = lengths
    total, lengths = timed(repeat, ig_paths)
    ig_ms["shortest_path"] = total / max(1, len(pairs))
    check["igraph"]["shortest_path_lengths"] = lengths

    def nx_cut():
        undirected = graph.to_undirected(as_view=False)
        return len(list(nx.articulation_points(undirected))), len(list(nx.bridges(undirected)))

    def ig_cut():
        undirected = g.as_undirected(mode="collapse")
        return len(undirected.articulation_points()), len(undirected.bridges())

    nx_ms["cut_points"], (aps, bridges) = timed(repeat, nx_cut)
    check["networkx"]["articulation_points"], check["networkx"]["bridges"] = aps, bridges
    ig_ms["cut_points"], (aps, bridges) = timed(repeat, ig_cut)
    check["igraph"]["articulation_points"], check["igraph"]["bridges"] = aps, bridges

    nx_ms["pagerank"], _ = timed(repeat, lambda: nx.pagerank(graph, alpha=0.85, tol=1e-6))
    ig_ms["pagerank"], _ = timed(repeat, lambda: g.pagerank(damping=0.85))

    # NetworkX samples its own k sources; igraph has no sampling, so it is given k random sources.
    nx_ms["betweenness_sampled"], _ = timed(1, lambda: nx.betweenness_centrality(graph, k=samples, seed=1))
    ig_ms["betweenness_sampled"], _ = timed(repeat, lambda: g.betweenness(sources=pivots, directed=True))

    print(json.dumps({
        "networkx_ms": nx_ms,
        "igraph_ms": ig_ms,
        "check": check,
        "versions": {"networkx": nx.__version__, "igraph": igraph.__version__, "python": sys.version.split()[0]},
    }, indent=2))


if __name__ == "__main__":
    main()
