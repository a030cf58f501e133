/*
 * layout.h — the frame every HTML page shares: doctype, head, skip link,
 * header with navigation and language switch, <main>, the accountability
 * block (last updated, page owner, page statistics) and the footer.
 * Also the display names of the database's enumerated codes (domain/codes.h).
 */
#ifndef WEB_LAYOUT_H
#define WEB_LAYOUT_H

#include "domain/audit.h"
#include "domain/codes.h"
#include "web/html.h"
#include "web/web.h"

/* Start a page: everything up to and including <main id="main">. */
void layout_begin(struct req *rq, struct html *h, const char *title);
/* The same, with <link rel="describedby" type="application/json" href=described_by> in the
 * head (NULL: none): the page's data has a machine-readable description (an indicator's
 * Data Package descriptor). */
void layout_begin_described(struct req *rq, struct html *h, const char *title,
                            const char *described_by);
/* The same, with <link rel="alternate" type="application/atom+xml" title=feed_title
 * href=feed> in the head: the page has a news feed (file_feed.c; url_feed_subscribe). */
void layout_begin_feed(struct req *rq, struct html *h, const char *title, const char *feed,
                       const char *feed_title);
/*
 * End a page: closes <main>, writes the accountability block for `acc`
 * (NULL: none, e.g. error pages) and the footer, closes the document.
 */
void layout_end(struct req *rq, struct html *h, const struct accountability *acc);
/* Load and write the accountability for the current page in one call, and end the page;
 * a handler returns its result (the database's error when the block cannot be read). */
enum err layout_end_for(struct req *rq, struct html *h, const char *entity, int64_t entity_id,
                        int64_t mission_id, const char *owner_name);
/* A whole 4xx/5xx page in the site's style. */
void layout_error_page(struct req *rq, struct html *h, int status, const char *field,
                       const char *msg);
/* A list's pager: Previous / "Page X of Y" / Next (NULL prev or next: none); nothing
 * when there is one page. */
void layout_pager(struct req *rq, struct html *h, int64_t page, int64_t pages, const char *prev,
                  const char *next);
/* <p class="demo-note"> saying the content is demonstration data. */
void layout_demo_note(struct req *rq, struct html *h);

/* The display name (translated) of one of the set's codes; the code itself when it is not
 * one of them or the set has no labels, "" for NULL. */
const char *label_code(const struct code_set *set, const char *code);

/* "28 november 2026" / "28 November 2026" from Unix seconds or an ISO date. */
char *fmt_date_unix(struct req *rq, int64_t t);
char *fmt_date_iso(struct req *rq, const char *iso);
/* Whole years from today to a YYYY-MM-DD deadline (0 once it has passed). */
int years_left(const char *deadline);
/* An initiative's status as a reader sees it: its label, and "end date passed" beside
 * it when it still says accepted or running after its end date (initiative_past_end). */
const char *initiative_status_text(struct req *rq, const char *status, const char *end_date);
/* The licence web_data_licence (web.h) returns from now on: web_init's, once. */
struct licence;
void layout_set_data_licence(const struct licence *l);
/* SEK amounts: "21 796 417 kr" / "SEK 21,796,417" */
char *fmt_sek(struct req *rq, int64_t v);

#endif
