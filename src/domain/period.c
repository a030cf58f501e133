/*
 * period.c — the Year cell of a tidy data file (see period.h).
 *
 * The label is cut into tokens (numbers, words, and the separators that mean
 * something: '-', '/', '.', ','); spaces only separate. A label is first read
 * as one point in time (a year, a split year, a half, a quarter, a month, a
 * part, a date); failing that, as a range "A to B" whose start may borrow its
 * year from its end; failing that, any single plausible year in it.
 */
#include "domain/period.h"

#include <string.h>

/* xgettext extracts N_() here as in the web layer: period_parse's reasons are msgids, which
 * the import translates where it says them (tidycsv.c, import.c) */
#define N_(s) (s)

#define MAX_TOKENS 16
#define MAX_WORD   12

enum tok_type { T_NUM, T_WORD, T_SEP };

struct tok {
    enum tok_type type;
    int num, digits;     /* T_NUM: value (capped) and how many digits were written */
    char word[MAX_WORD]; /* T_WORD: lower-case ASCII; longer words are cut (no match) */
    char sep;            /* T_SEP: '-', '/', '.', ',', or 'T' for "to" / an en or em dash */
};

struct toks {
    struct tok t[MAX_TOKENS];
    int n;
};

/* A point in time as far as one side of a range gives it: 0 for a part not written. */
struct point {
    int year, month, day;
    enum period_kind kind;
    int part; /* PERIOD_PART's number */
};

static const char *const months_en[] = {"january",   "february", "march",    "april",
                                        "may",       "june",     "july",     "august",
                                        "september", "october",  "november", "december"};
static const char *const months_sv[] = {"januari",   "februari", "mars",     "april",
                                        "maj",       "juni",     "juli",     "augusti",
                                        "september", "oktober",  "november", "december"};

static bool
is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static bool
is_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Cut s into tokens; false when it holds something no period has (too many tokens, a
 * character that is neither a letter, a digit, a space nor a known separator). */
static bool
tokenize(const char *s, size_t len, struct toks *tk)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    struct tok *t;
    int n;

    tk->n = 0;
    while (p < end) {
        if (*p == ' ' || *p == '\t') {
            p++;
            continue;
        }
        /* no-break spaces (U+00A0, U+202F) separate like spaces */
        if (end - p >= 2 && p[0] == 0xc2 && p[1] == 0xa0) {
            p += 2;
            continue;
        }
        if (end - p >= 3 && p[0] == 0xe2 && p[1] == 0x80 && p[2] == 0xaf) {
            p += 3;
            continue;
        }
        if (tk->n == MAX_TOKENS)
            return false;
        t = &tk->t[tk->n++];
        memset(t, 0, sizeof(*t));
        if (is_digit(*p)) {
            t->type = T_NUM;
            for (; p < end && is_digit(*p); p++) {
                if (t->num < 100000)
                    t->num = t->num * 10 + (*p - '0');
                t->digits++;
            }
        } else if (is_alpha(*p)) {
            t->type = T_WORD;
            for (n = 0; p < end && is_alpha(*p); p++, n++)
                if (n < MAX_WORD - 1)
                    t->word[n] = (char)(*p | 0x20);
            if (n >= MAX_WORD)
                t->word[0] = '\0'; /* too long to be a word we know */
            else
                t->word[n] = '\0';
        } else if (*p == '-' || *p == '/' || *p == '.' || *p == ',') {
            t->type = T_SEP;
            t->sep = (char)*p++;
        } else if (end - p >= 3 && p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0x93 || p[2] == 0x94)) {
            t->type = T_SEP; /* an en or em dash: always a range */
            t->sep = 'T';
            p += 3;
        } else {
            return false;
        }
    }
    return tk->n > 0;
}

static bool
word_is(const struct tok *t, const char *w)
{
    return t->type == T_WORD && strcmp(t->word, w) == 0;
}

/* A month name (English or Swedish, whole or its first three letters), 1..12, or 0. */
static int
month_of(const struct tok *t)
{
    int m;

    if (t->type != T_WORD || t->word[0] == '\0')
        return 0;
    for (m = 0; m < 12; m++) {
        if (strcmp(t->word, months_en[m]) == 0 || strcmp(t->word, months_sv[m]) == 0)
            return m + 1;
        if (strlen(t->word) == 3 &&
            (strncmp(t->word, months_en[m], 3) == 0 || strncmp(t->word, months_sv[m], 3) == 0))
            return m + 1;
    }
    /* "sept" */
    return strcmp(t->word, "sept") == 0 ? 9 : 0;
}

static bool
is_year(const struct tok *t)
{
    return t->type == T_NUM && t->digits == 4 && t->num >= PERIOD_MIN_YEAR &&
           t->num <= PERIOD_MAX_YEAR;
}

static bool
is_sep(const struct tok *t, char c)
{
    return t->type == T_SEP && t->sep == c;
}

static int
days_in(int year, int month)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

    return month == 2 && leap ? 29 : d[month - 1];
}

/* day/month valid (year 0: not known yet, so February 29 is allowed) */
static bool
valid_day(int year, int month, int day)
{
    if (month < 1 || month > 12 || day < 1)
        return false;
    return day <= (year == 0 && month == 2 ? 29 : days_in(year, month));
}

/* Quarter, half and month markers before a number: "Q1", "K1", "H2", "S1", "M01". */
static enum period_kind
marker_kind(const struct tok *t)
{
    if (word_is(t, "q") || word_is(t, "k") || word_is(t, "kv") || word_is(t, "quarter") ||
        word_is(t, "kvartal"))
        return PERIOD_QUARTER;
    if (word_is(t, "h") || word_is(t, "s") || word_is(t, "half") || word_is(t, "semester"))
        return PERIOD_HALF;
    if (word_is(t, "m"))
        return PERIOD_MONTH;
    return PERIOD_OTHER;
}

/* A marked sub-period "Q1" (the marker t[0], the number t[1]) into *p; its year set by the
 * caller. */
static bool
marked(const struct tok *t, struct point *p)
{
    enum period_kind k = marker_kind(&t[0]);
    int n = t[1].num;

    if (t[1].type != T_NUM || t[1].digits > 2)
        return false;
    if (k == PERIOD_QUARTER && n >= 1 && n <= 4) {
        p->month = (n - 1) * 3 + 1;
    } else if (k == PERIOD_HALF && n >= 1 && n <= 2) {
        p->month = (n - 1) * 6 + 1;
    } else if (k == PERIOD_MONTH && n >= 1 && n <= 12) {
        p->month = n;
    } else {
        return false;
    }
    p->kind = k;
    p->day = 1;
    return true;
}

/*
 * One point in time from tokens t[0..n). need_year: a whole label (a year must be there);
 * otherwise the start of a range, whose year may come from its end.
 */
static bool
point(const struct tok *t, int n, bool need_year, struct point *p)
{
    int a, b, m;

    memset(p, 0, sizeof(*p));
    p->month = p->day = 1;
    if (n == 1 && is_year(&t[0])) { /* 2015 */
        p->year = t[0].num;
        p->kind = PERIOD_YEAR;
        return true;
    }
    if (n == 3 && is_year(&t[0]) && is_sep(&t[1], '.') && t[2].type == T_NUM && t[2].num == 0) {
        p->year = t[0].num; /* 2015.0, as a spreadsheet writes a year */
        p->kind = PERIOD_YEAR;
        return true;
    }
    if (n == 3 && is_year(&t[0]) &&
        (is_sep(&t[1], '-') || is_sep(&t[1], '/') || is_sep(&t[1], 'T')) && t[2].type == T_NUM) {
        p->year = a = t[0].num;
        b = t[2].num;
        if ((t[2].digits == 2 && b == (a + 1) % 100) ||
            (t[2].digits == 4 && b > a && b <= PERIOD_MAX_YEAR)) {
            p->kind = PERIOD_SPLIT; /* 2009-10, 2015/2016, 2015-2017 */
            return true;
        }
        if (t[2].digits <= 2 && b >= 1 && b <= 12) {
            if (!is_sep(&t[1], '/')) {
                p->kind = PERIOD_MONTH; /* 2019-03 */
                p->month = b;
            } else {
                p->kind = PERIOD_PART; /* 2019/2 */
                p->part = b;
                p->day = b;
            }
            return true;
        }
        return false;
    }
    if (n == 2 && is_year(&t[0]) && t[1].type == T_NUM && t[1].digits == 2 && t[1].num >= 1 &&
        t[1].num <= 12) {
        p->year = t[0].num; /* 1993 01 */
        p->kind = PERIOD_MONTH;
        p->month = t[1].num;
        return true;
    }
    /* 2013 Q1, 2013-Q1, 2013Q1, 1993M01; Q1 2013, Q1-2013 */
    if ((n == 3 || n == 4) && is_year(&t[0])) {
        const struct tok *mk = n == 4 && is_sep(&t[1], '-') ? &t[2] : &t[1];

        if ((n == 3 || mk == &t[2]) && marked(mk, p)) {
            p->year = t[0].num;
            return true;
        }
    }
    if ((n == 3 || n == 4) && is_year(&t[n - 1])) {
        if ((n == 3 || is_sep(&t[2], '-')) && marked(&t[0], p)) {
            p->year = t[n - 1].num;
            return true;
        }
    }
    /* ISO date 2023-03-31 */
    if (n == 5 && is_year(&t[0]) && is_sep(&t[1], '-') && is_sep(&t[3], '-') &&
        t[2].type == T_NUM && t[4].type == T_NUM) {
        if (!valid_day(t[0].num, t[2].num, t[4].num))
            return false;
        p->year = t[0].num;
        p->month = t[2].num;
        p->day = t[4].num;
        p->kind = PERIOD_DATE;
        return true;
    }
    /* 31.03.2023, 31/03/2023 (day first unless the second cannot be a month), and a range's
     * start without its year: 01.03., 01.03 */
    if ((n == 5 || n == 4 || n == 3) && t[0].type == T_NUM && t[2].type == T_NUM &&
        t[0].digits <= 2 && t[2].digits <= 2 && (is_sep(&t[1], '.') || is_sep(&t[1], '/')) &&
        (n == 3 || t[3].type == T_SEP)) {
        char sep = t[1].sep;
        int y = 0;

        if (n == 5) {
            if (!is_sep(&t[3], sep) || !is_year(&t[4]))
                return false;
            y = t[4].num;
        } else if (need_year || (n == 4 && !is_sep(&t[3], sep))) {
            return false;
        }
        a = t[0].num;
        b = t[2].num;
        if (sep == '/' && b > 12 && a <= 12) {
            m = a; /* 12/31/2023 */
            a = b;
            b = m;
        }
        if (!valid_day(y, b, a))
            return false;
        p->year = y;
        p->month = b;
        p->day = a;
        p->kind = PERIOD_DATE;
        return true;
    }
    /* 31 March 2023, 31 March (a range's start) */
    if ((n == 3 || n == 2) && t[0].type == T_NUM && t[0].digits <= 2 && (m = month_of(&t[1]))) {
        if (n == 3 && !is_year(&t[2]))
            return false;
        if (n == 2 && need_year)
            return false;
        p->year = n == 3 ? t[2].num : 0;
        if (!valid_day(p->year, m, t[0].num))
            return false;
        p->month = m;
        p->day = t[0].num;
        p->kind = PERIOD_DATE;
        return true;
    }
    /* March 31, 2023 / March 31 2023 */
    if ((n == 4 || n == 3) && (m = month_of(&t[0])) && t[1].type == T_NUM && t[1].digits <= 2 &&
        is_year(&t[n - 1]) && (n == 3 || is_sep(&t[2], ','))) {
        if (!valid_day(t[n - 1].num, m, t[1].num))
            return false;
        p->year = t[n - 1].num;
        p->month = m;
        p->day = t[1].num;
        p->kind = PERIOD_DATE;
        return true;
    }
    /* January 1993, 1993 January, and a range's start "May" */
    if (n == 2 && (m = month_of(&t[0])) && is_year(&t[1])) {
        p->year = t[1].num;
        p->month = m;
        p->kind = PERIOD_MONTH;
        return true;
    }
    if (n == 2 && is_year(&t[0]) && (m = month_of(&t[1]))) {
        p->year = t[0].num;
        p->month = m;
        p->kind = PERIOD_MONTH;
        return true;
    }
    if (n == 1 && !need_year && (m = month_of(&t[0]))) {
        p->month = m;
        p->kind = PERIOD_MONTH;
        return true;
    }
    return false;
}

static bool
is_range_sep(const struct tok *t)
{
    return is_sep(t, 'T') || is_sep(t, '-') || word_is(t, "to") || word_is(t, "till") ||
           word_is(t, "until") || word_is(t, "through") || word_is(t, "tom");
}

static int64_t
key_of(int year, int month, int day)
{
    return (int64_t)year * 10000 + month * 100 + day;
}

/* "A to B": B must be a whole point; A may lack its year (then B's, or the year before when A's
 * month comes after B's: "December to January 2023"). */
static bool
range(const struct toks *tk, struct period *out)
{
    struct point a, b;
    int i;

    for (i = 1; i < tk->n - 1; i++) {
        if (!is_range_sep(&tk->t[i]))
            continue;
        if (!point(&tk->t[i + 1], tk->n - i - 1, true, &b) || !point(tk->t, i, false, &a))
            continue;
        if (a.year == 0) {
            a.year = b.year;
            if (a.month > b.month || (a.month == b.month && a.day > b.day))
                a.year--;
            if (!valid_day(a.year, a.month, a.day))
                continue;
        }
        if (key_of(a.year, a.month, a.day) > key_of(b.year, b.month, b.day))
            continue; /* a range that ends before it starts is no period */
        out->kind = PERIOD_RANGE;
        out->year = a.year;
        out->key = key_of(a.year, a.month, a.day);
        return true;
    }
    return false;
}

bool
period_parse(const char *s, size_t len, struct period *out, const char **why)
{
    struct toks tk;
    struct point p;
    int i, year = 0;

    memset(out, 0, sizeof(*out));
    *why = NULL;
    if (!tokenize(s, len, &tk)) {
        /* a label with characters no period has may still name a year: the fallback below
         * reads the digits itself */
        tk.n = 0;
    }
    if (tk.n > 0 && point(tk.t, tk.n, true, &p)) {
        out->kind = p.kind;
        out->year = p.year;
        out->key = key_of(p.year, p.month, p.day);
        return true;
    }
    if (tk.n > 0 && range(&tk, out))
        return true;
    /* any other label: one plausible year standing alone ("FY2015", "2015 week 3") */
    {
        const unsigned char *b = (const unsigned char *)s, *e = b + len, *q;

        for (q = b; q + 4 <= e; q++) {
            if (!is_digit(q[0]) || !is_digit(q[1]) || !is_digit(q[2]) || !is_digit(q[3]))
                continue;
            if ((q > b && is_digit(q[-1])) || (q + 4 < e && is_digit(q[4])))
                continue;
            i = (q[0] - '0') * 1000 + (q[1] - '0') * 100 + (q[2] - '0') * 10 + (q[3] - '0');
            if (i < 1800 || i > 2199)
                continue;
            if (year != 0 && year != i) {
                *why = N_("names more than one year and is no period this program can read "
                          "(such as 2015, 2015-16, 2015 Q1, 2015-03 or 1 May to 30 June 2015)");
                return false;
            }
            year = i;
        }
    }
    if (year == 0) {
        *why = N_("names no year (such as 2015, 2015-16, 2015 Q1, 2015-03 or 1 May to 30 June "
                  "2015)");
        return false;
    }
    out->kind = PERIOD_OTHER;
    out->year = year;
    out->key = key_of(year, 1, 1);
    return true;
}

const char *
period_kind_name(enum period_kind kind)
{
    switch (kind) {
    case PERIOD_YEAR:
        return "year";
    case PERIOD_SPLIT:
        return "split year";
    case PERIOD_HALF:
        return "half";
    case PERIOD_QUARTER:
        return "quarter";
    case PERIOD_MONTH:
        return "month";
    case PERIOD_PART:
        return "part of a year";
    case PERIOD_DATE:
        return "date";
    case PERIOD_RANGE:
        return "range";
    default:
        return "period";
    }
}
