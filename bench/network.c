/*
 * network.c — samverka's side of bench/network.sh: read the GraphML that
 * bench/network_gen.py writes (a minimal reader for exactly its lines: nodes "n0" ..
 * in order, each edge with its weight), build the graph with src/domain/network.c, and
 * compute each node's degree, weighted degree and component and its betweenness estimated
 * from the sources in SOURCES, unweighted and with each tie's length 1 / weight. Writes one
 * line per node as network_nx.py does and prints "read SECONDS compute SECONDS".
 *
 *   build/bench/network GRAPHML SOURCES OUT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "domain/network.h"

static double
now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
    struct net_edge *e = NULL;
    struct arena a;
    struct net g;
    long m = 0, cap = 0;
    int n = 0, k = 0, kcap = 0, *sources = NULL, *deg, *comp, v, x, y;
    double t0, t1, t2, w, *strength, *bc, *bcw;
    char line[512];
    FILE *f, *out;

    if (argc != 4) {
        fprintf(stderr, "usage: network GRAPHML SOURCES OUT\n");
        return 2;
    }
    t0 = now();
    f = fopen(argv[1], "r");
    if (f == NULL)
        return perror(argv[1]), 1;
    while (fgets(line, sizeof(line), f) != NULL) {
        if (sscanf(line, "<node id=\"n%d\"/>", &x) == 1) {
            if (x != n) {
                fprintf(stderr, "nodes out of order at n%d\n", x);
                return 1;
            }
            n++;
        } else if (sscanf(line, "<edge source=\"n%d\" target=\"n%d\"><data key=\"weight\">%lf", &x,
                          &y, &w) == 3) {
            if (m == cap) {
                cap = cap ? cap * 2 : 1024;
                e = realloc(e, (size_t)cap * sizeof(*e));
                if (e == NULL)
                    return perror("realloc"), 1;
            }
            e[m++] = (struct net_edge){x, y, w};
        }
    }
    fclose(f);
    f = fopen(argv[2], "r");
    if (f == NULL)
        return perror(argv[2]), 1;
    while (fscanf(f, "%d", &x) == 1) {
        if (k == kcap) {
            kcap = kcap ? kcap * 2 : 64;
            sources = realloc(sources, (size_t)kcap * sizeof(*sources));
            if (sources == NULL)
                return perror("realloc"), 1;
        }
        sources[k++] = x;
    }
    fclose(f);
    t1 = now();

    arena_init(&a);
    if (net_build(&a, n, e, m, &g) != ERR_OK) {
        fprintf(stderr, "net_build refused the graph\n");
        return 1;
    }
    free(e);
    deg = arena_alloc(&a, (size_t)n * sizeof(*deg));
    comp = arena_alloc(&a, (size_t)n * sizeof(*comp));
    strength = arena_alloc(&a, (size_t)n * sizeof(*strength));
    bc = arena_alloc(&a, (size_t)n * sizeof(*bc));
    bcw = arena_alloc(&a, (size_t)n * sizeof(*bcw));
    net_degree(&g, deg, strength);
    net_components(&g, comp);
    net_betweenness(&g, false, sources, k, &a, bc);
    net_betweenness(&g, true, sources, k, &a, bcw);
    t2 = now();

    out = fopen(argv[3], "w");
    if (out == NULL)
        return perror(argv[3]), 1;
    for (v = 0; v < n; v++)
        fprintf(out, "%d %.17g %d %.17g %.17g\n", deg[v], strength[v], comp[v], bc[v], bcw[v]);
    fclose(out);
    printf("read %.3f compute %.3f\n", t1 - t0, t2 - t1);
    free(sources);
    arena_free(&a);
    return 0;
}
