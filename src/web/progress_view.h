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
/* The reason line for an indicator's headline series, or NULL when there is nothing to say. */
char *progress_reason(struct req *rq, const struct indicator_progress *ip);
/* A score as "3,1 av 5" / "3.1 of 5". */
char *fmt_score(struct req *rq, double score);

#endif
