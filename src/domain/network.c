/*
 * network.c — the collaboration network's arithmetic (see network.h).
 *
 * Betweenness is Brandes's accumulation ("A faster algorithm for betweenness centrality",
 * J. Math. Sociol. 25, 2001): from each source, the shortest paths by a breadth-first
 * search (unweighted) or Dijkstra's algorithm with a binary heap (weighted), the number of
 * shortest paths to each node (sigma), then each node's dependency (delta) summed back in
 * the reverse order the search settled them. A node's predecessors are not stored: they
 * are the neighbours whose distance plus the tie's length is the node's distance, the same
 * floating-point sum the search compared, so the sets are the search's exactly.
 */
#include "domain/network.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* one half of a tie while the rows are built */
struct half {
    int to;
    double w;
};

/* By neighbour, then weight: a tie repeated between two nodes is summed in the same order
 * in both their rows, so the two rows hold the very same double (the weighted search
 * compares sums made from either row). */
static int
cmp_half(const void *x, const void *y)
{
    const struct half *p = x, *q = y;

    if (p->to != q->to)
        return (p->to > q->to) - (p->to < q->to);
    return (p->w > q->w) - (p->w < q->w);
}

enum err
net_build(struct arena *a, int n, const struct net_edge *e, long m_in, struct net *out)
{
    struct half *h;
    int *fill;
    long i, k, total;
    int v;

    memset(out, 0, sizeof(*out));
    if (n < 0 || m_in < 0)
        return ERR_INVALID;
    if (n > NET_MAX_NODES || m_in > NET_MAX_EDGES)
        return ERR_LIMIT;
    for (i = 0; i < m_in; i++)
        if (e[i].a < 0 || e[i].a >= n || e[i].b < 0 || e[i].b >= n || !isfinite(e[i].w) ||
            e[i].w <= 0)
            return ERR_INVALID;
    out->n = n;
    out->off = arena_alloc(a, ((size_t)n + 1) * sizeof(*out->off));
    fill = arena_alloc(a, ((size_t)n + 1) * sizeof(*fill));
    /* each tie in both rows: count, place, then sort each row and merge its repeats */
    for (i = 0; i < m_in; i++)
        if (e[i].a != e[i].b) {
            out->off[e[i].a + 1]++;
            out->off[e[i].b + 1]++;
        }
    for (v = 0; v < n; v++)
        out->off[v + 1] += out->off[v];
    total = out->off[n];
    h = arena_alloc(a, (size_t)(total > 0 ? total : 1) * sizeof(*h));
    memcpy(fill, out->off, ((size_t)n + 1) * sizeof(*fill));
    for (i = 0; i < m_in; i++)
        if (e[i].a != e[i].b) {
            h[fill[e[i].a]++] = (struct half){e[i].b, e[i].w};
            h[fill[e[i].b]++] = (struct half){e[i].a, e[i].w};
        }
    out->adj = arena_alloc(a, (size_t)(total > 0 ? total : 1) * sizeof(*out->adj));
    out->w = arena_alloc(a, (size_t)(total > 0 ? total : 1) * sizeof(*out->w));
    k = 0;
    for (v = 0; v < n; v++) {
        long from = out->off[v], to = out->off[v + 1];

        qsort(h + from, (size_t)(to - from), sizeof(*h), cmp_half);
        out->off[v] = (int)k;
        for (i = from; i < to; i++) {
            if (k > out->off[v] && out->adj[k - 1] == h[i].to) {
                out->w[k - 1] += h[i].w;
                continue;
            }
            out->adj[k] = h[i].to;
            out->w[k] = h[i].w;
            k++;
        }
    }
    out->off[n] = (int)k;
    out->m = (int)(k / 2);
    return ERR_OK;
}

void
net_degree(const struct net *g, int *deg, double *strength)
{
    int v, i;
    double s;

    for (v = 0; v < g->n; v++) {
        if (deg != NULL)
            deg[v] = g->off[v + 1] - g->off[v];
        if (strength != NULL) {
            s = 0;
            for (i = g->off[v]; i < g->off[v + 1]; i++)
                s += g->w[i];
            strength[v] = s;
        }
    }
}

int
net_components(const struct net *g, int *comp)
{
    int *queue, v, s, head, tail, i, u, c = 0;

    if (g->n == 0)
        return 0;
    queue = malloc((size_t)g->n * sizeof(*queue));
    if (queue == NULL)
        abort();
    for (v = 0; v < g->n; v++)
        comp[v] = -1;
    for (s = 0; s < g->n; s++) {
        if (comp[s] >= 0)
            continue;
        comp[s] = c;
        head = tail = 0;
        queue[tail++] = s;
        while (head < tail) {
            v = queue[head++];
            for (i = g->off[v]; i < g->off[v + 1]; i++) {
                u = g->adj[i];
                if (comp[u] < 0) {
                    comp[u] = c;
                    queue[tail++] = u;
                }
            }
        }
        c++;
    }
    free(queue);
    return c;
}

/* ------------------------------------------------------------ betweenness */

/* The working arrays of one search, reused for every source. */
struct brandes {
    double *sigma, *delta, *dist;
    int *order;   /* nodes in the order the search settled them */
    int *settled; /* source number + 1 when settled by the current search */
    /* the weighted search's heap: (distance, node), lazily deleted */
    double *hd;
    int *hv;
    long hn;
};

static void
heap_push(struct brandes *b, double d, int v)
{
    long i = b->hn++, p;

    while (i > 0) {
        p = (i - 1) / 2;
        if (b->hd[p] <= d)
            break;
        b->hd[i] = b->hd[p];
        b->hv[i] = b->hv[p];
        i = p;
    }
    b->hd[i] = d;
    b->hv[i] = v;
}

static void
heap_pop(struct brandes *b, double *d, int *v)
{
    double ld;
    int lv;
    long i = 0, c;

    *d = b->hd[0];
    *v = b->hv[0];
    b->hn--;
    ld = b->hd[b->hn];
    lv = b->hv[b->hn];
    for (;;) {
        c = 2 * i + 1;
        if (c >= b->hn)
            break;
        if (c + 1 < b->hn && b->hd[c + 1] < b->hd[c])
            c++;
        if (b->hd[c] >= ld)
            break;
        b->hd[i] = b->hd[c];
        b->hv[i] = b->hv[c];
        i = c;
    }
    b->hd[i] = ld;
    b->hv[i] = lv;
}

/* From source s (search number tag): the settle order into b->order, returns its length;
 * b->dist, b->sigma filled for the nodes settled. */
static int
search(const struct net *g, bool weighted, int s, int tag, struct brandes *b)
{
    int n_order = 0, head = 0, v, u, i;
    double d, du;

    b->sigma[s] = 1;
    b->dist[s] = 0;
    if (!weighted) {
        b->settled[s] = tag;
        b->order[n_order++] = s;
        while (head < n_order) {
            v = b->order[head++];
            for (i = g->off[v]; i < g->off[v + 1]; i++) {
                u = g->adj[i];
                if (b->settled[u] != tag) {
                    b->settled[u] = tag;
                    b->dist[u] = b->dist[v] + 1;
                    b->sigma[u] = 0;
                    b->order[n_order++] = u;
                }
                if (b->dist[u] == b->dist[v] + 1)
                    b->sigma[u] += b->sigma[v];
            }
        }
        return n_order;
    }
    /* Dijkstra: dist of a node not yet settled is the best found so far (INFINITY: none,
     * marked by settled[] == -tag for "reached") */
    b->hn = 0;
    heap_push(b, 0, s);
    b->settled[s] = -tag;
    while (b->hn > 0) {
        heap_pop(b, &d, &v);
        if (b->settled[v] == tag || d > b->dist[v])
            continue;
        b->settled[v] = tag;
        b->order[n_order++] = v;
        for (i = g->off[v]; i < g->off[v + 1]; i++) {
            u = g->adj[i];
            if (b->settled[u] == tag)
                continue;
            du = b->dist[v] + 1.0 / g->w[i];
            if (b->settled[u] != -tag || du < b->dist[u]) {
                b->settled[u] = -tag;
                b->dist[u] = du;
                b->sigma[u] = b->sigma[v];
                heap_push(b, du, u);
            } else if (du == b->dist[u]) {
                b->sigma[u] += b->sigma[v];
            }
        }
    }
    return n_order;
}

void
net_betweenness(const struct net *g, bool weighted, const int *sources, int k, struct arena *a,
                double *out)
{
    struct brandes b;
    int n = g->n, src, j, w, v, i, n_order, tag;
    double coeff, scale;

    memset(out, 0, (size_t)(n > 0 ? n : 1) * sizeof(*out));
    if (n == 0)
        return;
    if (sources == NULL)
        k = n;
    b.sigma = arena_alloc(a, (size_t)n * sizeof(*b.sigma));
    b.delta = arena_alloc(a, (size_t)n * sizeof(*b.delta));
    b.dist = arena_alloc(a, (size_t)n * sizeof(*b.dist));
    b.order = arena_alloc(a, (size_t)n * sizeof(*b.order));
    b.settled = arena_alloc(a, (size_t)n * sizeof(*b.settled));
    b.hd = NULL;
    b.hv = NULL;
    if (weighted) {
        /* at most one entry a relaxation that improved a distance, and the source */
        b.hd = arena_alloc(a, ((size_t)g->off[n] + 1) * sizeof(*b.hd));
        b.hv = arena_alloc(a, ((size_t)g->off[n] + 1) * sizeof(*b.hv));
    }
    for (j = 0; j < k; j++) {
        src = sources != NULL ? sources[j] : j;
        if (src < 0 || src >= n)
            continue;
        tag = j + 1;
        n_order = search(g, weighted, src, tag, &b);
        for (i = 0; i < n_order; i++)
            b.delta[b.order[i]] = 0;
        /* dependencies back from the farthest: v precedes w when it is settled and its
         * distance plus the tie is w's (the search's own sum) */
        while (n_order > 0) {
            w = b.order[--n_order];
            coeff = (1 + b.delta[w]) / b.sigma[w];
            for (i = g->off[w]; i < g->off[w + 1]; i++) {
                v = g->adj[i];
                if (b.settled[v] != tag)
                    continue;
                if (weighted ? b.dist[v] + 1.0 / g->w[i] == b.dist[w] : b.dist[v] + 1 == b.dist[w])
                    b.delta[v] += b.sigma[v] * coeff;
            }
            if (w != src)
                out[w] += b.delta[w];
        }
    }
    /* networkx's _rescale for an undirected graph, normalised: each pair was counted from
     * both its ends, and there are (n - 1)(n - 2) / 2 pairs of others */
    if (n <= 2)
        return;
    scale = 1.0 / ((double)(n - 1) * (double)(n - 2));
    if (sources != NULL)
        scale = scale * n / k;
    for (v = 0; v < n; v++)
        out[v] *= scale;
}

/* ------------------------------------------------------------ sectors */

long
net_cross_sector(const struct net *g, const int *sector, int n_sectors, struct arena *a, int *reach)
{
    int *seen = arena_alloc(a, (size_t)(n_sectors > 0 ? n_sectors : 1) * sizeof(*seen));
    long cross = 0;
    int v, i, u, s, t;

    for (s = 0; s < n_sectors; s++)
        seen[s] = -1;
    for (v = 0; v < g->n; v++) {
        s = sector[v];
        reach[v] = 0;
        for (i = g->off[v]; i < g->off[v + 1]; i++) {
            u = g->adj[i];
            t = sector[u];
            if (t < 0 || t >= n_sectors || s < 0 || s >= n_sectors)
                continue;
            if (t != s) {
                if (u > v)
                    cross++;
                if (seen[t] != v) {
                    seen[t] = v;
                    reach[v]++;
                }
            }
        }
    }
    return cross;
}

bool
net_diversity(const long *counts, int k, double *h, double *j)
{
    double total = 0, p;
    int i, present = 0;

    *h = 0;
    *j = 0;
    for (i = 0; i < k; i++)
        if (counts[i] > 0) {
            total += (double)counts[i];
            present++;
        }
    if (present < 2)
        return false;
    for (i = 0; i < k; i++)
        if (counts[i] > 0) {
            p = (double)counts[i] / total;
            *h -= p * log(p);
        }
    *j = *h / log((double)present);
    return true;
}
