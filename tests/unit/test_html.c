/*
 * test_html.c — src/web/html.c: the auto-escaping HTML writer.
 */
#include <cmark.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/str.h"
#include "tap.h"
#include "web/html.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static struct arena arena;
static struct buf out;
static struct html h;

/* Start a fresh document. */
static void
fresh(void)
{
    buf_reset(&out);
    html_init(&h, &out, &arena);
}

static const char *
got(void)
{
    return out.data ? out.data : "";
}

static uint64_t rng_state = 0x2545f4914f6cdd1du;

static uint64_t
rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static void
test_text(void)
{
    static const struct {
        const char *in, *want;
    } cases[] = {
        {"", ""},
        {"plain text", "plain text"},
        {"&", "&amp;"},
        {"<", "&lt;"},
        {">", "&gt;"},
        {"\"", "&quot;"},
        {"'", "&#39;"},
        {"a<b>&\"'c", "a&lt;b&gt;&amp;&quot;&#39;c"},
        {"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
        {"&amp;", "&amp;amp;"},
        {"\xc3\xa5\xc3\xa4\xc3\xb6 \xe2\x82\xac", "\xc3\xa5\xc3\xa4\xc3\xb6 \xe2\x82\xac"},
        {"tab\there", "tab\there"},
    };
    size_t i;
    char name[96];

    for (i = 0; i < N(cases); i++) {
        fresh();
        html_text(&h, cases[i].in);
        snprintf(name, sizeof(name), "html_text -> %s", cases[i].want);
        is_str(got(), cases[i].want, name);
    }

    fresh();
    html_textn(&h, "a\0b<", 4);
    is_mem(got(), out.len,
           "a\xef\xbf\xbd"
           "b&lt;",
           9, "html_textn: NUL becomes U+FFFD");
    fresh();
    html_textn(&h, "abcdef", 3);
    is_str(got(), "abc", "html_textn: writes exactly n bytes");
    fresh();
    html_text(&h, NULL);
    html_textn(&h, NULL, 5);
    is_str(got(), "", "html_text(NULL) writes nothing");

    fresh();
    html_printf(&h, "%d<%s>", 5, "\"x\"");
    is_str(got(), "5&lt;&quot;x&quot;&gt;", "html_printf escapes its whole result");

    fresh();
    html_lit(&h, "<br>");
    is_str(got(), "<br>", "html_lit writes a literal unescaped");
}

static void
test_attrs(void)
{
    fresh();
    html_open(&h, "a", "href", "/x?a=1&b=\"2\"", "title", "<'>", NULL);
    is_str(got(), "<a href=\"/x?a=1&amp;b=&quot;2&quot;\" title=\"&lt;&#39;&gt;\">",
           "html_open escapes attribute values");
    html_close(&h, "a");

    fresh();
    html_open(&h, "div", "id", NULL, "class", "c", NULL);
    is_str(got(), "<div class=\"c\">", "html_open: a NULL value skips the attribute");
    html_close(&h, "div");

    fresh();
    html_void(&h, "input", "type", "checkbox", "checked", "", "value", "", NULL);
    is_str(got(), "<input type=\"checkbox\" checked value=\"\">",
           "html_void: \"\" is bare only for boolean attributes");
    is_int(h.depth, 0, "html_void does not open an element");

    fresh();
    html_void(&h, "img", "alt", "\" onerror=\"alert(1)", NULL);
    is_str(got(), "<img alt=\"&quot; onerror=&quot;alert(1)\">",
           "html_void: a quote in a value cannot end the attribute");

    fresh();
    html_open(&h, "p", "data-x", "a\0b", NULL);
    html_close(&h, "p");
    is_str(got(), "<p data-x=\"a\"></p>", "attribute values end at NUL (C string)");

    fresh();
    html_elem(&h, "p", "<x>");
    is_str(got(), "<p>&lt;x&gt;</p>", "html_elem escapes its text");
    fresh();
    html_elem_attr(&h, "a", "1 & 2", "href", "/u?a=1&b=2", "rel", "nofollow", NULL);
    is_str(got(), "<a href=\"/u?a=1&amp;b=2\" rel=\"nofollow\">1 &amp; 2</a>",
           "html_elem_attr: attributes and text escaped");
    is_int(h.depth, 0, "html_elem_attr leaves nothing open");
}

static void
test_nesting(void)
{
    int status;
    pid_t pid;

    fresh();
    html_open(&h, "div", NULL);
    html_open(&h, "p", NULL);
    is_int(h.depth, 2, "nesting: two open elements");
    html_text(&h, "x");
    html_close(&h, "p");
    html_close(&h, "div");
    is_str(got(), "<div><p>x</p></div>", "nesting: closes in order");
    is_int(h.depth, 0, "nesting: depth back to 0");

    fresh();
    html_open(&h, "section", NULL);
    html_open(&h, "ul", NULL);
    html_open(&h, "li", NULL);
    html_close_all(&h);
    is_str(got(), "<section><ul><li></li></ul></section>", "html_close_all closes innermost first");
    is_int(h.depth, 0, "html_close_all: depth 0");

    /* closing the wrong element is a programmer error: the assert fires */
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        if (freopen("/dev/null", "w", stderr) == NULL)
            _exit(2);
        fresh();
        html_open(&h, "div", NULL);
        html_close(&h, "span");
        _exit(0);
    }
    status = 0;
    waitpid(pid, &status, 0);
    ok(pid > 0 && WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT,
       "html_close of the wrong element aborts (assert)");

    pid = fork();
    if (pid == 0) {
        if (freopen("/dev/null", "w", stderr) == NULL)
            _exit(2);
        fresh();
        html_close(&h, "div");
        _exit(0);
    }
    status = 0;
    waitpid(pid, &status, 0);
    ok(pid > 0 && WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT,
       "html_close with nothing open aborts (assert)");
}

static void
test_markdown(void)
{
    static const struct {
        const char *md;
        const char *forbidden; /* must not appear in the output */
    } unsafe[] = {
        {"<script>alert(1)</script>", "<script"},
        {"para\n\n<script>alert(1)</script>\n", "<script"},
        {"inline <script>alert(1)</script> here", "<script"},
        {"<img src=x onerror=alert(1)>", "<img"},
        {"a <b onclick=\"x()\">b</b>", "onclick"},
        {"<iframe src=\"https://evil.example\"></iframe>", "<iframe"},
        /* links may show the text, but no attribute may carry the URL */
        {"[x](javascript:alert(1))", "=\"javascript"},
        {"[x](JavaScript:alert(1))", "=\"JavaScript"},
        {"[x]( javascript:alert(1) )", "=\"javascript"},
        {"[x](javascript&#58;alert(1))", "=\"javascript"},
        {"[x](vbscript:msgbox(1))", "=\"vbscript"},
        {"[x](data:text/html;base64,PHNjcmlwdD4=)", "=\"data:"},
        {"![i](javascript:alert(1))", "=\"javascript"},
        {"<javascript:alert(1)>", "=\"javascript"},
        {"[x]: javascript:alert(1)\n\n[y][x]", "=\"javascript"},
    };
    char name[160];
    size_t i;

    for (i = 0; i < N(unsafe); i++) {
        fresh();
        html_markdown(&h, unsafe[i].md);
        snprintf(name, sizeof(name), "html_markdown drops \"%s\" from %s", unsafe[i].forbidden,
                 unsafe[i].md);
        ok(strstr(got(), unsafe[i].forbidden) == NULL, "%s", name);
        if (strstr(got(), unsafe[i].forbidden) != NULL)
            diag("output: %s", got());
    }

    /* positive controls: the same calls do render markup */
    fresh();
    html_markdown(&h, "**b** and *i*");
    is_str(got(), "<p><strong>b</strong> and <em>i</em></p>\n", "html_markdown renders emphasis");
    fresh();
    html_markdown(&h, "[site](https://example.org/a?b=1&c=2)");
    is_str(got(), "<p><a href=\"https://example.org/a?b=1&amp;c=2\">site</a></p>\n",
           "html_markdown keeps an https link, escaped");
    fresh();
    html_markdown(&h, "1 < 2 & \"q\"");
    ok(strstr(got(), "1 &lt; 2 &amp; &quot;q&quot;") != NULL, "html_markdown escapes text");
    fresh();
    html_markdown(&h, "bad \xff\xfe utf8 \xc0\x80");
    ok(utf8_valid(got(), out.len), "html_markdown output is valid UTF-8 for invalid input");
    fresh();
    html_markdown(&h, "");
    html_markdown(&h, NULL);
    is_str(got(), "", "html_markdown of empty or NULL writes nothing");
}

/* What cmark itself makes of md, with html_markdown's options: the memo's yardstick. */
static char *
cmark_html(const char *md)
{
    return cmark_markdown_to_html(md, strlen(md), CMARK_OPT_SAFE | CMARK_OPT_VALIDATE_UTF8);
}

/* html_markdown of each text of a set in turn, rounds times, against cmark's own output;
 * returns the number of renders that differed */
static int
memo_rounds(const char *const *mds, int n, int rounds)
{
    struct arena a;
    struct buf b;
    struct html w;
    int r, i, wrong = 0;
    char *want;

    arena_init(&a);
    for (r = 0; r < rounds; r++)
        for (i = 0; i < n; i++) {
            buf_init(&b, 0);
            html_init(&w, &b, &a);
            html_markdown(&w, mds[i]);
            want = cmark_html(mds[i]);
            if (want == NULL || b.data == NULL || strcmp(b.data, want) != 0)
                wrong++;
            free(want);
            buf_free(&b);
        }
    arena_free(&a);
    return wrong;
}

#define MEMO_TEXTS 20
static char memo_text[MEMO_TEXTS][64];
static const char *memo_ptr[MEMO_TEXTS];

static void *
memo_thread(void *arg)
{
    int *wrong = arg;

    *wrong = memo_rounds(memo_ptr, MEMO_TEXTS, 50);
    return NULL;
}

/*
 * html_markdown keeps the HTML of the texts a thread rendered last (html.c): whatever the
 * order, it must write what cmark writes for the text at hand, never a kept one of another.
 */
static void
test_markdown_memo(void)
{
    const char *same_len[] = {"**a**", "*a*_b", "**b**", "**a**", "*a*_b"};
    char *big = malloc(40 * 1024 + 1), *big2;
    const char *bigs[2];
    pthread_t t[3];
    int i, wrong[3];

    /* texts of one length that differ in one byte, in and out of the memo */
    is_int(memo_rounds(same_len, 5, 3), 0, "markdown memo: texts of the same length");
    /* more texts than the memo's slots, in a cycle (each one pushed out before it comes back)
     * and then each twice running */
    for (i = 0; i < MEMO_TEXTS; i++) {
        snprintf(memo_text[i], sizeof(memo_text[i]), "Text *%d* [l](https://e.example/%d)", i,
                 i % 3);
        memo_ptr[i] = memo_text[i];
    }
    is_int(memo_rounds(memo_ptr, MEMO_TEXTS, 4), 0, "markdown memo: a cycle of 20 texts");
    is_int(memo_rounds(memo_ptr, 3, 10), 0, "markdown memo: three texts again and again");
    /* one text over the memo's limit, and the same with its last byte changed */
    memset(big, 'x', 40 * 1024);
    big[40 * 1024] = '\0';
    big[7] = '*';
    big[9] = '*';
    big2 = strdup(big);
    big2[40 * 1024 - 1] = 'y';
    bigs[0] = big;
    bigs[1] = big2;
    is_int(memo_rounds(bigs, 2, 2), 0, "markdown memo: texts over its limit");
    /* threads, each with its own memo, rendering the same texts at once */
    for (i = 0; i < 3; i++)
        pthread_create(&t[i], NULL, memo_thread, &wrong[i]);
    for (i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    is_int(wrong[0] + wrong[1] + wrong[2], 0, "markdown memo: three threads at once");
    free(big);
    free(big2);
}

/*
 * The invariant from STYLE.md 3.9: whatever bytes go into html_text / html_textn,
 * the output carries no markup: no '<', '>', '"', '\'' and no NUL.
 */
static void
test_random_invariant(void)
{
    char in[128], bad = 0;
    size_t i, j, n, at = 0;
    bool good = true;

    for (i = 0; i < 10000 && good; i++) {
        n = rng() % sizeof(in);
        for (j = 0; j < n; j++) {
            /* bias towards the interesting bytes */
            in[j] = (rng() & 3) ? (char)(rng() & 0xff) : "<>\"'&\0"[rng() % 6];
        }
        fresh();
        html_textn(&h, in, n);
        for (j = 0; j < out.len; j++) {
            if (strchr("<>\"'", out.data[j]) != NULL) {
                good = false;
                bad = out.data[j];
                at = i;
                break;
            }
        }
        if (good && memchr(out.data ? out.data : "", '\0', out.len) != NULL) {
            good = false;
            at = i;
        }
    }
    ok(good, "html_textn: 10000 random byte strings never yield < > \" ' or NUL");
    if (!good)
        diag("input %zu produced byte 0x%02x", at, (unsigned char)bad);

    good = true;
    for (i = 0; i < 2000 && good; i++) {
        n = rng() % (sizeof(in) - 1);
        for (j = 0; j < n; j++)
            in[j] = (char)(1 + rng() % 255);
        in[n] = '\0';
        fresh();
        html_void(&h, "x", "v", in, NULL);
        /* exactly the two quotes this writer put around the value */
        if (out.len < 8 || memchr(out.data + 6, '"', out.len - 8) != NULL ||
            memchr(out.data + 6, '<', out.len - 8) != NULL || out.data[out.len - 2] != '"')
            good = false;
    }
    ok(good, "attribute values: 2000 random strings never break out of the quotes");
}

static void
test_limit(void)
{
    struct buf small;
    struct html hs;
    int i;

    buf_init(&small, 64);
    html_init(&hs, &small, &arena);
    for (i = 0; i < 100; i++)
        html_text(&hs, "<<<<");
    is_int(buf_err(&small), ERR_LIMIT, "a writer past its buffer's limit reports ERR_LIMIT");
    ok(small.len <= 64, "and never writes past the limit");
    buf_free(&small);
}

/* html_text_lang: a span with the text's language only when it differs from the page's */
static void
test_text_lang(void)
{
    fresh();
    html_text_lang(&h, "Analytiker & <co>", NULL);
    ok(strcmp(got(), "Analytiker &amp; &lt;co&gt;") == 0,
       "html_text_lang without a language: text only (%s)", got());
    fresh();
    html_text_lang(&h, "Analytiker & <co>", "sv");
    ok(strcmp(got(), "<span lang=\"sv\">Analytiker &amp; &lt;co&gt;</span>") == 0,
       "html_text_lang(sv): an escaped span lang=\"sv\" (%s)", got());
}

int
main(void)
{
    arena_init(&arena);
    buf_init(&out, 0);
    test_text();
    test_attrs();
    test_nesting();
    test_markdown();
    test_markdown_memo();
    test_text_lang();
    test_random_invariant();
    test_limit();
    buf_free(&out);
    arena_free(&arena);
    return done_testing();
}
