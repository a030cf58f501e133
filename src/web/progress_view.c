/*
 * progress_view.c — progress labels, badges and reasons (see progress_view.h).
 */
#include "web/progress_view.h"

#include <math.h>

#include "core/str.h"
#include "domain/codes.h"
#include "web/i18n.h"
#include "web/layout.h"

const char *
label_progress(enum progress_status s)
{
    return label_code(&code_progress_status, progress_status_name(s));
}

void
view_status(struct req *rq, struct html *h, enum progress_status s)
{
    static const char *const symbols[PS__MAX] = {
        [PS_NOT_AVAILABLE] = "?",
        [PS_DETERIORATION] = "\xe2\x86\x98",   /* ↘ */
        [PS_LIMITED] = "\xe2\x86\x92",         /* → */
        [PS_MODERATE] = "\xe2\x86\x97",        /* ↗ */
        [PS_SUBSTANTIAL] = "\xe2\x86\x91",     /* ↑ */
        [PS_TARGET_ACHIEVED] = "\xe2\x9c\x93", /* ✓ */
    };

    html_open(h, "span", "class",
              arena_printf(rq->arena, "status status-%s", progress_status_name(s)), NULL);
    html_elem_attr(h, "span", symbols[s < PS__MAX ? s : PS_NOT_AVAILABLE], "aria-hidden", "true",
                   NULL);
    html_text(h, " ");
    html_text(h, label_progress(s));
    html_close(h, "span");
}

char *
fmt_rate(struct req *rq, bool has, double rate)
{
    /* one rounding for a rate wherever a page shows it: the reason line, the forecast and
     * the method table agree to the digit */
    char *n;

    if (!has)
        return arena_strdup(rq->arena, "–");
    n = fmt_num(rq, rate * 100, 1);
    return rq->lang == LANG_SV ? arena_printf(rq->arena, "%s\xc2\xa0%%/år", n)
                               : arena_printf(rq->arena, "%s\xc2\xa0%%/yr", n);
}

char *
fmt_score(struct req *rq, double score)
{
    return arena_printf(rq->arena, _("%s of 5"), fmt_num(rq, score, 1));
}

char *
series_label(struct req *rq, const struct series_progress *sp)
{
    if (*sp->series && *sp->unit)
        return arena_printf(rq->arena, "%s, %s", sp->series, sp->unit);
    if (*sp->series || *sp->unit)
        return arena_strdup(rq->arena, *sp->series ? sp->series : sp->unit);
    return arena_strdup(rq->arena, _("the series"));
}

char *
year_label(struct req *rq, const struct series_progress *sp, int year)
{
    int i;

    /* a year of periods finer than a year is their mean: it is the year that counts */
    if (sp->max_periods <= 1)
        for (i = 0; i < sp->n_raw; i++)
            if (sp->raw[i].year == year && !str_empty(sp->raw[i].label))
                return arena_strdup(rq->arena, sp->raw[i].label);
    return arena_printf(rq->arena, "%d", year);
}

/* The reason for a result with a trend (base and latest years differ), or NULL. */
static char *
trend_reason(struct req *rq, const struct series_progress *sp, const struct progress_result *r)
{
    if (r->target_achieved)
        return arena_printf(rq->arena, _("The latest value (%s) has reached the target."),
                            year_label(rq, sp, r->current_year));
    if (r->has_rate_needed && r->has_rate_current)
        return arena_printf(rq->arena, _("Needs %s, achieving %s."),
                            fmt_rate(rq, true, r->rate_needed),
                            fmt_rate(rq, true, r->rate_current));
    if (r->has_rate_current)
        return arena_printf(rq->arena, _("Changing by %s since %s."),
                            fmt_rate(rq, true, r->rate_current), year_label(rq, sp, r->base_year));
    if (!r->has_progress)
        return arena_printf(rq->arena, "%s",
                            _("The base and latest values differ in sign or the base is zero: the "
                              "rate-ratio method cannot assess this series."));
    return NULL;
}

char *
series_reason(struct req *rq, const struct series_progress *sp, const struct progress_result *r,
              int base_year)
{
    int first = sp->n_pts > 0 ? sp->pts[0].year : 0;
    char *trend;

    if (sp->n_pts == 0)
        return arena_printf(rq->arena, "%s", _("No data for the headline series yet."));
    if (!r->assessable)
        return arena_printf(rq->arena, _("No data from the base year %d on."), base_year);
    if (r->current_year <= r->base_year && first < r->base_year)
        /* the data has more years: the setting, not the data, leaves one */
        return base_year == r->current_year
                   ? arena_printf(rq->arena,
                                  _("The base year is set to %d, the latest year of data: one "
                                    "year cannot show a trend (the data starts in %d)."),
                                  base_year, first)
                   : arena_printf(rq->arena,
                                  _("The base year is set to %d, and only the latest year of "
                                    "data, %d, comes after it: one year cannot show a trend "
                                    "(the data starts in %d)."),
                                  base_year, r->current_year, first);
    if (r->current_year <= r->base_year)
        return arena_printf(rq->arena, _("Only one year of data (%d): a trend needs two."),
                            r->current_year);
    trend = trend_reason(rq, sp, r);
    if (trend != NULL && sp->incomplete_year != 0 && r == &sp->r)
        /* the fold left the latest year out: say so beside the result */
        trend = arena_printf(rq->arena,
                             _("%s %d is left out: it has %d of the %d periods of the year "
                               "before."),
                             trend, sp->incomplete_year, sp->incomplete_n, sp->incomplete_of);
    if (sp->base_from_data && r == &sp->r)
        /* the assessment did not start where the settings say: tell the reader */
        return arena_printf(rq->arena,
                            _("Assessed from %d, the first year of data, as fewer than two years "
                              "of data come from the base year %d on. %s"),
                            r->base_year, base_year, trend != NULL ? trend : "");
    return trend;
}

/* How many series a reason names one by one. */
#define REASON_SERIES_MAX 3

char *
progress_reason(struct req *rq, const struct indicator_progress *ip)
{
    const char *one;
    char *out;
    int k;

    if (ip->contradicted_target)
        return arena_printf(rq->arena,
                            _("No status is stated: the target is already met by the base value "
                              "although %s, so it says nothing about the trend."),
                            ip->cfg.direction > 0 ? _("higher is better") : _("lower is better"));
    if (ip->n_series <= 1)
        return ip->n_series == 0
                   ? arena_printf(rq->arena, "%s", _("No data for the headline series yet."))
                   : series_reason(rq, &ip->series[0], &ip->series[0].r, ip->cfg.base_year);
    /* several series: the status is their mean, so the reason speaks of each, not of the
     * first alone */
    out = arena_printf(rq->arena, _("The mean of %d series."), ip->n_series);
    for (k = 0; k < ip->n_series && k < REASON_SERIES_MAX; k++) {
        one = series_reason(rq, &ip->series[k], &ip->series[k].r, ip->cfg.base_year);
        if (one != NULL)
            out = arena_printf(rq->arena, "%s %s: %s", out, series_label(rq, &ip->series[k]), one);
    }
    if (ip->n_series > REASON_SERIES_MAX)
        out = arena_printf(
            rq->arena, "%s %s", out,
            arena_printf(rq->arena, _("(and %d more)"), ip->n_series - REASON_SERIES_MAX));
    return out;
}
