/*
 * commitview.h — the commitments' sections of other pages (page_commitment.c): the
 * mission page's "who has committed, by sector" with the gap of its indicators in one
 * line each, and the indicator page's commitment gap with its contributions.
 */
#ifndef WEB_COMMITVIEW_H
#define WEB_COMMITVIEW_H

#include "domain/assess.h"
#include "domain/mission.h"
#include "web/html.h"
#include "web/web.h"

enum err commitment_mission_section(struct req *rq, struct html *h, const struct mission *m,
                                    const struct mission_tree *t);
enum err commitment_indicator_section(struct req *rq, struct html *h, const struct indicator *ind,
                                      const struct mission *m);

#endif
