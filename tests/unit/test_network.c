/*
 * test_network.c — src/domain/network.c on graphs whose answers are worked out by hand
 * (each case says how): building (repeated ties merged, self-ties dropped, bad ties
 * refused), degrees, components, betweenness unweighted and weighted (ties of equal length,
 * a disconnected graph, the estimate from a subset of sources), the sectors ties reach,
 * and the diversity of a mix.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "domain/network.h"
#include "tap.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Whether got[0..n) equals want[0..n) to 1e-12, with a diagnostic for the first that does
 * not. */
static bool
near_all(const double *got, const double *want, int n)
{
    int i;

    for (i = 0; i < n; i++)
        if (fabs(got[i] - want[i]) > 1e-12) {
            diag("node %d: got %.15g, want %.15g", i, got[i], want[i]);
            return false;
        }
    return true;
}

static void
test_build(void)
{
    static const struct net_edge e[] = {
        {0, 1, 1}, {1, 0, 2}, {1, 2, 1}, {2, 2, 5}, {0, 1, 0.5},
    };
    struct arena a;
    struct net g;
    int deg[4];
    double str[4];

    arena_init(&a);
    ok(net_build(&a, 4, e, (long)N(e), &g) == ERR_OK, "build: five ties among four nodes");
    /* 0-1 three times (1 + 2 + 0.5 = 3.5), 1-2 once, 2-2 dropped: two ties, node 3 alone */
    ok(g.m == 2 && g.off[4] == 4,
       "build: the repeats of 0-1 are one tie and the self-tie "
       "is dropped: 2 ties (%d)",
       g.m);
    net_degree(&g, deg, str);
    ok(deg[0] == 1 && deg[1] == 2 && deg[2] == 1 && deg[3] == 0,
       "degree: 1, 2, 1 and 0 neighbours");
    ok(str[0] == 3.5 && str[1] == 4.5 && str[2] == 1 && str[3] == 0,
       "weighted degree: 3.5 (1 + 2 + 0.5), 4.5, 1, 0");
    ok(g.adj[g.off[1]] == 0 && g.adj[g.off[1] + 1] == 2, "a row's neighbours ascend");

    ok(net_build(&a, 3, (struct net_edge[]){{0, 3, 1}}, 1, &g) == ERR_INVALID,
       "build: a node outside the graph is refused");
    ok(net_build(&a, 3, (struct net_edge[]){{0, 1, 0}}, 1, &g) == ERR_INVALID &&
           net_build(&a, 3, (struct net_edge[]){{0, 1, -1}}, 1, &g) == ERR_INVALID &&
           net_build(&a, 3, (struct net_edge[]){{0, 1, NAN}}, 1, &g) == ERR_INVALID,
       "build: a weight of 0, below 0 or not a number is refused");
    ok(net_build(&a, 0, NULL, 0, &g) == ERR_OK && g.n == 0 && g.m == 0, "build: an empty graph");
    arena_free(&a);
}

static void
test_components(void)
{
    /* 0-1-2, 3-4, 5 alone, 6-7-... no: 6-2 joins the first */
    static const struct net_edge e[] = {{0, 1, 1}, {1, 2, 1}, {3, 4, 1}, {6, 2, 1}};
    struct arena a;
    struct net g;
    int comp[7], n;

    arena_init(&a);
    net_build(&a, 7, e, (long)N(e), &g);
    n = net_components(&g, comp);
    ok(n == 3, "components: {0,1,2,6}, {3,4}, {5}: 3 (%d)", n);
    ok(comp[0] == 0 && comp[1] == 0 && comp[2] == 0 && comp[6] == 0 && comp[3] == 1 &&
           comp[4] == 1 && comp[5] == 2,
       "components: numbered by their smallest node");
    arena_free(&a);
}

static void
test_betweenness(void)
{
    struct arena a;
    struct net g;
    double bc[8];

    arena_init(&a);

    /* the path 0-1-2-3: node 1 is on the shortest paths 0-2 and 0-3, node 2 on 0-3 and 1-3;
     * of (4 - 1)(4 - 2) / 2 = 3 pairs of others: 2/3 each, the ends 0 */
    net_build(&a, 4, (struct net_edge[]){{0, 1, 1}, {1, 2, 1}, {2, 3, 1}}, 3, &g);
    net_betweenness(&g, false, NULL, 0, &a, bc);
    ok(near_all(bc, (double[]){0, 2.0 / 3, 2.0 / 3, 0}, 4),
       "betweenness: path of 4: 0, 2/3, 2/3, 0");

    /* a star of four leaves: the centre is on all 6 pairs of leaves, of 6: 1 */
    net_build(&a, 5, (struct net_edge[]){{0, 1, 1}, {0, 2, 1}, {0, 3, 1}, {0, 4, 1}}, 4, &g);
    net_betweenness(&g, false, NULL, 0, &a, bc);
    ok(near_all(bc, (double[]){1, 0, 0, 0, 0}, 5), "betweenness: star: the centre 1, leaves 0");

    /* the cycle 0-1-2-3-0: 0 and 2 have two shortest paths (through 1 and through 3), so 1
     * and 3 each carry half of that pair; likewise 0 and 2 half of 1-3; of 3 pairs: 1/6 */
    net_build(&a, 4, (struct net_edge[]){{0, 1, 1}, {1, 2, 1}, {2, 3, 1}, {3, 0, 1}}, 4, &g);
    net_betweenness(&g, false, NULL, 0, &a, bc);
    ok(near_all(bc, (double[]){1.0 / 6, 1.0 / 6, 1.0 / 6, 1.0 / 6}, 4),
       "betweenness: cycle of 4: 1/6 each (two equal paths share a pair)");

    /* disconnected: two paths 0-1-2 and 3-4-5; node 1 is on 0-2, node 4 on 3-5; pairs in
     * different parts have no path; of (6 - 1)(6 - 2) / 2 = 10 pairs: 1/10 */
    net_build(&a, 6, (struct net_edge[]){{0, 1, 1}, {1, 2, 1}, {3, 4, 1}, {4, 5, 1}}, 4, &g);
    net_betweenness(&g, false, NULL, 0, &a, bc);
    ok(near_all(bc, (double[]){0, 0.1, 0, 0, 0.1, 0}, 6),
       "betweenness: two separate paths of 3: the middles 1/10");

    /* weighted, length 1 / weight: the triangle 0-1 (w 1), 1-2 (w 1), 0-2 (w 0.25, length
     * 4): 0 to 2 is shorter through 1 (2 < 4), so 1 carries the one pair of others: 1;
     * unweighted the direct tie wins and nobody is between */
    net_build(&a, 3, (struct net_edge[]){{0, 1, 1}, {1, 2, 1}, {0, 2, 0.25}}, 3, &g);
    net_betweenness(&g, true, NULL, 0, &a, bc);
    ok(near_all(bc, (double[]){0, 1, 0}, 3), "weighted betweenness: a weak direct tie is "
                                             "the longer way: node 1 carries 0-2");
    net_betweenness(&g, false, NULL, 0, &a, bc);
    ok(near_all(bc, (double[]){0, 0, 0}, 3), "unweighted, the same triangle: nobody between");

    /* weighted ties of equal length: the square 0-1-2-3-0 (w 1) and the diagonal 0-2 of
     * w 0.5 (length 2): 0 to 2 has three shortest paths of length 2 (via 1, via 3,
     * direct): 1 and 3 carry 1/3 each; 1 to 3 has two (via 0, via 2): 0 and 2 carry 1/2;
     * of 3 pairs: 1/6 for 0 and 2, 1/9 for 1 and 3 */
    net_build(&a, 4, (struct net_edge[]){{0, 1, 1}, {1, 2, 1}, {2, 3, 1}, {3, 0, 1}, {0, 2, 0.5}},
              5, &g);
    net_betweenness(&g, true, NULL, 0, &a, bc);
    ok(near_all(bc, (double[]){1.0 / 6, 1.0 / 9, 1.0 / 6, 1.0 / 9}, 4),
       "weighted betweenness: three equal paths share a pair by thirds");

    /* merged ties count as one stronger tie: 0-1 twice (w 2, length 1/2) and 1-2 twice, and
     * 0-2 once (length 1): 0 to 2 through 1 is 1/2 + 1/2 = 1, as long as the direct tie:
     * two equal paths, 1 carries half of the one pair: 1/2 */
    net_build(&a, 3, (struct net_edge[]){{0, 1, 1}, {1, 0, 1}, {1, 2, 1}, {2, 1, 1}, {0, 2, 1}}, 5,
              &g);
    net_betweenness(&g, true, NULL, 0, &a, bc);
    ok(near_all(bc, (double[]){0, 0.5, 0}, 3),
       "weighted betweenness: repeated ties merged into a stronger one (an equal path)");

    /* the estimate from sources: the path 0-1-2-3 from sources {0, 3} only: from 0, node 1
     * is on 0-2 and 0-3 (2), node 2 on 0-3 (1); from 3, node 2 on 3-1, 3-0 (2), node 1 on
     * 3-0 (1): sums 3 and 3, scaled by 1/((n-1)(n-2)) = 1/6 and n/k = 2: 1 each */
    net_build(&a, 4, (struct net_edge[]){{0, 1, 1}, {1, 2, 1}, {2, 3, 1}}, 3, &g);
    net_betweenness(&g, false, (int[]){0, 3}, 2, &a, bc);
    ok(near_all(bc, (double[]){0, 1, 1, 0}, 4),
       "betweenness from two sources: the sums scaled by n / k as networkx's estimate");

    /* two nodes or fewer: 0 */
    net_build(&a, 2, (struct net_edge[]){{0, 1, 1}}, 1, &g);
    net_betweenness(&g, false, NULL, 0, &a, bc);
    ok(bc[0] == 0 && bc[1] == 0, "betweenness of two nodes: 0");
    arena_free(&a);
}

static void
test_sectors(void)
{
    /* sectors: 0 public, 1 public, 2 private, 3 academia, 4 none; ties 0-1 (same), 0-2,
     * 0-3, 2-3 (cross), 1-4 (a node of no sector: neither) */
    static const struct net_edge e[] = {{0, 1, 1}, {0, 2, 1}, {0, 3, 1}, {2, 3, 1}, {1, 4, 1}};
    static const int sector[] = {0, 0, 1, 2, -1};
    struct arena a;
    struct net g;
    int reach[5];
    long cross;

    arena_init(&a);
    net_build(&a, 5, e, (long)N(e), &g);
    cross = net_cross_sector(&g, sector, 3, &a, reach);
    ok(cross == 3, "cross-sector ties: 0-2, 0-3, 2-3 (%ld)", cross);
    ok(reach[0] == 2 && reach[1] == 0 && reach[2] == 2 && reach[3] == 2 && reach[4] == 0,
       "each node's ties reach 2, 0, 2, 2 and 0 other sectors");
    arena_free(&a);
}

static void
test_diversity(void)
{
    double h, j;

    /* two sectors of 5 each: p = 1/2, H = ln 2, J = 1 */
    ok(net_diversity((long[]){5, 5, 0}, 3, &h, &j) && fabs(h - log(2)) < 1e-15 &&
           fabs(j - 1) < 1e-15,
       "diversity: an even mix of two: H = ln 2, J = 1");
    /* 1, 1, 2 of 4: H = -(2 * 1/4 ln 1/4 + 1/2 ln 1/2) = 1.5 ln 2; J = 1.5 ln 2 / ln 3 */
    ok(net_diversity((long[]){1, 1, 2}, 3, &h, &j) && fabs(h - 1.5 * log(2)) < 1e-15 &&
           fabs(j - 1.5 * log(2) / log(3)) < 1e-15,
       "diversity: 1, 1, 2: H = 1.5 ln 2, J = 1.5 ln 2 / ln 3");
    ok(!net_diversity((long[]){0, 7, 0}, 3, &h, &j) && h == 0 && j == 0,
       "diversity: one sector: H = 0, evenness undefined");
    ok(!net_diversity((long[]){0, 0}, 2, &h, &j) && h == 0, "diversity: nothing: H = 0");
}

int
main(void)
{
    test_build();
    test_components();
    test_betweenness();
    test_sectors();
    test_diversity();
    return done_testing();
}
