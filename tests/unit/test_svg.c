/*
 * test_svg.c — src/web/svg.c: axis ticks that read well for any range, and
 * charts that are accessible (named, described, no script, no inline style)
 * and escape their text.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tap.h"
#include "web/html.h"
#include "web/svg.h"

static void
ticks(double lo, double hi, const char *what)
{
    double t[16], step;
    int n = svg_ticks(lo, hi, 6, t, &step), i;
    bool monotone = true, round = true;
    double m;

    for (i = 1; i < n; i++)
        monotone = monotone && t[i] > t[i - 1];
    for (i = 0; i < n; i++) {
        m = t[i] / step;
        round = round && fabs(m - floor(m + 0.5)) < 1e-6;
    }
    ok(n >= 2 && n <= 8, "%s: %d ticks", what, n);
    ok(t[0] <= lo + 1e-12 && t[n - 1] >= hi - 1e-12, "%s: ticks cover [%g, %g] (%g..%g)", what, lo,
       hi, t[0], t[n - 1]);
    ok(monotone && round, "%s: increasing multiples of the step %g", what, step);
    m = step / pow(10, floor(log10(step)));
    ok(fabs(m - 1) < 1e-9 || fabs(m - 2) < 1e-9 || fabs(m - 2.5) < 1e-9 || fabs(m - 5) < 1e-9,
       "%s: a nice step (%g)", what, step);
}

static void
test_ticks(void)
{
    ticks(0, 100, "percentages");
    ticks(-70, 0, "negative values");
    ticks(-34, 12, "across zero");
    ticks(0, 1.2e6, "large numbers");
    ticks(0.001, 0.0042, "small numbers");
    ticks(99.47, 99.5, "a narrow range");
    ticks(56, 56, "one value");
}

static void
test_chart(void)
{
    struct chart_point obs[] = {{2019, 61}, {2022, 56}, {2024, 53}, {2020, 60}};
    struct chart c;
    struct req rq;
    struct arena a;
    struct buf b;
    struct html h;

    memset(&rq, 0, sizeof(rq));
    arena_init(&a);
    rq.arena = &a;
    rq.lang = LANG_SV;
    buf_init(&b, 0);
    html_init(&h, &b, &a);
    memset(&c, 0, sizeof(c));
    c.id = "t";
    c.title = "Matsvinn <script>alert(1)</script>";
    c.desc = "Fyra mätvärden \"2019–2024\"";
    c.unit = "g & mer";
    c.obs = obs;
    c.n_obs = 4;
    c.has_base = true;
    c.base = obs[1];
    c.has_target = true;
    c.target.year = 2030;
    c.target.value = 28;
    c.has_projection = true;
    c.projection.year = 2030;
    c.projection.value = 45;
    svg_chart(&rq, &h, &c);
    ok(buf_err(&b) == ERR_OK && b.len > 0, "chart written");
    ok(strstr(b.data, "role=\"img\"") != NULL, "the chart is an image to assistive technology");
    ok(strstr(b.data, "<title>Matsvinn &lt;script&gt;") != NULL, "title present and escaped");
    ok(strstr(b.data, "<desc>Fyra mätvärden &quot;2019–2024&quot;</desc>") != NULL, "desc escaped");
    ok(strstr(b.data, "aria-label=\"Matsvinn &lt;script&gt;") != NULL, "accessible name escaped");
    ok(strstr(b.data, "<script") == NULL, "no script");
    ok(strstr(b.data, "style=") == NULL, "no inline style (the CSP forbids it)");
    ok(strstr(b.data, "g &amp; mer") != NULL, "unit escaped");
    ok(strstr(b.data, "class=\"required\"") != NULL &&
           strstr(b.data, "class=\"projected\"") != NULL,
       "the path to the target and the projection are drawn");
    ok(strstr(b.data, "<polygon class=\"target\"") != NULL,
       "the target is a shape, not only a colour");
    ok(strstr(b.data, "2030") != NULL && strstr(b.data, ">2019<") != NULL, "years on the axis");
    /* a phone gets a drawing of its own, whose 13-unit text is not scaled below 12 px */
    ok(strstr(b.data, "viewBox=\"0 0 640 320\" class=\"wide\" role=\"img\" id=\"t\"") != NULL &&
           strstr(b.data, "viewBox=\"0 0 300 300\" class=\"narrow\" role=\"img\" "
                          "id=\"t-narrow\"") != NULL,
       "a wide and a narrow drawing, each with its own id");
    ok(strstr(strstr(b.data, "class=\"narrow\""), "aria-label=\"Matsvinn &lt;script&gt;") != NULL,
       "the narrow drawing is named too");

    buf_reset(&b);
    ok(svg_sparkline(&rq, &h, obs, 4, "Trend 2019–2024: från 61 till 53"), "sparkline drawn");
    ok(strstr(b.data, "aria-label=\"Trend 2019–2024: från 61 till 53\"") != NULL,
       "sparkline named");
    buf_reset(&b);
    ok(!svg_sparkline(&rq, &h, obs, 1, "one point"), "no sparkline for one point, and said so");
    is_int((int64_t)b.len, 0, "... nothing written");
    buf_free(&b);
    arena_free(&a);
}

/* Coordinates are numbers, always: a projection that ran away (or a value stored before
 * imports were range-checked) is not drawn, and never turns the chart into NaN. */
static void
test_huge_values(void)
{
    struct chart_point obs[] = {{2019, 61}, {2022, 56}, {2024, 1.7e308}, {2023, NAN}};
    struct chart_point two[] = {{2019, -1.7e308}, {2020, 1.7e308}, {2021, 3}};
    struct chart c;
    struct req rq;
    struct arena a;
    struct buf b;
    struct html h;

    memset(&rq, 0, sizeof(rq));
    arena_init(&a);
    rq.arena = &a;
    rq.lang = LANG_SV;
    buf_init(&b, 0);
    html_init(&h, &b, &a);
    memset(&c, 0, sizeof(c));
    c.id = "t";
    c.title = "Huge";
    c.desc = "Values near DBL_MAX";
    c.unit = "";
    c.obs = obs;
    c.n_obs = 2;
    c.has_target = true;
    c.target.year = 2030;
    c.target.value = 28;
    c.has_projection = true;
    c.projection.year = 2030;
    c.projection.value = 1.7e308;
    svg_chart(&rq, &h, &c);
    ok(buf_err(&b) == ERR_OK && b.len > 0, "a chart with a projection near DBL_MAX is written");
    ok(strstr(b.data, "nan") == NULL && strstr(b.data, "inf") == NULL,
       "... with no NaN or infinity in it");
    ok(strstr(b.data, "class=\"projected\"") == NULL, "... and without the runaway projection");
    buf_reset(&b);
    c.n_obs = 4;
    c.has_projection = false;
    svg_chart(&rq, &h, &c);
    ok(strstr(b.data, "nan") == NULL && strstr(b.data, "inf") == NULL,
       "observations near DBL_MAX or NaN: no NaN or infinity drawn");
    ok(strstr(b.data, "<circle") != NULL, "... the drawable observations are");
    buf_reset(&b);
    svg_sparkline(&rq, &h, two, 3, "huge");
    ok(strstr(b.data, "nan") == NULL && strstr(b.data, "inf") == NULL,
       "a sparkline from -DBL_MAX to DBL_MAX: no NaN or infinity");
    buf_free(&b);
    arena_free(&a);
}

/* svg_num1 writes what printf's "%.1f" writes: halves (0.25, 0.35 as stored), negatives
 * that round to zero, big values, and 200,000 values spread over the coordinates' range */
static void
test_num1(void)
{
    static const double edge[] = {0,     -0.0, 0.05,   0.15,      0.25,        0.35, 0.45,  -0.05,
                                  -0.04, 1.25, 2.5,    118.0,     -7.75,       1e9,  1e10,  -3e12,
                                  99.95, 0.95, 1e-300, 123456.65, 2.349999999, 2.35, 26.05, 9.75};
    char want[64];
    struct buf b;
    double v;
    unsigned seed = 12345;
    int i, bad = 0;

    for (i = 0; i < (int)(sizeof(edge) / sizeof(edge[0])); i++) {
        buf_init(&b, 0);
        svg_num1(&b, edge[i]);
        snprintf(want, sizeof(want), "%.1f", edge[i]);
        ok(strcmp(b.data, want) == 0, "num1(%.17g) = %s (printf: %s)", edge[i], b.data, want);
        buf_free(&b);
    }
    for (i = 0; i < 200000; i++) {
        seed = seed * 1103515245u + 12345u;
        v = ((double)(seed >> 8) / (1u << 24) - 0.3) * (i % 3 == 0 ? 140 : i % 3 == 1 ? 2e4 : 1);
        if (i % 7 == 0)
            v = round(v * 100) / 100; /* two decimals as data has them: many halves */
        buf_init(&b, 0);
        svg_num1(&b, v);
        snprintf(want, sizeof(want), "%.1f", v);
        if (strcmp(b.data, want) != 0 && bad++ < 5)
            diag("num1(%.17g) = %s, printf %s", v, b.data, want);
        buf_free(&b);
    }
    ok(bad == 0, "num1 = printf on 200,000 values (%d differ)", bad);
}

int
main(void)
{
    test_num1();
    test_ticks();
    test_chart();
    test_huge_values();
    return done_testing();
}
