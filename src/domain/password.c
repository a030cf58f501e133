/*
 * password.c — the check of a new password against the common-password lists and the
 * weak shapes (see password.h).
 *
 * The lists are built once per process from the embedded files into one sorted array of
 * cores (lowercased, digits and punctuation trimmed, duplicates dropped) and searched by
 * bisection: a check allocates nothing and copies no byte of the password. The array is
 * the process's, like user.c's hashing slots: built under list_once, owned by this file,
 * never freed (it stays reachable, so leak checkers stay quiet).
 */
#include "domain/password.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/embed.h"
#include "core/log.h"

/* A password's unit of at most this many characters, repeated, is weak whatever it is. */
#define PASSWORD_SHORT_UNIT 4
/* A list line starting so is its file's comment (John the Ripper's convention). */
#define PASSWORD_COMMENT "#!comment:"

static pthread_once_t list_once = PTHREAD_ONCE_INIT;
static char *list_pool;         /* the cores, NUL-terminated, one after another */
static const char **list_words; /* into list_pool: sorted (strcmp), distinct, none empty */
static size_t list_n;

/* A view of part of a string: never NUL-terminated, never copied. */
struct span {
    const char *s;
    size_t n;
};

/* ASCII only: a password's other bytes are compared as they are. */
static unsigned char
fold(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/* Digits, punctuation, space and the other ASCII that is no letter: trimmed from the ends. */
static bool
is_edge(unsigned char c)
{
    unsigned char l = fold(c);

    return c < 0x80 && !(l >= 'a' && l <= 'z');
}

static struct span
core_of(const char *s, size_t n)
{
    struct span c = {s, n};

    while (c.n > 0 && is_edge((unsigned char)c.s[0])) {
        c.s++;
        c.n--;
    }
    while (c.n > 0 && is_edge((unsigned char)c.s[c.n - 1]))
        c.n--;
    return c;
}

/* Compare a (folded as it is read) with the NUL-terminated, already folded w. */
static int
span_cmp(struct span a, const char *w)
{
    size_t i;

    for (i = 0; i < a.n; i++) {
        unsigned char x = fold((unsigned char)a.s[i]), y = (unsigned char)w[i];

        if (x != y) /* x is never NUL: so a longer than w sorts after it */
            return x < y ? -1 : 1;
    }
    return w[i] == '\0' ? 0 : -1;
}

static bool
span_eq(struct span a, struct span b)
{
    size_t i;

    if (a.n != b.n)
        return false;
    for (i = 0; i < a.n; i++)
        if (fold((unsigned char)a.s[i]) != fold((unsigned char)b.s[i]))
            return false;
    return true;
}

static int
word_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Append the core of every line of one embedded list to pool, its pointer to words. */
static void
list_add(const char *name, char **pool, const char **words, size_t *n)
{
    const struct embed_file *f = embed_get(name);
    const char *p, *end, *nl;
    struct span c;
    size_t i;

    if (f == NULL)
        die("password list missing from build: %s", name);
    for (p = f->data, end = f->data + f->len; p < end; p = nl + 1) {
        nl = memchr(p, '\n', (size_t)(end - p));
        if (nl == NULL)
            nl = end;
        if ((size_t)(nl - p) >= sizeof(PASSWORD_COMMENT) - 1 &&
            memcmp(p, PASSWORD_COMMENT, sizeof(PASSWORD_COMMENT) - 1) == 0)
            continue;
        c = core_of(p, (size_t)(nl - p)); /* a CR at the end is an edge byte too */
        if (c.n == 0)
            continue;
        words[(*n)++] = *pool;
        for (i = 0; i < c.n; i++)
            *(*pool)++ = (char)fold((unsigned char)c.s[i]);
        *(*pool)++ = '\0';
    }
}

static void
list_build(void)
{
    static const char *const names[] = {PASSWORD_LIST_JOHN, PASSWORD_LIST_SWEDISH};
    const struct embed_file *f;
    size_t i, j, size = 0, lines = 0;
    const char **words;
    char *pool;

    /* sized from the files: a core is never longer than its line, plus its NUL */
    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        f = embed_get(names[i]);
        if (f == NULL)
            die("password list missing from build: %s", names[i]);
        size += f->len + 1;
        for (j = 0; j < f->len; j++)
            lines += f->data[j] == '\n';
        lines++;
    }
    pool = malloc(size);
    words = malloc(lines * sizeof(*words));
    if (pool == NULL || words == NULL)
        die("out of memory");
    list_pool = pool;
    list_n = 0;
    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        list_add(names[i], &pool, words, &list_n);
    qsort(words, list_n, sizeof(*words), word_cmp);
    for (i = j = 0; i < list_n; i++)
        if (j == 0 || strcmp(words[j - 1], words[i]) != 0)
            words[j++] = words[i];
    list_n = j;
    list_words = words;
}

static bool
is_listed(struct span u)
{
    size_t lo = 0, hi = list_n, mid;
    int c;

    while (lo < hi) {
        mid = lo + (hi - lo) / 2;
        c = span_cmp(u, list_words[mid]);
        if (c == 0)
            return true;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return false;
}

/* Whether c is its first d bytes repeated (folded). */
static bool
has_period(struct span c, size_t d)
{
    size_t i;

    for (i = d; i < c.n; i++)
        if (fold((unsigned char)c.s[i]) != fold((unsigned char)c.s[i - d]))
            return false;
    return true;
}

/* Characters of UTF-8 in s[0..n): the bytes that start one. */
static size_t
chars(const char *s, size_t n)
{
    size_t i, k = 0;

    for (i = 0; i < n; i++)
        k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

bool
password_is_weak(const char *password, size_t len, const char *email)
{
    struct span c = core_of(password, len), u, context[3];
    size_t d, i, nc = 0;
    const char *at;

    pthread_once(&list_once, list_build);
    if (c.n == 0)
        return true;
    context[nc++] = core_of("samverka", 8);
    if (email != NULL && *email != '\0') {
        context[nc++] = core_of(email, strlen(email));
        at = strrchr(email, '@');
        if (at != NULL)
            context[nc++] = core_of(email, (size_t)(at - email));
    }
    /* every unit the core repeats: a short one, even cut off at the end ("abcabcab"); a
     * word only whole ("qwertyqwerty") */
    for (d = 1; d <= c.n; d++) {
        if (!has_period(c, d))
            continue;
        if (chars(c.s, d) <= PASSWORD_SHORT_UNIT)
            return true;
        if (c.n % d != 0)
            continue;
        u.s = c.s;
        u.n = d;
        if (is_listed(u))
            return true;
        for (i = 0; i < nc; i++)
            if (context[i].n > 0 && span_eq(u, context[i]))
                return true;
    }
    return false;
}

size_t
password_list_count(void)
{
    pthread_once(&list_once, list_build);
    return list_n;
}
