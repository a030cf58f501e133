#!/usr/bin/python3
"""network_nx.py — networkx's side of bench/network.sh: read the GraphML, then each node's
degree, weighted degree and component (numbered by its smallest node, as network.c does),
and betweenness centrality estimated from K sources, unweighted and with each tie's length
1 / weight (networkx.betweenness_centrality(G, k=K, seed=SEED): the sources
network_gen.py wrote). Writes one line per node in file order, as bench/network.c does,
and prints "read SECONDS compute SECONDS".

    network_nx.py GRAPHML K SEED OUT
"""
import sys
import time

import networkx as nx

graphml, k, seed, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
t0 = time.perf_counter()
G = nx.read_graphml(graphml)
t1 = time.perf_counter()
nodes = list(G.nodes())
index = {v: i for i, v in enumerate(nodes)}
deg = dict(G.degree())
strength = dict(G.degree(weight="weight"))
comps = sorted((min(index[v] for v in c), c) for c in nx.connected_components(G))
comp = {}
for number, (_, c) in enumerate(comps):
    for v in c:
        comp[v] = number
bc = nx.betweenness_centrality(G, k=k, seed=seed)
for _, _, d in G.edges(data=True):
    d["length"] = 1.0 / d["weight"]
bcw = nx.betweenness_centrality(G, k=k, seed=seed, weight="length")
t2 = time.perf_counter()
with open(out, "w", encoding="utf-8") as f:
    for v in nodes:
        f.write("%d %.17g %d %.17g %.17g\n" % (deg[v], strength[v], comp[v], bc[v], bcw[v]))
print("read %.3f compute %.3f" % (t1 - t0, t2 - t1))
