/*
 * progress_view.h — how progress is shown: the status labels of PROGRESS.md
 * B.3 (sv/en), a status badge that never relies on colour alone (a symbol
 * and the words), and the one-line reason ("needs 4.1 %/yr, achieving
 * 1.2 %/yr").
 */
#ifndef WEB_PROGRESS_VIEW_H
#define WEB_PROGRESS_VIEW_H

#include "domain/assess.h"
#include "web/html.h"
#include "web/web.h"

const char *label_progress(enum progress_status s);
/* <span class="status status-NAME"><span aria-hidden="true">symbol</span> label</span> */
void view_status(struct req *rq, struct html *h, enum progress_status s);
/* The reason line for an indicator's assessment, or NULL when there is nothing to say: of its
 * one headline series, or of each of several (whose mean the status is), or why no status is
 * stated when a setting contradicts the data. */
char *progress_reason(struct req *rq, const struct indicator_progress *ip);
/* The reason for one series' result r (sp's points tell a base year setting from data that
 * has one year only); NULL when there is nothing to say. */
char *series_reason(struct req *rq, const struct series_progress *sp,
                    const struct progress_result *r, int base_year);
/* A series' name for a page: "Series, Units", one of them, or "the series". */
char *series_label(struct req *rq, const struct series_progress *sp);
/* A year of sp as its data writes it ("2009-10") when the series has one period a year,
 * else the year ("2013": the mean of its quarters). */
char *year_label(struct req *rq, const struct series_progress *sp, int year);
/* An annual rate as "−10,1 %/år" / "-10.1 %/yr" (one decimal, wherever it is shown); "–"
 * when !has. */
char *fmt_rate(struct req *rq, bool has, double rate);
/* A score as "3,1 av 5" / "3.1 of 5". */
char *fmt_score(struct req *rq, double score);

#endif
