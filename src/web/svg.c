/*
 * svg.c — server-side SVG charts (see svg.h). Geometry is computed here;
 * every attribute value goes through the HTML writer's escaping like any
 * other output, and numbers are formatted with "%.1f" in the C locale of
 * the SVG coordinate system (the visible labels use the reader's language).
 */
#include "web/svg.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/i18n.h"

/* Two drawings of one chart, each in its own coordinate system (user units, text at 13 of
 * them): the wide one for a desktop, shown from 40rem up, where it is drawn at 0.95 to 1.2
 * times; the narrow one for a phone, shown below 40rem and at most 30rem wide, at 0.96 to
 * 1.6 times down to a 320 px screen. So the text is never drawn below 12 px (the CSS in
 * static/style.css pairs with these widths; docs/internals/web.md). The narrow one has fewer
 * year labels and its legend in a column. */
struct geom {
    const char *cls, *view_box, *id_suffix;
    double w, h, pad_l, pad_r, pad_t, pad_b;
    bool legend_column;
};

static const struct geom wide = {"wide", "0 0 640 320", "", 640, 320, 64, 20, 30, 64, false};
static const struct geom narrow = {"narrow", "0 0 300 300", "-narrow", 300, 300, 50, 12, 30,
                                   96,       true};

/* The largest magnitude drawn. Imports and settings accept at most 1e15 (TIDY_MAX_ABS), so
 * only a projection that ran away (or a value stored before that check) goes past it; it is
 * left out, which keeps the frame's range, the ticks and every coordinate finite. */
#define SVG_MAX_ABS 1e18

static bool
drawable(double v)
{
    return isfinite(v) && fabs(v) <= SVG_MAX_ABS;
}

/* Copy the drawable points of in[0..n) into the arena; their number in *out_n. */
static struct chart_point *
drawable_points(struct req *rq, const struct chart_point *in, int n, int *out_n)
{
    struct chart_point *pts = arena_alloc(rq->arena, (size_t)(n > 0 ? n : 1) * sizeof(*pts));
    int i, k = 0;

    for (i = 0; i < n; i++)
        if (drawable(in[i].value))
            pts[k++] = in[i];
    *out_n = k;
    return pts;
}

int
svg_ticks(double lo, double hi, int max_ticks, double *out, double *out_step)
{
    double range, raw, mag, step, first, t;
    int n = 0, k;

    if (max_ticks < 2)
        max_ticks = 2;
    if (!(hi > lo)) {
        hi = lo + (lo == 0 ? 1 : fabs(lo) * 0.1);
        lo = lo - (lo == 0 ? 0 : fabs(lo) * 0.1);
    }
    range = hi - lo;
    raw = range / (max_ticks - 1);
    mag = pow(10, floor(log10(raw)));
    if (raw / mag <= 1)
        step = mag;
    else if (raw / mag <= 2)
        step = 2 * mag;
    else if (raw / mag <= 2.5)
        step = 2.5 * mag;
    else if (raw / mag <= 5)
        step = 5 * mag;
    else
        step = 10 * mag;
    /* from the multiple of step at or below lo to the first at or above hi; each tick
     * is a multiple of step, not a sum of steps, so rounding does not add up */
    first = floor(lo / step);
    for (k = 0; n < max_ticks + 4; k++) {
        t = (first + k) * step;
        out[n++] = fabs(t) < step * 1e-9 ? 0 : t;
        if (t >= hi - step * 1e-9)
            break;
    }
    *out_step = step;
    return n;
}

void
svg_num1(struct buf *b, double v)
{
    char d[24], *p = d + sizeof(d);
    double t = v * 10, r = nearbyint(t);
    unsigned long long u;

    /* printf rounds the exact binary value half to even; t is rounded once more, so near
     * a half (and for what does not fit the integer) printf decides */
    if (!isfinite(v) || fabs(t) > 1e9 || fabs(fabs(t - trunc(t)) - 0.5) < 1e-6) {
        buf_printf(b, "%.1f", v);
        return;
    }
    u = (unsigned long long)fabs(r);
    *--p = (char)('0' + u % 10);
    *--p = '.';
    u /= 10;
    do
        *--p = (char)('0' + u % 10);
    while ((u /= 10) > 0);
    if (signbit(v))
        *--p = '-';
    buf_add(b, p, (size_t)(d + sizeof(d) - p));
}

static char *
num(struct req *rq, double v)
{
    struct buf b;
    char *s;

    buf_init(&b, 0);
    svg_num1(&b, v);
    s = arena_strndup(rq->arena, buf_err(&b) ? "" : b.data, buf_err(&b) ? 0 : b.len);
    buf_free(&b);
    return s;
}

/* "x,y" of a polyline's points, a space before all but the first (i 0) */
static void
point(struct buf *b, int i, double x, double y)
{
    if (i > 0)
        buf_addc(b, ' ');
    svg_num1(b, x);
    buf_addc(b, ',');
    svg_num1(b, y);
}

struct frame {
    const struct geom *g;
    double y0, y1; /* value range */
    int x0, x1;    /* year range */
};

static double
px(const struct frame *f, double year)
{
    const struct geom *g = f->g;

    return g->pad_l + (year - f->x0) / (double)(f->x1 - f->x0) * (g->w - g->pad_l - g->pad_r);
}

static double
py(const struct frame *f, double v)
{
    const struct geom *g = f->g;

    return g->pad_t + (1 - (v - f->y0) / (f->y1 - f->y0)) * (g->h - g->pad_t - g->pad_b);
}

static int
cmp_point(const void *a, const void *b)
{
    const struct chart_point *p = a, *q = b;

    return (p->year > q->year) - (p->year < q->year);
}

static void
line(struct req *rq, struct html *h, const struct frame *f, double xa, double ya, double xb,
     double yb, const char *cls)
{
    html_empty(h, "line", "class", cls, "x1", num(rq, px(f, xa)), "y1", num(rq, py(f, ya)), "x2",
               num(rq, px(f, xb)), "y2", num(rq, py(f, yb)), NULL);
}

static void
legend_item(struct req *rq, struct html *h, double x, double y, const char *cls, const char *text)
{
    html_empty(h, "line", "class", cls, "x1", num(rq, x), "y1", num(rq, y - 4), "x2",
               num(rq, x + 24), "y2", num(rq, y - 4), NULL);
    html_elem_attr(h, "text", text, "class", "legend", "x", num(rq, x + 30), "y", num(rq, y), NULL);
}

/* What svg_chart has worked out once and each drawing uses. */
struct plot {
    const struct chart *c;
    const struct chart_point *pts; /* the drawable observations, by year */
    int n;
    double ticks[16], step;
    int nt;
    bool has_base, has_target, has_projection;
};

/* The years labelled on the x axis: every xstep-th from the first, and the last. The wide
 * drawing keeps the steps it always had; the narrow one takes the smallest step that leaves
 * room for each label (about 44 user units for "2030" and a gap). */
static int
year_step(const struct frame *f)
{
    static const int steps[] = {1, 2, 5, 10, 20, 50};
    int span = f->x1 - f->x0, slots;
    size_t i;

    if (f->g == &wide)
        return span > 12 ? (span > 30 ? 10 : 5) : (span > 6 ? 2 : 1);
    slots = (int)((f->g->w - f->g->pad_l - f->g->pad_r) / 44);
    for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
        if (span / steps[i] + 1 <= slots)
            return steps[i];
    return steps[sizeof(steps) / sizeof(steps[0]) - 1];
}

/* One drawing of the chart in frame f's geometry: an <svg> of its own class, named for
 * screen readers (only one of the two is displayed at a time, so one is read). */
static void
draw(struct req *rq, struct html *h, const struct plot *pl, const struct frame *f)
{
    const struct chart *c = pl->c;
    const struct chart_point *pts = pl->pts;
    const struct geom *g = f->g;
    double yv, lx, ly;
    int i, n = pl->n, xstep, y;
    const char *id = c->id != NULL ? c->id : "chart";
    char *d;
    struct buf path;

    /* the accessible name is on the <svg> itself (aria-label): HTML checkers do not know
     * ids on SVG's <title>; <title> and <desc> are there for every other SVG reader */
    html_open(h, "svg", "xmlns", "http://www.w3.org/2000/svg", "viewBox", g->view_box, "class",
              g->cls, "role", "img", "id", arena_printf(rq->arena, "%s%s", id, g->id_suffix),
              "aria-label", arena_printf(rq->arena, "%s. %s", c->title, c->desc), NULL);
    html_elem(h, "title", c->title);
    html_elem(h, "desc", c->desc);

    /* y axis: gridlines and labels in the reader's number format */
    for (i = 0; i < pl->nt; i++) {
        yv = pl->ticks[i];
        if (yv < f->y0 - pl->step * 1e-6 || yv > f->y1 + pl->step * 1e-6)
            continue;
        html_empty(h, "line", "class", "grid", "x1", num(rq, g->pad_l), "y1", num(rq, py(f, yv)),
                   "x2", num(rq, g->w - g->pad_r), "y2", num(rq, py(f, yv)), NULL);
        html_elem_attr(h, "text", fmt_num(rq, yv, pl->step < 1 ? (pl->step < 0.1 ? 2 : 1) : 0),
                       "class", "tick", "x", num(rq, g->pad_l - 6), "y", num(rq, py(f, yv) + 4),
                       "text-anchor", "end", NULL);
    }
    /* x axis: years, thinned to fit */
    xstep = year_step(f);
    for (y = f->x0; y <= f->x1; y++) {
        if ((y - f->x0) % xstep != 0 && y != f->x1)
            continue;
        if (y != f->x1 && f->x1 - y < xstep / 2)
            continue;
        html_elem_attr(h, "text", arena_printf(rq->arena, "%d", y), "class", "tick", "x",
                       num(rq, px(f, y)), "y", num(rq, g->h - g->pad_b + 18), "text-anchor",
                       "middle", NULL);
    }
    html_empty(h, "line", "class", "axis", "x1", num(rq, g->pad_l), "y1", num(rq, g->h - g->pad_b),
               "x2", num(rq, g->w - g->pad_r), "y2", num(rq, g->h - g->pad_b), NULL);
    if (c->unit != NULL && *c->unit)
        html_elem_attr(h, "text", c->unit, "class", "tick", "x", num(rq, 4), "y", num(rq, 14),
                       NULL);

    /* required path: base to target */
    if (pl->has_base && pl->has_target)
        line(rq, h, f, c->base.year, c->base.value, c->target.year, c->target.value, "required");
    /* projected path: latest observation to the projection */
    if (pl->has_projection && n > 0)
        line(rq, h, f, pts[n - 1].year, pts[n - 1].value, c->projection.year, c->projection.value,
             "projected");
    /* observations */
    if (n > 1) {
        buf_init(&path, 0);
        for (i = 0; i < n; i++)
            point(&path, i, px(f, pts[i].year), py(f, pts[i].value));
        d = arena_strndup(rq->arena, path.data, path.len);
        buf_free(&path);
        html_empty(h, "polyline", "class", "observed", "points", d, NULL);
    }
    for (i = 0; i < n; i++)
        html_empty(h, "circle", "class", "observed", "cx", num(rq, px(f, pts[i].year)), "cy",
                   num(rq, py(f, pts[i].value)), "r", "4", NULL);
    if (pl->has_target) {
        double tx = px(f, c->target.year), ty = py(f, c->target.value);

        /* a diamond, so the target is told apart by shape as well as colour */
        html_empty(h, "polygon", "class", "target", "points",
                   arena_printf(rq->arena, "%.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f", tx, ty - 7,
                                tx + 7, ty, tx, ty + 7, tx - 7, ty),
                   NULL);
    }

    /* legend under the axis: in a row, or in a column on the narrow drawing */
    lx = g->pad_l;
    ly = g->legend_column ? g->h - g->pad_b + 42 : g->h - 22;
    legend_item(rq, h, lx, ly, "observed", _("Observed"));
    if (pl->has_base && pl->has_target) {
        if (g->legend_column)
            ly += 20;
        else
            lx = g->pad_l + 150;
        legend_item(rq, h, g->legend_column ? g->pad_l : lx, ly, "required",
                    _("Path to the target"));
    }
    if (pl->has_projection) {
        if (g->legend_column)
            ly += 20;
        legend_item(rq, h, g->legend_column ? g->pad_l : g->pad_l + 340, ly, "projected",
                    _("Projection at the current pace"));
    }
    html_close(h, "svg");
}

void
svg_chart(struct req *rq, struct html *h, const struct chart *c)
{
    struct chart_point *pts;
    struct plot pl;
    struct frame f;
    double lo, hi;
    int i, n;

    memset(&pl, 0, sizeof(pl));
    pl.c = c;
    pl.has_base = c->has_base && drawable(c->base.value);
    pl.has_target = c->has_target && drawable(c->target.value);
    pl.has_projection = c->has_projection && drawable(c->projection.value);

    pts = drawable_points(rq, c->obs, c->n_obs, &n);
    qsort(pts, (size_t)n, sizeof(*pts), cmp_point);
    pl.pts = pts;
    pl.n = n;

    /* the frame holds every value drawn */
    lo = INFINITY;
    hi = -INFINITY;
    f.x0 = 9999;
    f.x1 = 0;
#define INCLUDE(p)                                                                                 \
    do {                                                                                           \
        lo = fmin(lo, (p).value);                                                                  \
        hi = fmax(hi, (p).value);                                                                  \
        f.x0 = floor((p).year) < f.x0 ? (int)floor((p).year) : f.x0;                               \
        f.x1 = ceil((p).year) > f.x1 ? (int)ceil((p).year) : f.x1;                                 \
    } while (0)
    for (i = 0; i < n; i++)
        INCLUDE(pts[i]);
    if (pl.has_base)
        INCLUDE(c->base);
    if (pl.has_target)
        INCLUDE(c->target);
    if (pl.has_projection)
        INCLUDE(c->projection);
#undef INCLUDE
    if (f.x1 < f.x0)
        return; /* nothing to draw */
    if (f.x1 == f.x0)
        f.x1 = f.x0 + 1;
    if (lo > 0 && lo < (hi - lo))
        lo = 0; /* start at zero when that does not squash the data */
    pl.nt = svg_ticks(lo, hi, 6, pl.ticks, &pl.step);
    f.y0 = fmin(lo, pl.ticks[0]);
    f.y1 = fmax(hi, pl.ticks[pl.nt - 1]);
    /* the axis stops at a bound the values drawn keep to: a share ends at 100 % */
    if (c->has_upper && hi <= c->upper && f.y1 > c->upper)
        f.y1 = c->upper;
    if (c->has_lower && lo >= c->lower && f.y0 < c->lower)
        f.y0 = c->lower;
    if (f.y1 == f.y0)
        f.y1 = f.y0 + 1;

    html_open(h, "figure", "class", "chart", NULL);
    f.g = &wide;
    draw(rq, h, &pl, &f);
    f.g = &narrow;
    draw(rq, h, &pl, &f);
    html_close(h, "figure");
}

bool
svg_sparkline(struct req *rq, struct html *h, const struct chart_point *in, int n,
              const char *label)
{
    struct chart_point *pts;
    double lo = INFINITY, hi = -INFINITY, x, y;
    double x0, x1;
    int i;
    struct buf path;

    pts = drawable_points(rq, in, n, &n);
    if (n < 2)
        return false;
    qsort(pts, (size_t)n, sizeof(*pts), cmp_point);
    for (i = 0; i < n; i++) {
        lo = fmin(lo, pts[i].value);
        hi = fmax(hi, pts[i].value);
    }
    if (hi == lo) {
        hi += 1;
        lo -= 1;
    }
    x0 = pts[0].year;
    x1 = pts[n - 1].year;
    if (x1 == x0)
        x1 = x0 + 1;
    buf_init(&path, 0);
    for (i = 0; i < n; i++) {
        x = 2 + (pts[i].year - x0) / (x1 - x0) * 116;
        y = 2 + (1 - (pts[i].value - lo) / (hi - lo)) * 24;
        point(&path, i, x, y);
    }
    html_open(h, "svg", "xmlns", "http://www.w3.org/2000/svg", "class", "spark", "viewBox",
              "0 0 120 28", "width", "120", "height", "28", "role", "img", "aria-label", label,
              NULL);
    html_empty(h, "polyline", "points", arena_strndup(rq->arena, path.data, path.len), NULL);
    html_empty(h, "circle", "cx", num(rq, 2 + 116.0), "cy",
               num(rq, 2 + (1 - (pts[n - 1].value - lo) / (hi - lo)) * 24), "r", "2.5", NULL);
    html_close(h, "svg");
    buf_free(&path);
    return true;
}
