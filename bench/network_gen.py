#!/usr/bin/python3
"""network_gen.py — the benchmark's network (bench/network.sh): N actors and M distinct
ties between random pairs, each of weight 1 to 5, from a fixed seed, as GraphML; and the K
sources of the betweenness estimate, the very ones networkx.betweenness_centrality(G, k=K,
seed=SEED) samples for a graph whose nodes are in this file's order
(random.Random(SEED).sample of the node list: the same indexes as of range(N)).

    network_gen.py N M SEED K GRAPHML SOURCES
"""
import random
import sys

n, m, seed, k = (int(x) for x in sys.argv[1:5])
graphml, sources = sys.argv[5:7]
rng = random.Random(seed)
seen = set()
with open(graphml, "w", encoding="utf-8") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'
            '<key id="weight" for="edge" attr.name="weight" attr.type="double"/>\n'
            '<graph id="bench" edgedefault="undirected">\n')
    f.writelines('<node id="n%d"/>\n' % i for i in range(n))
    out = []
    while len(seen) < m:
        a, b = rng.randrange(n), rng.randrange(n)
        if a == b:
            continue
        key = (a, b) if a < b else (b, a)
        if key in seen:
            continue
        seen.add(key)
        out.append('<edge source="n%d" target="n%d"><data key="weight">%d</data></edge>\n'
                   % (a, b, rng.randint(1, 5)))
    f.writelines(out)
    f.write("</graph>\n</graphml>\n")
with open(sources, "w", encoding="utf-8") as f:
    f.writelines("%d\n" % s for s in random.Random(seed).sample(range(n), k))
