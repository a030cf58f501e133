/*
 * svg.h — charts drawn on the server as inline SVG, so they work without
 * JavaScript. Every chart has a <title> and <desc>, is labelled for screen
 * readers, never uses colour alone (lines differ in dash pattern and markers,
 * and a legend names them), and is drawn in a viewBox that scales to any
 * width. The page puts a data table beside each chart.
 */
#ifndef WEB_SVG_H
#define WEB_SVG_H

#include <stdbool.h>

#include "web/html.h"
#include "web/web.h"

struct chart_point {
    double year; /* the year; a period within it at year + k/m (docs/progress.md) */
    double value;
};

struct chart {
    const char *id;    /* unique in the page, for aria-labelledby */
    const char *title; /* accessible name */
    const char *desc;  /* one or two sentences saying what the chart shows */
    const char *unit;  /* for the axis label, may be "" */
    int decimals;
    const struct chart_point *obs; /* the headline series, any order */
    int n_obs;
    bool has_base;
    struct chart_point base;
    bool has_target;
    struct chart_point target; /* target value at the target year */
    bool has_projection;
    struct chart_point projection; /* projected value at the target year */
    /* the values the series can take: the value axis stops at them (no "120 %" of a share) */
    bool has_lower, has_upper;
    double lower, upper;
};

/* A full indicator chart with axes, legend, required and projected paths. */
void svg_chart(struct req *rq, struct html *h, const struct chart *c);

/* Append v as printf's "%.1f" writes it in the C locale ("-0.0" included), without
 * printf's cost (a page draws hundreds of coordinates); near a half printf decides. */
void svg_num1(struct buf *b, double v);

/* A small trend line (about 120x28) for lists; `label` is its accessible name. Draws nothing
 * and returns false when fewer than two points can be drawn. */
bool svg_sparkline(struct req *rq, struct html *h, const struct chart_point *pts, int n,
                   const char *label);

/* "Nice" axis ticks covering [lo, hi]: at most max_ticks values, written to out. */
int svg_ticks(double lo, double hi, int max_ticks, double *out, double *out_step);

#endif
