/*
 * network.h — the collaboration network's arithmetic (issue 13; docs/internals/domain.md):
 * an undirected weighted graph of actors built once, its degrees and weighted degrees, its
 * connected components, the sectors each actor's ties reach, and betweenness centrality by
 * Brandes's algorithm (2001), unweighted and weighted; and the diversity of a mix (Shannon
 * entropy and Pielou's evenness) that the portfolio shows of its sectors.
 *
 * Pure functions: no I/O; every array lives in the caller's arena. The results are meant to
 * be networkx's for the same graph (checked against networkx 3.6 on random graphs; the
 * benchmark against Debian 12's python3-networkx 2.8 is to check them again): betweenness
 * normalised as networkx.betweenness_centrality(G, normalized=True) does for an undirected
 * graph, and
 * the weighted variant with each edge's length 1 / weight (a tie of three shared
 * initiatives is a shorter way between two actors than a tie of one), which is
 * networkx's weight= with that length as the edge's attribute.
 */
#ifndef DOMAIN_NETWORK_H
#define DOMAIN_NETWORK_H

#include <stdbool.h>

#include "core/arena.h"
#include "core/err.h"

/* One tie between nodes a and b (0 .. n-1) of weight w (how many things they share). */
struct net_edge {
    int a, b;
    double w;
};

/* The graph, adjacency in compressed rows: node v's neighbours are adj[off[v] ..
 * off[v + 1]), each once, ascending, with the summed weight of their ties in w[]. */
struct net {
    int n;    /* nodes */
    int m;    /* distinct undirected ties (parallel ones merged, self-ties dropped) */
    int *off; /* n + 1 */
    int *adj; /* 2 m */
    double *w;
};

/* The most nodes and ties net_build takes (the platform's network, and the benchmark's
 * generated one of 100,000 actors and 1,000,000 ties). */
#define NET_MAX_NODES 10000000
#define NET_MAX_EDGES 100000000

/* Build the graph of n nodes from m_in ties: ties between the same two nodes are merged
 * (their weights summed), ties of a node with itself dropped. ERR_INVALID for an endpoint
 * outside 0 .. n-1 or a weight that is not a positive finite number, ERR_LIMIT past
 * NET_MAX_NODES or NET_MAX_EDGES. */
enum err net_build(struct arena *a, int n, const struct net_edge *e, long m_in, struct net *out);

/* deg[v]: how many neighbours v has; strength[v]: the sum of its ties' weights (either
 * may be NULL). */
void net_degree(const struct net *g, int *deg, double *strength);

/* comp[v]: v's connected component, numbered 0, 1, ... in the order of each component's
 * smallest node; returns how many components there are (an isolated node is one). */
int net_components(const struct net *g, int *comp);

/*
 * Betweenness centrality of every node into out[n], normalised as networkx's: the share
 * of shortest paths between other pairs that pass through it, over (n - 1)(n - 2) / 2
 * pairs (0 for every node when n <= 2). weighted: a tie's length is 1 / w; else every tie
 * has length 1. sources: the k nodes to count paths from (networkx's estimate with k
 * samples: the sums scaled by n / k); NULL for all n, the exact value. Takes O(n + m)
 * memory and O(k m) time unweighted, O(k (m + n) log n) weighted.
 */
void net_betweenness(const struct net *g, bool weighted, const int *sources, int k, struct arena *a,
                     double *out);

/*
 * The sectors each node's ties reach: sector[v] is v's (0 .. n_sectors - 1, or -1 for
 * none); reach[v] becomes how many sectors other than v's own its neighbours are in (a
 * node with reach >= 1 bridges its sector to another). Returns the number of ties whose
 * two nodes are in different sectors (ties with a node of no sector are not counted as
 * either).
 */
long net_cross_sector(const struct net *g, const int *sector, int n_sectors, struct arena *a,
                      int *reach);

/*
 * The diversity of a mix of k categories with counts[i] >= 0: *h the Shannon entropy
 * -sum p ln p over the categories present (natural logarithm; 0 for one category or
 * none), *j Pielou's evenness h / ln(S), S the categories present. Returns whether j is
 * defined (S >= 2).
 */
bool net_diversity(const long *counts, int k, double *h, double *j);

#endif
