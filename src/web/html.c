/*
 * html.c — the auto-escaping HTML writer (see html.h). The only file that may
 * call html_raw_ with anything but a literal.
 */
#include "web/html.h"

#include <assert.h>
#include <cmark.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define HTML_RESERVE (32 * 1024)

void
html_init(struct html *h, struct buf *b, struct arena *a)
{
    h->b = b;
    h->a = a;
    h->depth = 0;
    /* a page is tens of kilobytes (the demo mission page 30): grown from nothing it took
     * eight reallocs and copies */
    if (b->cap == 0)
        buf_reserve(b, HTML_RESERVE);
}

/* The bytes html_escape replaces; every other byte is copied as it is. */
static const unsigned char needs_escape[256] = {
    ['\0'] = 1, ['&'] = 1, ['<'] = 1, ['>'] = 1, ['"'] = 1, ['\''] = 1,
};

void
html_escape(struct buf *b, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, start = 0;
    const char *rep;

    /* runs of plain text (nearly all of a page) go in one append each */
    for (;;) {
        while (i < n && !needs_escape[u[i]])
            i++;
        if (i == n)
            break;
        switch (s[i]) {
        case '&':
            rep = "&amp;";
            break;
        case '<':
            rep = "&lt;";
            break;
        case '>':
            rep = "&gt;";
            break;
        case '"':
            rep = "&quot;";
            break;
        case '\'':
            rep = "&#39;";
            break;
        default:
            rep = "\xef\xbf\xbd"; /* NUL never reaches the page */
            break;
        }
        buf_add(b, s + start, i - start);
        buf_adds(b, rep);
        start = ++i;
    }
    buf_add(b, s + start, n - start);
}

struct html_mark
html_mark(const struct html *h)
{
    struct html_mark m = {h->b->len, h->depth};

    return m;
}

struct html_part
html_take(struct html *h, struct html_mark m)
{
    struct html_part p = {"", 0};

    assert(h->depth == m.depth);
    if (buf_err(h->b) || m.at > h->b->len)
        return p;
    p.n = h->b->len - m.at;
    p.s = arena_strndup(h->a, h->b->data + m.at, p.n);
    return p;
}

void
html_put(struct html *h, struct html_part part)
{
    buf_add(h->b, part.s, part.n);
}

void
html_raw_(struct html *h, const char *s, size_t n)
{
    buf_add(h->b, s, n);
}

static bool
is_boolean_attr(const char *name)
{
    static const char *const names[] = {"hidden",   "required", "checked",    "selected",
                                        "disabled", "open",     "novalidate", "readonly"};
    size_t i;

    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (strcmp(name, names[i]) == 0)
            return true;
    return false;
}

static void
write_attrs(struct html *h, va_list ap)
{
    const char *name, *value;

    while ((name = va_arg(ap, const char *)) != NULL) {
        value = va_arg(ap, const char *);
        if (value == NULL)
            continue;
        buf_addc(h->b, ' ');
        buf_adds(h->b, name);
        if (*value == '\0' && is_boolean_attr(name))
            continue;
        buf_add(h->b, "=\"", 2);
        html_escape(h->b, value, strlen(value));
        buf_addc(h->b, '"');
    }
}

void
html_vopen(struct html *h, const char *tag, va_list ap)
{
    assert(h->depth < HTML_MAX_DEPTH);
    buf_addc(h->b, '<');
    buf_adds(h->b, tag);
    write_attrs(h, ap);
    buf_addc(h->b, '>');
    h->stack[h->depth++] = tag;
}

void
html_open(struct html *h, const char *tag, ...)
{
    va_list ap;

    va_start(ap, tag);
    html_vopen(h, tag, ap);
    va_end(ap);
}

void
html_void(struct html *h, const char *tag, ...)
{
    va_list ap;

    buf_addc(h->b, '<');
    buf_adds(h->b, tag);
    va_start(ap, tag);
    write_attrs(h, ap);
    va_end(ap);
    buf_addc(h->b, '>');
}

void
html_empty(struct html *h, const char *tag, ...)
{
    va_list ap;

    buf_addc(h->b, '<');
    buf_adds(h->b, tag);
    va_start(ap, tag);
    write_attrs(h, ap);
    va_end(ap);
    buf_add(h->b, "/>", 2);
}

void
html_close(struct html *h, const char *tag)
{
    /* the same literal nearly always: its address says so before its bytes are compared */
    assert(h->depth > 0 &&
           (h->stack[h->depth - 1] == tag || strcmp(h->stack[h->depth - 1], tag) == 0));
    h->depth--;
    buf_add(h->b, "</", 2);
    buf_adds(h->b, tag);
    buf_addc(h->b, '>');
}

void
html_close_all(struct html *h)
{
    while (h->depth > 0)
        html_close(h, h->stack[h->depth - 1]);
}

void
html_textn(struct html *h, const char *s, size_t n)
{
    if (s != NULL)
        html_escape(h->b, s, n);
}

void
html_text(struct html *h, const char *s)
{
    if (s != NULL)
        html_escape(h->b, s, strlen(s));
}

void
html_printf(struct html *h, const char *fmt, ...)
{
    va_list ap;
    char *s;

    va_start(ap, fmt);
    s = arena_vprintf(h->a, fmt, ap);
    va_end(ap);
    html_text(h, s);
}

void
html_elem(struct html *h, const char *tag, const char *text)
{
    html_open(h, tag, NULL);
    html_text(h, text);
    html_close(h, tag);
}

void
html_elem_attr(struct html *h, const char *tag, const char *text, ...)
{
    va_list ap;

    va_start(ap, text);
    html_vopen(h, tag, ap);
    va_end(ap);
    html_text(h, text);
    html_close(h, tag);
}

void
html_text_lang(struct html *h, const char *s, const char *lang)
{
    if (lang == NULL)
        html_text(h, s);
    else
        html_elem_attr(h, "span", s, "lang", lang, NULL);
}

void
html_markdown(struct html *h, const char *md)
{
    char *out;

    if (md == NULL || *md == '\0')
        return;
    /* CMARK_OPT_SAFE (the default in cmark >= 0.29 as well): raw HTML is replaced
     * by a comment, and javascript:/vbscript:/file:/data: links are emptied */
    out = cmark_markdown_to_html(md, strlen(md), CMARK_OPT_SAFE | CMARK_OPT_VALIDATE_UTF8);
    if (out == NULL)
        return;
    buf_adds(h->b, out);
    free(out);
}
