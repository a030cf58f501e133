/*
 * page_network.c — the collaboration network's pages (/missions/{slug}/network and
 * /network) and GraphML files (domain/collab.h). The map is SVG drawn here, laid out in a
 * circle grouped by sector, each group by component and id: the same data draw the same
 * bytes. Each sector has its colour and its shape (a legend names both), ties are lines as
 * wide as their weight allows. The map is one viewBox at 100 % width; a table beside it
 * gives the same facts for screen readers and anyone who reads tables better. Past
 * NET_DRAW_MAX actors the map and the table show the actors with the most ties, and say
 * so; the GraphML file and the API have every one.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "domain/codes.h"
#include "domain/collab.h"
#include "domain/mission.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/route.h"
#include "web/svg.h"
#include "web/url.h"

#define NET_DRAW_MAX 150
/* the map's user units: a square, the circle of actors inside it */
#define MAP_SIZE   640.0
#define MAP_RADIUS 280.0

/* the sector's class on the map and in the legend (code_actor_sector's order), and the
 * shape that tells it apart without colour */
enum shape { SH_CIRCLE, SH_SQUARE, SH_TRIANGLE, SH_DIAMOND, SH_TRIANGLE_DOWN };

static enum shape
sector_shape(int ix)
{
    static const enum shape shapes[] = {SH_CIRCLE, SH_SQUARE, SH_TRIANGLE, SH_DIAMOND,
                                        SH_TRIANGLE_DOWN};

    return ix >= 0 && ix < (int)(sizeof(shapes) / sizeof(shapes[0])) ? shapes[ix]
                                                                     : SH_TRIANGLE_DOWN;
}

static const char *
sector_class(struct req *rq, int ix)
{
    return arena_printf(rq->arena, "s-%s",
                        ix >= 0 && ix < code_actor_sector.n ? code_actor_sector.codes[ix].code
                                                            : "none");
}

static const char *
sector_label(int ix)
{
    return ix >= 0 && ix < code_actor_sector.n ? i18n_lit(code_actor_sector.codes[ix].label)
                                               : _("No sector");
}

static const char *
num(struct req *rq, double v)
{
    struct buf b;
    char *s;

    buf_init(&b, 0);
    svg_num1(&b, v);
    s = arena_strndup(rq->arena, b.data, b.len);
    buf_free(&b);
    return s;
}

/* One shape of radius r at (x, y) with its class (the sector's colour). */
static void
shape(struct req *rq, struct html *h, enum shape s, double x, double y, double r, const char *cls)
{
    const char *pts;
    double t = r * 1.15; /* the polygons' reach, so their area is near the circle's */

    switch (s) {
    case SH_CIRCLE:
        html_empty(h, "circle", "class", cls, "cx", num(rq, x), "cy", num(rq, y), "r", num(rq, r),
                   NULL);
        return;
    case SH_SQUARE:
        html_empty(h, "rect", "class", cls, "x", num(rq, x - r * 0.9), "y", num(rq, y - r * 0.9),
                   "width", num(rq, r * 1.8), "height", num(rq, r * 1.8), NULL);
        return;
    case SH_TRIANGLE:
        pts =
            arena_printf(rq->arena, "%s,%s %s,%s %s,%s", num(rq, x), num(rq, y - t), num(rq, x + t),
                         num(rq, y + t * 0.8), num(rq, x - t), num(rq, y + t * 0.8));
        break;
    case SH_DIAMOND:
        pts = arena_printf(rq->arena, "%s,%s %s,%s %s,%s %s,%s", num(rq, x), num(rq, y - t),
                           num(rq, x + t), num(rq, y), num(rq, x), num(rq, y + t), num(rq, x - t),
                           num(rq, y));
        break;
    default:
        pts = arena_printf(rq->arena, "%s,%s %s,%s %s,%s", num(rq, x - t), num(rq, y - t * 0.8),
                           num(rq, x + t), num(rq, y - t * 0.8), num(rq, x), num(rq, y + t));
        break;
    }
    html_empty(h, "polygon", "class", cls, "points", pts, NULL);
}

/* the drawn actors first: by degree, weighted degree, then id (a total order) */
static const struct collab_actor *sort_nodes;

static int
by_ties(const void *x, const void *y)
{
    const struct collab_actor *p = &sort_nodes[*(const int *)x], *q = &sort_nodes[*(const int *)y];

    if (p->degree != q->degree)
        return q->degree - p->degree;
    if (p->strength != q->strength)
        return p->strength < q->strength ? 1 : -1;
    return (p->id > q->id) - (p->id < q->id);
}

/* around the circle: by sector (none last), component, id */
static int
by_place(const void *x, const void *y)
{
    const struct collab_actor *p = &sort_nodes[*(const int *)x], *q = &sort_nodes[*(const int *)y];
    int ps = p->sector_ix < 0 ? 1000 : p->sector_ix, qs = q->sector_ix < 0 ? 1000 : q->sector_ix;

    if (ps != qs)
        return ps - qs;
    if (p->component != q->component)
        return p->component - q->component;
    return (p->id > q->id) - (p->id < q->id);
}

/* What the page shows of the network: the drawn actors (indexes into g->nodes, by ties)
 * and whether each is drawn. */
struct view {
    struct req *rq;
    struct html *h;
    const struct collab_net *g;
    int *shown; /* by ties */
    int n_shown;
    bool *drawn;
};

static void
view_init(struct view *v, struct req *rq, struct html *h, const struct collab_net *g)
{
    int i;

    v->rq = rq;
    v->h = h;
    v->g = g;
    v->shown = arena_alloc(rq->arena, (size_t)(g->n > 0 ? g->n : 1) * sizeof(*v->shown));
    v->drawn = arena_alloc(rq->arena, (size_t)(g->n > 0 ? g->n : 1));
    for (i = 0; i < g->n; i++)
        v->shown[i] = i;
    sort_nodes = g->nodes;
    qsort(v->shown, (size_t)g->n, sizeof(*v->shown), by_ties);
    v->n_shown = g->n < NET_DRAW_MAX ? g->n : NET_DRAW_MAX;
    for (i = 0; i < v->n_shown; i++)
        v->drawn[v->shown[i]] = true;
}

static void
map(struct view *v)
{
    struct req *rq = v->rq;
    struct html *h = v->h;
    const struct collab_net *g = v->g;
    int *order, i, slots, slot, maxdeg = 1, prev = -2;
    double *x, *y, r_base, c = MAP_SIZE / 2, ang, width;
    const char *desc;

    order = arena_alloc(rq->arena, (size_t)v->n_shown * sizeof(*order));
    memcpy(order, v->shown, (size_t)v->n_shown * sizeof(*order));
    sort_nodes = g->nodes;
    qsort(order, (size_t)v->n_shown, sizeof(*order), by_place);
    x = arena_alloc(rq->arena, (size_t)g->n * sizeof(*x));
    y = arena_alloc(rq->arena, (size_t)g->n * sizeof(*y));
    /* a slot per actor and an empty one after each sector, so the groups stand apart */
    slots = v->n_shown;
    for (i = 0; i < v->n_shown; i++) {
        if (g->nodes[order[i]].sector_ix != prev)
            slots++;
        prev = g->nodes[order[i]].sector_ix;
        if (g->nodes[order[i]].degree > maxdeg)
            maxdeg = g->nodes[order[i]].degree;
    }
    prev = -2;
    slot = 0;
    for (i = 0; i < v->n_shown; i++) {
        if (i > 0 && g->nodes[order[i]].sector_ix != prev)
            slot++;
        prev = g->nodes[order[i]].sector_ix;
        ang = -M_PI / 2 + 2 * M_PI * slot / slots;
        x[order[i]] = v->n_shown == 1 ? c : c + MAP_RADIUS * cos(ang);
        y[order[i]] = v->n_shown == 1 ? c : c + MAP_RADIUS * sin(ang);
        slot++;
    }
    r_base = M_PI * MAP_RADIUS / (slots > 0 ? slots : 1) * 0.8;
    r_base = r_base > 12 ? 12 : r_base < 3 ? 3 : r_base;

    desc = _("Each actor is a mark on the circle, grouped by sector; a line joins two actors "
             "who share initiatives, commitments to an objective, dialogues or seminars, wider the "
             "more "
             "they share. The table below gives the same facts.");
    html_open(h, "figure", "class", "network", NULL);
    html_open(h, "svg", "xmlns", "http://www.w3.org/2000/svg", "viewBox", "0 0 640 640", "role",
              "img", "aria-label", arena_printf(rq->arena, "%s. %s", _("Network map"), desc), NULL);
    html_elem(h, "title", _("Network map"));
    html_elem(h, "desc", desc);
    html_open(h, "g", "class", "ties", NULL);
    for (i = 0; i < g->m; i++) {
        const struct collab_tie *t = &g->ties[i];

        if (!v->drawn[t->a] || !v->drawn[t->b])
            continue;
        width = 1 + log2(t->weight);
        html_empty(h, "line", "x1", num(rq, x[t->a]), "y1", num(rq, y[t->a]), "x2",
                   num(rq, x[t->b]), "y2", num(rq, y[t->b]), "stroke-width",
                   num(rq, width > 6 ? 6 : width), NULL);
    }
    html_close(h, "g");
    for (i = 0; i < v->n_shown; i++) {
        const struct collab_actor *a = &g->nodes[order[i]];

        html_open(h, "g", NULL);
        html_elem(
            h, "title",
            arena_printf(rq->arena, "%s (%s): %d", a->name, sector_label(a->sector_ix), a->degree));
        shape(rq, h, sector_shape(a->sector_ix), x[order[i]], y[order[i]],
              r_base * (0.55 + 0.45 * sqrt((double)a->degree / maxdeg)),
              sector_class(rq, a->sector_ix));
        html_close(h, "g");
    }
    html_close(h, "svg");
    html_close(h, "figure");

    /* the legend: each sector's shape and colour, in HTML so it reads at any width */
    html_open(h, "ul", "class", "net-legend", "aria-label", _("Legend"), NULL);
    for (i = 0; i < code_actor_sector.n; i++) {
        html_open(h, "li", NULL);
        html_open(h, "svg", "xmlns", "http://www.w3.org/2000/svg", "viewBox", "0 0 20 20", "width",
                  "20", "height", "20", "aria-hidden", "true", NULL);
        shape(rq, h, sector_shape(i), 10, 10, 7, sector_class(rq, i));
        html_close(h, "svg");
        html_text(h, " ");
        html_text(h, sector_label(i));
        html_close(h, "li");
    }
    html_close(h, "ul");
}

static void
figures(struct view *v)
{
    struct req *rq = v->rq;
    struct html *h = v->h;
    const struct collab_net *g = v->g;

    html_open(h, "dl", "class", "figures", NULL);
    html_elem(h, "dt", _("Actors"));
    html_elem(h, "dd", fmt_num(rq, g->n, 0));
    html_elem(h, "dt", _("Ties"));
    html_elem(h, "dd", fmt_num(rq, g->m, 0));
    html_elem(h, "dt", _("Connected components"));
    html_elem(h, "dd", fmt_num(rq, g->components, 0));
    html_elem(h, "dt", _("Ties across sectors"));
    html_elem(h, "dd",
              arena_printf(rq->arena, "%s %%", fmt_num(rq, 100 * collab_cross_share(g), 1)));
    html_elem(h, "dt", _("Actors bridging sectors"));
    html_elem(h, "dd", fmt_num(rq, g->bridging, 0));
    html_elem(h, "dt", _("Isolated actors"));
    html_elem(h, "dd", fmt_num(rq, g->isolated, 0));
    html_close(h, "dl");
    if (g->estimated) {
        html_open(h, "p", "class", "small", NULL);
        html_printf(h,
                    _("Betweenness is estimated: from the shortest paths of %d of the %d actors, "
                      "chosen evenly by their order of registration."),
                    g->sources, g->n);
        html_close(h, "p");
    }
}

static void
table(struct view *v)
{
    struct req *rq = v->rq;
    struct html *h = v->h;
    const struct collab_net *g = v->g;
    int i;

    html_open(h, "div", "class", "tablewrap", NULL);
    html_open(h, "table", "class", "stack", NULL);
    html_elem(h, "caption",
              v->n_shown < g->n
                  ? arena_printf(rq->arena, _("The %d actors with the most ties, of %d"),
                                 v->n_shown, g->n)
                  : _("The actors of the network, by their number of ties"));
    html_open(h, "thead", NULL);
    html_open(h, "tr", NULL);
    html_elem_attr(h, "th", _("Actor"), "scope", "col", NULL);
    html_elem_attr(h, "th", _("Sector"), "scope", "col", NULL);
    html_elem_attr(h, "th", _("Ties"), "scope", "col", "class", "num", NULL);
    html_elem_attr(h, "th", _("Weighted ties"), "scope", "col", "class", "num", NULL);
    html_elem_attr(h, "th", _("Betweenness"), "scope", "col", "class", "num", NULL);
    html_elem_attr(h, "th", _("Weighted betweenness"), "scope", "col", "class", "num", NULL);
    html_elem_attr(h, "th", _("Bridges sectors"), "scope", "col", NULL);
    html_close(h, "tr");
    html_close(h, "thead");
    html_open(h, "tbody", NULL);
    for (i = 0; i < v->n_shown; i++) {
        const struct collab_actor *a = &g->nodes[v->shown[i]];

        html_open(h, "tr", NULL);
        html_open(h, "th", "scope", "row", NULL);
        html_elem_attr(h, "a", a->name, "href", url_actor(rq, a->id), NULL);
        html_close(h, "th");
        html_elem_attr(h, "td", sector_label(a->sector_ix), "data-label", _("Sector"), NULL);
        html_elem_attr(h, "td", fmt_num(rq, a->degree, 0), "class", "num", "data-label", _("Ties"),
                       NULL);
        html_elem_attr(h, "td", fmt_num(rq, a->strength, 0), "class", "num", "data-label",
                       _("Weighted ties"), NULL);
        html_elem_attr(h, "td", fmt_num(rq, a->betweenness, 3), "class", "num", "data-label",
                       _("Betweenness"), NULL);
        html_elem_attr(h, "td", fmt_num(rq, a->betweenness_w, 3), "class", "num", "data-label",
                       _("Weighted betweenness"), NULL);
        html_elem_attr(h, "td", a->bridges ? _("Yes") : _("No"), "data-label", _("Bridges sectors"),
                       NULL);
        html_close(h, "tr");
    }
    html_close(h, "tbody");
    html_close(h, "table");
    html_close(h, "div");
}

/* The whole page of network g: m's, or the platform's when m is NULL. */
static enum err
page(struct req *rq, const struct mission *m, const struct collab_net *g)
{
    struct view v;
    struct html h;
    const char *title;

    html_init(&h, &rq->resp.body, rq->arena);
    title = m != NULL ? arena_printf(rq->arena, _("Collaboration network: %s"),
                                     L(rq, m->title_sv, m->title_en))
                      : _("Collaboration network");
    layout_begin(rq, &h, title);
    html_elem(&h, "h1", title);
    if (m != NULL) {
        html_open(&h, "p", NULL);
        html_elem_attr(&h, "a", L(rq, m->title_sv, m->title_en), "href", url_mission(rq, m->slug),
                       NULL);
        html_close(&h, "p");
    }
    html_elem_attr(&h, "p",
                   m != NULL ? _("Who works with whom in the mission: two actors are tied by each "
                                 "initiative both take part in, each objective both have "
                                 "committed to, each dialogue both took part in and each seminar "
                                 "people of both attended.")
                             : _("Who works with whom across every mission: two actors are tied "
                                 "by each initiative both take part in, each objective both have "
                                 "committed to, each dialogue both took part in and each seminar "
                                 "people of both attended. Every actor of the registry is here, "
                                 "those without ties too."),
                   "class", "lead", NULL);
    view_init(&v, rq, &h, g);
    figures(&v);
    if (g->n == 0) {
        html_elem(&h, "p", _("No actors take part yet."));
    } else {
        html_elem(&h, "h2", _("Map"));
        if (v.n_shown < g->n) {
            html_open(&h, "p", NULL);
            html_printf(&h,
                        _("The map and the table show the %d actors with the most ties; the "
                          "file and the API below have all %d."),
                        v.n_shown, g->n);
            html_close(&h, "p");
        }
        map(&v);
        html_elem(&h, "h2", _("Actors"));
        table(&v);
    }
    html_elem(&h, "h2", _("Download"));
    html_open(&h, "ul", NULL);
    html_open(&h, "li", NULL);
    html_elem_attr(&h, "a", _("The network as GraphML (for Gephi, networkx and others)"), "href",
                   m != NULL ? url_mission_graphml(rq, m->slug) : url_network_graphml(rq), "type",
                   "application/graphml+xml", NULL);
    html_close(&h, "li");
    html_open(&h, "li", NULL);
    html_elem_attr(&h, "a", _("The network as JSON (the API)"), "href",
                   m != NULL ? arena_printf(rq->arena, "/api/v1/missions/%s/network", m->slug)
                             : "/api/v1/network",
                   "type", "application/json", NULL);
    html_close(&h, "li");
    html_close(&h, "ul");
    return layout_end_for(rq, &h, m != NULL ? "mission" : NULL, m != NULL ? m->id : 0,
                          m != NULL ? m->id : 0, m != NULL ? m->owner_name : NULL);
}

static enum err
mission_of(struct req *rq, struct mission *m)
{
    enum err rc = mission_get(rq->db, rq->arena, req_str(rq, "slug"), m);

    if (rc == ERR_OK)
        req_shows_mission(rq, m->id);
    return rc;
}

enum err
page_mission_network(struct req *rq)
{
    struct collab_net g;
    struct mission m;
    enum err rc;

    rc = mission_of(rq, &m);
    if (rc == ERR_OK)
        rc = collab_load(rq->db, rq->arena, m.id, &g);
    if (rc)
        return rc;
    return page(rq, &m, &g);
}

enum err
page_network(struct req *rq)
{
    struct collab_net g;
    enum err rc;

    rc = collab_load(rq->db, rq->arena, 0, &g);
    if (rc)
        return rc;
    return page(rq, NULL, &g);
}

static enum err
graphml(struct req *rq, const struct collab_net *g, const char *name)
{
    collab_graphml(g, &rq->resp.body);
    rq->resp.content_type = "application/graphml+xml; charset=utf-8";
    return resp_header(rq, "Content-Disposition",
                       arena_printf(rq->arena, "attachment; filename=\"%s.graphml\"", name));
}

enum err
file_mission_graphml(struct req *rq)
{
    struct collab_net g;
    struct mission m;
    enum err rc;

    rc = mission_of(rq, &m);
    if (rc == ERR_OK)
        rc = collab_load(rq->db, rq->arena, m.id, &g);
    if (rc)
        return rc;
    /* the slug is [a-z0-9-] (write.h), safe in the quoted file name */
    return graphml(rq, &g, arena_printf(rq->arena, "network-%s", m.slug));
}

enum err
file_network_graphml(struct req *rq)
{
    struct collab_net g;
    enum err rc;

    rc = collab_load(rq->db, rq->arena, 0, &g);
    if (rc)
        return rc;
    return graphml(rq, &g, "network");
}
