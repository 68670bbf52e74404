"""Cross-checks our graph analyses against NetworkX on seeded random graphs.

`nev-atlas crosscheck-run` prints random graphs (self-loops, parallel links, cycles, several parts)
with our answers; this script recomputes them with NetworkX and fails on any difference:
shortest-path lengths (directed and undirected, every pair), articulation points and bridges
(undirected simple view), PageRank (within 1e-6) and exact betweenness (within 1e-9).

usage: crosscheck.py OURS.json      (`cargo xtask test` runs it; so can you)
"""

import json
import sys

import networkx as nx


def check(graph_index, ours):
    problems = []
    n = ours["nodes"]
    directed = nx.DiGraph()
    directed.add_nodes_from(range(n))
    directed.add_edges_from(tuple(e) for e in ours["edges"])
    undirected = directed.to_undirected()
    undirected.remove_edges_from(list(nx.selfloop_edges(undirected)))

    for name, graph in (("directed_lengths", directed), ("undirected_lengths", undirected)):
        theirs = dict(nx.all_pairs_shortest_path_length(graph))
        for a in range(n):
            for b in range(n):
                expected = theirs[a].get(b)
                if ours[name][a][b] != expected:
                    problems.append(f"{name} {a}->{b}: ours {ours[name][a][b]}, NetworkX {expected}")

    if sorted(ours["articulation_points"]) != sorted(nx.articulation_points(undirected)):
        problems.append(f"articulation points: ours {sorted(ours['articulation_points'])}, NetworkX {sorted(nx.articulation_points(undirected))}")
    ours_bridges = sorted(tuple(sorted(b)) for b in ours["bridges"])
    their_bridges = sorted(tuple(sorted(b)) for b in nx.bridges(undirected))
    if ours_bridges != their_bridges:
        problems.append(f"bridges: ours {ours_bridges}, NetworkX {their_bridges}")

    ranks = nx.pagerank(directed, alpha=0.85, tol=1e-12, max_iter=10000)
    for v in range(n):
        if abs(ours["pagerank"][v] - ranks[v]) > 1e-6:
            problems.append(f"pagerank {v}: ours {ours['pagerank'][v]}, NetworkX {ranks[v]}")

    between = nx.betweenness_centrality(directed)
    for v in range(n):
        if abs(ours["betweenness"][v] - between[v]) > 1e-9:
            problems.append(f"betweenness {v}: ours {ours['betweenness'][v]}, NetworkX {between[v]}")
    return [f"graph {graph_index} ({n} entities, {len(ours['edges'])} links): {p}" for p in problems]


def main():
    ours = json.load(open(sys.argv[1]))
    problems = []
    for i, graph in enumerate(ours["graphs"]):
        problems.extend(check(i, graph))
    for p in problems[:50]:
        print(p)
    print(f"crosscheck: {len(ours['graphs'])} graphs, seed {ours['seed']}, NetworkX {nx.__version__}: {len(problems)} difference(s)")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
