#!/usr/bin/python3
"""network_check.py — the collaboration network's GraphML file, read by networkx, against
the API's numbers for the same network (t_37_network.sh).

    network_check.py LABEL GRAPHML API_JSON

Reads the GraphML with networkx.read_graphml (as Gephi users' scripts would), and checks:
the same actors and ties with the same weights as the API; each actor's degree and weighted
degree; betweenness centrality (networkx.betweenness_centrality, normalised) unweighted and
with each tie's length 1 / weight, to 1e-9 (exact betweenness only: the API must say it is
not estimated); the number of components, the cross-sector ties and the bridging and
isolated actors. Prints TAP-like lines ("ok - ...", "not ok - ...") for tap_checks.
"""
import json
import sys

import networkx as nx

label, graphml, api = sys.argv[1:4]
G = nx.read_graphml(graphml)
with open(api, encoding="utf-8") as f:
    net = json.load(f)
failed = 0


def check(ok, what, detail=""):
    global failed
    print(("ok - " if ok else "not ok - ") + label + ": " + what)
    if not ok:
        failed += 1
        if detail:
            print("# " + detail)


actors = {"a%d" % a["id"]: a for a in net["actors"]}
check(set(G.nodes) == set(actors), "networkx reads the same %d actors" % len(actors),
      "graphml %d, api %d" % (len(G.nodes), len(actors)))
check(all(G.nodes[k]["name"] == a["name"] and G.nodes[k]["sector"] == a["sector"]
          and G.nodes[k]["slug"] == a["slug"] for k, a in actors.items() if k in G.nodes),
      "each actor's name, slug and sector")
ties = {frozenset(("a%d" % t["source"], "a%d" % t["target"])): t["weight"] for t in net["ties"]}
got = {frozenset((u, v)): d["weight"] for u, v, d in G.edges(data=True)}
check(got == ties, "the same %d ties with the same weights" % len(ties))

tol = 1e-9
deg = dict(G.degree())
wdeg = dict(G.degree(weight="weight"))
check(all(deg[k] == a["degree"] and abs(wdeg[k] - a["weighted_degree"]) <= tol
          for k, a in actors.items() if k in G.nodes), "degree and weighted degree")
check(not net["summary"]["betweenness_estimated"], "betweenness is exact on this network")
bc = nx.betweenness_centrality(G)
worst = max([abs(bc[k] - a["betweenness"]) for k, a in actors.items() if k in bc] or [0])
check(worst <= tol, "betweenness equals networkx's (largest difference %.3g)" % worst)
for u, v, d in G.edges(data=True):
    d["length"] = 1.0 / d["weight"]
bw = nx.betweenness_centrality(G, weight="length")
worst = max([abs(bw[k] - a["betweenness_weighted"]) for k, a in actors.items() if k in bw] or [0])
check(worst <= tol, "weighted betweenness (length 1 / weight) equals networkx's (largest "
      "difference %.3g)" % worst)
s = net["summary"]
check(nx.number_connected_components(G) == s["components"], "components: %d" % s["components"])
cross = sum(1 for u, v in G.edges if G.nodes[u]["sector"] != G.nodes[v]["sector"])
bridging = sum(1 for u in G.nodes
               if any(G.nodes[w]["sector"] != G.nodes[u]["sector"] for w in G.neighbors(u)))
isolated = sum(1 for u in G.nodes if G.degree(u) == 0)
check(cross == s["cross_sector_ties"] and bridging == s["bridging_actors"]
      and isolated == s["isolated_actors"],
      "cross-sector ties %d, bridging actors %d, isolated actors %d" % (cross, bridging, isolated),
      "api: %s" % s)
sys.exit(1 if failed else 0)
