/*
 * html.h — the auto-escaping HTML writer. Every view writes through it.
 *
 * html_text, html_printf and attribute values always escape & < > " '.
 * Raw markup only comes from string literals: html_lit() refuses to compile
 * for anything else, and lint forbids html_raw_ outside web/html.c.
 * Markdown is rendered by cmark in safe mode (raw HTML and unsafe URLs
 * dropped) — the one other source of markup.
 *
 * Errors are sticky in the underlying buf (size limit); check once at the end.
 */
#ifndef WEB_HTML_H
#define WEB_HTML_H

#include <stdarg.h>

#include "core/arena.h"
#include "core/buf.h"

#define HTML_MAX_DEPTH 64

struct html {
    struct buf *b;
    struct arena *a;
    int depth;
    const char *stack[HTML_MAX_DEPTH];
};

void html_init(struct html *h, struct buf *b, struct arena *a);

/*
 * <tag name="value" ...>: attributes as (name, value) pairs ending with NULL.
 * A NULL value skips the attribute; "" writes a bare boolean attribute only
 * for names listed as boolean (hidden, required, checked, selected, disabled).
 */
void html_open(struct html *h, const char *tag, ...) __attribute__((sentinel));
void html_vopen(struct html *h, const char *tag, va_list ap);
/* A void element (<meta>, <link>, <input>, <br>): never closed. */
void html_void(struct html *h, const char *tag, ...) __attribute__((sentinel));
/* A self-closed element in foreign content (SVG): <circle .../>. */
void html_empty(struct html *h, const char *tag, ...) __attribute__((sentinel));
/* Close `tag`, which must be the innermost open element (asserted). */
void html_close(struct html *h, const char *tag);
/* Close every element still open (end of document). */
void html_close_all(struct html *h);

void html_text(struct html *h, const char *s);
void html_textn(struct html *h, const char *s, size_t n);
void html_printf(struct html *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* <tag>text</tag> */
void html_elem(struct html *h, const char *tag, const char *text);
/* Text as html_text, inside <span lang="lang"> when lang is not NULL: a text in another
 * language than the page's (WCAG 3.1.2), as L_lang and i18n.h's other helpers say. */
void html_text_lang(struct html *h, const char *s, const char *lang);

/* <tag attrs...>text</tag>: html_elem_attr(h, "a", text, "href", url, NULL). */
void html_elem_attr(struct html *h, const char *tag, const char *text, ...)
    __attribute__((sentinel));

/* Render Markdown (CommonMark) safely. */
void html_markdown(struct html *h, const char *md);

/*
 * What this writer wrote between html_mark and html_take, kept to be written again as it
 * is (a page that shows the same trend line twice draws it once): markup only this writer
 * produced, so it carries the same guarantees. The part must close what it opens
 * (asserted); it lives in the writer's arena. A writer whose buf failed gives an empty
 * part (the error stays sticky).
 */
struct html_mark {
    size_t at;
    int depth;
};
struct html_part {
    const char *s;
    size_t n;
};
struct html_mark html_mark(const struct html *h);
struct html_part html_take(struct html *h, struct html_mark m);
void html_put(struct html *h, struct html_part part);

void html_raw_(struct html *h, const char *s, size_t n);
#define html_lit(h, s) html_raw_((h), "" s "", sizeof(s) - 1)

/* Escape s for HTML text or a quoted attribute value into b. */
void html_escape(struct buf *b, const char *s, size_t n);

#endif
