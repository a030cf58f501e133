/*
 * collab.c — the collaboration network from the database (see collab.h): the nodes and
 * the counted pairs come from q_collab.def in one read each, the arithmetic from network.c.
 */
#include "domain/collab.h"

#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/str.h"
#include "core/xml.h"
#include "domain/codes.h"
#include "domain/load.h"
#include "domain/network.h"

static void
actor_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct collab_actor *x = item;
    int i;

    x->id = db_i64(st, 0);
    x->slug = ld_str(st, 1, a);
    x->name = ld_str(st, 2, a);
    x->sector = ld_str(st, 3, a);
    x->sector_ix = -1;
    for (i = 0; i < code_actor_sector.n; i++)
        if (strcmp(code_actor_sector.codes[i].code, x->sector) == 0)
            x->sector_ix = i;
}

/* The index of actor id among the n nodes (by id), -1 if it is not one. */
static int
node_of(const struct collab_actor *nodes, int n, int64_t id)
{
    int lo = 0, hi = n - 1, mid;

    while (lo <= hi) {
        mid = lo + (hi - lo) / 2;
        if (nodes[mid].id == id)
            return mid;
        if (nodes[mid].id < id)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

static enum err
load_ties(struct db *db, struct arena *a, int64_t mission_id, struct collab_net *out)
{
    struct db_stmt *st = db_stmt(db, mission_id ? Q_COLLAB_TIES_MISSION : Q_COLLAB_TIES_ALL);
    struct collab_tie t;
    enum err rc;
    bool row;
    int cap = 0;

    if (st == NULL)
        return ERR_DB;
    if (mission_id)
        db_bind_i64(st, 1, mission_id);
    for (;;) {
        rc = db_step(st, &row);
        if (rc || !row)
            break;
        t.a = node_of(out->nodes, out->n, db_i64(st, 0));
        t.b = node_of(out->nodes, out->n, db_i64(st, 1));
        t.initiatives = (int)db_i64(st, 2);
        t.objectives = (int)db_i64(st, 3);
        t.dialogues = (int)db_i64(st, 4);
        t.seminars = (int)db_i64(st, 5);
        t.source = db_i64(st, 0);
        t.target = db_i64(st, 1);
        t.weight = t.initiatives + t.objectives + t.dialogues + t.seminars;
        /* an actor of a tie is one of the nodes (the same live actors of the same content;
         * a request reads in one transaction, server.c): one outside them is left out */
        if (t.a < 0 || t.b < 0 || t.weight <= 0)
            continue;
        out->ties = ld_grow(a, out->ties, out->m, &cap, sizeof(*out->ties));
        out->ties[out->m++] = t;
    }
    db_done(st);
    return rc;
}

enum err
collab_load(struct db *db, struct arena *a, int64_t mission_id, struct collab_net *out)
{
    struct db_stmt *st;
    enum err rc;

    memset(out, 0, sizeof(*out));
    st = db_stmt(db, mission_id ? Q_COLLAB_ACTORS_MISSION : Q_COLLAB_ACTORS_ALL);
    if (st == NULL)
        return ERR_DB;
    if (mission_id)
        db_bind_i64(st, 1, mission_id);
    rc = ld_rows(st, a, sizeof(*out->nodes), actor_row, &out->nodes, &out->n);
    if (rc == ERR_OK)
        rc = load_ties(db, a, mission_id, out);
    if (rc)
        return rc;
    return collab_compute(a, out);
}

enum err
collab_compute(struct arena *a, struct collab_net *out)
{
    struct net_edge *e;
    struct net g;
    int *deg, *comp, *sector, *reach, *sources = NULL, i, k = 0;
    double *strength, *bw;
    enum err rc;

    e = arena_alloc(a, (size_t)(out->m > 0 ? out->m : 1) * sizeof(*e));
    for (i = 0; i < out->m; i++)
        e[i] = (struct net_edge){out->ties[i].a, out->ties[i].b, out->ties[i].weight};
    rc = net_build(a, out->n, e, out->m, &g);
    if (rc)
        return rc;
    if (out->n == 0)
        return ERR_OK;
    deg = arena_alloc(a, (size_t)out->n * sizeof(*deg));
    comp = arena_alloc(a, (size_t)out->n * sizeof(*comp));
    sector = arena_alloc(a, (size_t)out->n * sizeof(*sector));
    reach = arena_alloc(a, (size_t)out->n * sizeof(*reach));
    strength = arena_alloc(a, (size_t)out->n * sizeof(*strength));
    bw = arena_alloc(a, (size_t)out->n * sizeof(*bw));
    net_degree(&g, deg, strength);
    out->components = net_components(&g, comp);
    for (i = 0; i < out->n; i++)
        sector[i] = out->nodes[i].sector_ix;
    out->cross = (int)net_cross_sector(&g, sector, code_actor_sector.n, a, reach);
    if (out->n > COLLAB_EXACT_MAX) {
        /* evenly spaced over the id order: the same actors for the same data */
        k = COLLAB_SOURCES;
        sources = arena_alloc(a, (size_t)k * sizeof(*sources));
        for (i = 0; i < k; i++)
            sources[i] = (int)((long)i * out->n / k);
        out->estimated = true;
    }
    out->sources = sources != NULL ? k : out->n;
    out->bridging = out->isolated = 0;
    for (i = 0; i < out->n; i++) {
        out->nodes[i].degree = deg[i];
        out->nodes[i].strength = strength[i];
        out->nodes[i].component = comp[i];
        out->nodes[i].reach = reach[i];
        out->nodes[i].bridges = reach[i] >= 1;
        out->bridging += reach[i] >= 1;
        out->isolated += deg[i] == 0;
    }
    net_betweenness(&g, false, sources, k, a, bw);
    for (i = 0; i < out->n; i++)
        out->nodes[i].betweenness = bw[i];
    net_betweenness(&g, true, sources, k, a, bw);
    for (i = 0; i < out->n; i++)
        out->nodes[i].betweenness_w = bw[i];
    return ERR_OK;
}

double
collab_cross_share(const struct collab_net *g)
{
    return g->m > 0 ? (double)g->cross / g->m : 0;
}

static void
data_text(struct buf *b, const char *key, const char *s)
{
    buf_printf(b, "<data key=\"%s\">", key);
    xml_text(b, s);
    buf_adds(b, "</data>");
}

void
collab_graphml(const struct collab_net *g, struct buf *b)
{
    char num[40];
    int i;

    buf_adds(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
                "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
                "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
                "<key id=\"name\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n"
                "<key id=\"slug\" for=\"node\" attr.name=\"slug\" attr.type=\"string\"/>\n"
                "<key id=\"sector\" for=\"node\" attr.name=\"sector\" attr.type=\"string\"/>\n"
                "<key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
                "<key id=\"initiatives\" for=\"edge\" attr.name=\"initiatives\" "
                "attr.type=\"int\"/>\n"
                "<key id=\"objectives\" for=\"edge\" attr.name=\"objectives\" "
                "attr.type=\"int\"/>\n"
                "<key id=\"dialogues\" for=\"edge\" attr.name=\"dialogues\" attr.type=\"int\"/>\n"
                "<key id=\"seminars\" for=\"edge\" attr.name=\"seminars\" attr.type=\"int\"/>\n"
                "<graph id=\"samverka\" edgedefault=\"undirected\">\n");
    for (i = 0; i < g->n; i++) {
        buf_printf(b, "<node id=\"a%lld\">", (long long)g->nodes[i].id);
        data_text(b, "name", g->nodes[i].name);
        data_text(b, "slug", g->nodes[i].slug);
        data_text(b, "sector", g->nodes[i].sector);
        buf_adds(b, "</node>\n");
    }
    for (i = 0; i < g->m; i++) {
        const struct collab_tie *t = &g->ties[i];

        str_shortest(num, sizeof(num), t->weight);
        buf_printf(b,
                   "<edge source=\"a%lld\" target=\"a%lld\"><data key=\"weight\">%s</data>"
                   "<data key=\"initiatives\">%d</data><data key=\"objectives\">%d</data>"
                   "<data key=\"dialogues\">%d</data><data key=\"seminars\">%d</data></edge>\n",
                   (long long)t->source, (long long)t->target, num, t->initiatives, t->objectives,
                   t->dialogues, t->seminars);
    }
    buf_adds(b, "</graph>\n</graphml>\n");
}
