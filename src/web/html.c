/*
 * html.c — the auto-escaping HTML writer (see html.h). The only file that may
 * call html_raw_ with anything but a literal.
 */
#include "web/html.h"

#include <assert.h>
#include <cmark.h>
#include <pthread.h>
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

/* html_escape of the C string s in one pass: the scan for bytes to replace stops at its NUL
 * too, so there is no strlen first (text and attribute values, some thousand a page, were
 * read twice). The scan is libc's strcspn, which stops at the NUL as well and reads 16
 * bytes a step where the CPU can: a byte at a time through needs_escape was 7 % of the
 * uncached mission page's instructions. */
static void
escape_cstr(struct buf *b, const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, start = 0;

    for (;;) {
        i += strcspn(s + i, "&<>\"'");
        buf_add(b, s + start, i - start);
        if (u[i] == '\0')
            return;
        html_escape(b, s + i, 1); /* the one byte's replacement */
        start = ++i;
    }
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

/* Append the n bytes of a and the m bytes of b (m may be 0) with one check of the room. */
static inline void
add2(struct buf *b, const char *a, size_t n, const char *c, size_t m)
{
    char *p = buf_room(b, n + m);

    if (p == NULL)
        return;
    memcpy(p, a, n);
    memcpy(p + n, c, m);
    buf_commit(b, n + m);
}

/* The pieces of a tag go in through buf_room, one check each instead of one a piece: the
 * uncached mission page writes some 150 tags and 550 attributes, and the appends were a
 * tenth of its instructions. */
static void
write_attrs(struct html *h, va_list ap)
{
    const char *name, *value;
    size_t n;
    char *p;

    while ((name = va_arg(ap, const char *)) != NULL) {
        value = va_arg(ap, const char *);
        if (value == NULL)
            continue;
        n = strlen(name);
        if (*value == '\0' && is_boolean_attr(name)) {
            add2(h->b, " ", 1, name, n);
            continue;
        }
        p = buf_room(h->b, n + 3);
        if (p == NULL)
            return;
        p[0] = ' ';
        memcpy(p + 1, name, n);
        p[n + 1] = '=';
        p[n + 2] = '"';
        buf_commit(h->b, n + 3);
        escape_cstr(h->b, value);
        buf_addc(h->b, '"');
    }
}

void
html_vopen(struct html *h, const char *tag, va_list ap)
{
    assert(h->depth < HTML_MAX_DEPTH);
    add2(h->b, "<", 1, tag, strlen(tag));
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

    add2(h->b, "<", 1, tag, strlen(tag));
    va_start(ap, tag);
    write_attrs(h, ap);
    va_end(ap);
    buf_addc(h->b, '>');
}

void
html_empty(struct html *h, const char *tag, ...)
{
    va_list ap;

    add2(h->b, "<", 1, tag, strlen(tag));
    va_start(ap, tag);
    write_attrs(h, ap);
    va_end(ap);
    buf_add(h->b, "/>", 2);
}

void
html_close(struct html *h, const char *tag)
{
    size_t n = strlen(tag);
    char *p;

    /* the same literal nearly always: its address says so before its bytes are compared */
    assert(h->depth > 0 &&
           (h->stack[h->depth - 1] == tag || strcmp(h->stack[h->depth - 1], tag) == 0));
    h->depth--;
    p = buf_room(h->b, n + 3);
    if (p == NULL)
        return;
    p[0] = '<';
    p[1] = '/';
    /* the NUL follows at buf_commit */
    memcpy(p + 2, tag, n); /* NOLINT(bugprone-not-null-terminated-result) */
    p[n + 2] = '>';
    buf_commit(h->b, n + 3);
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
        escape_cstr(h->b, s);
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

/*
 * Each thread's memo of the Markdown it rendered last. A page renders the same few texts at
 * every view (the demo mission's description, 1.5 KB, took 4 % of its uncached render in
 * cmark), and the HTML is a function of the text alone: an entry is used only for the very
 * same bytes (length, then memcmp), never for a hash of them. MD_SLOTS entries of at most
 * MD_MAX bytes of Markdown each, replaced in turn; owned by the thread, so no lock, and
 * freed by md_memo_free when it exits.
 */
#define MD_SLOTS 8
#define MD_MAX   (32 * 1024)
struct md_entry {
    char *md, *html; /* one malloc: md, its NUL, then html */
    size_t md_len;
};
struct md_memo {
    struct md_entry e[MD_SLOTS];
    unsigned next;
};
static pthread_key_t md_key;
static pthread_once_t md_once = PTHREAD_ONCE_INIT;
static bool md_keyed;

static void
md_memo_free(void *p)
{
    struct md_memo *m = p;
    int i;

    for (i = 0; i < MD_SLOTS; i++)
        free(m->e[i].md);
    free(m);
}

static void
md_key_make(void)
{
    md_keyed = pthread_key_create(&md_key, md_memo_free) == 0;
}

static char *
md_render(const char *md, size_t n)
{
    /* CMARK_OPT_SAFE (the default in cmark >= 0.29 as well): raw HTML is replaced
     * by a comment, and javascript:/vbscript:/file:/data: links are emptied */
    return cmark_markdown_to_html(md, n, CMARK_OPT_SAFE | CMARK_OPT_VALIDATE_UTF8);
}

/* md's HTML from this thread's memo, rendered and kept there when it is not in it; NULL when
 * there is no memo (no key, no memory, a text over MD_MAX) */
static const char *
md_memo_get(const char *md, size_t n)
{
    struct md_memo *m;
    struct md_entry *e;
    char *html, *both;
    size_t hn;
    int i;

    if (n > MD_MAX || pthread_once(&md_once, md_key_make) != 0 || !md_keyed)
        return NULL;
    m = pthread_getspecific(md_key);
    if (m == NULL) {
        if ((m = calloc(1, sizeof(*m))) == NULL)
            return NULL;
        if (pthread_setspecific(md_key, m) != 0) {
            free(m);
            return NULL;
        }
    }
    for (i = 0; i < MD_SLOTS; i++)
        if (m->e[i].md != NULL && m->e[i].md_len == n && memcmp(m->e[i].md, md, n) == 0)
            return m->e[i].html;
    if ((html = md_render(md, n)) == NULL)
        return NULL;
    hn = strlen(html);
    both = malloc(n + 1 + hn + 1);
    if (both == NULL) {
        free(html);
        return NULL;
    }
    memcpy(both, md, n);
    both[n] = '\0';
    memcpy(both + n + 1, html, hn + 1);
    free(html);
    e = &m->e[m->next++ % MD_SLOTS];
    free(e->md);
    e->md = both;
    e->md_len = n;
    e->html = both + n + 1;
    return e->html;
}

void
html_markdown(struct html *h, const char *md)
{
    const char *kept;
    char *out;
    size_t n;

    if (md == NULL || *md == '\0')
        return;
    n = strlen(md);
    if ((kept = md_memo_get(md, n)) != NULL) {
        buf_adds(h->b, kept);
        return;
    }
    out = md_render(md, n);
    if (out == NULL)
        return;
    buf_adds(h->b, out);
    free(out);
}
