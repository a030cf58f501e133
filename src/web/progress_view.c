/*
 * progress_view.c — progress labels, badges and reasons (see progress_view.h).
 */
#include "web/progress_view.h"

#include <math.h>

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

static char *
pct_per_year(struct req *rq, double rate)
{
    char *n = fmt_num(rq, rate * 100, 1);

    return rq->lang == LANG_SV ? arena_printf(rq->arena, "%s\xc2\xa0%%/år", n)
                               : arena_printf(rq->arena, "%s\xc2\xa0%%/yr", n);
}

char *
fmt_score(struct req *rq, double score)
{
    return arena_printf(rq->arena, _("%s of 5"), fmt_num(rq, score, 1));
}

char *
progress_reason(struct req *rq, const struct indicator_progress *ip)
{
    const struct progress_result *r;

    if (ip->n_series == 0)
        return arena_printf(rq->arena, "%s", _("No data for the headline series yet."));
    r = &ip->series[0].r;
    if (!r->assessable)
        return arena_printf(rq->arena, _("No data from the base year %d on."), ip->cfg.base_year);
    if (r->current_year <= r->base_year)
        return arena_printf(rq->arena, _("Only one year of data (%d): a trend needs two."),
                            r->current_year);
    if (r->target_achieved)
        return arena_printf(rq->arena, _("The latest value (%d) has reached the target."),
                            r->current_year);
    if (r->has_rate_needed && r->has_rate_current)
        return arena_printf(rq->arena, _("Needs %s, achieving %s."),
                            pct_per_year(rq, r->rate_needed), pct_per_year(rq, r->rate_current));
    if (r->has_rate_current)
        return arena_printf(rq->arena, _("Changing by %s since %d."),
                            pct_per_year(rq, r->rate_current), r->base_year);
    if (!r->has_progress)
        return arena_printf(rq->arena, "%s",
                            _("The base and latest values differ in sign or the base is zero: the "
                              "rate-ratio method cannot assess this series."));
    return NULL;
}
