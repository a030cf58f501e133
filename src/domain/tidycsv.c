/*
 * tidycsv.c — streaming tidy-CSV reader on libcsv (see tidycsv.h).
 *
 * libcsv hands us fields and row ends; we keep one row's fields at a time.
 * Physical line numbers are tracked by counting the newlines inside quoted
 * fields, so an error on a row after a multi-line cell still names the line
 * an editor shows.
 *
 * The messages are English msgids, said in the thread's language (gettext at format time:
 * tidy_refuse, tidy_fail, the notices): the server has switched a request's thread to the
 * request's language before the import runs in its handler (i18n_use), while the CLI binds
 * no text domain, so there gettext returns the msgid and the CLI speaks English. The column
 * names Year, Value, Series, Units and Progress are the file format's words: no translation
 * changes them. Texts from a library (libcsv's csv_strerror) are quoted as they are.
 */
#include "domain/tidycsv.h"

#include <csv.h>
#include <errno.h>
#include <libintl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/log.h"
#include "core/str.h"
#include "core/utf8.h"

/* bytes of a header line at the limits (every name quoted, every quote doubled): the first
 * line is held whole to find its separator, never more than this */
#define HEAD_MAX (TIDY_MAX_COLUMNS * (2 * TIDY_MAX_FIELD + 3) + 3)

struct tidy_reader {
    struct csv_parser p;
    tidy_header_cb on_header;
    tidy_row_cb on_row;
    tidy_notice_cb on_notice;
    void *ctx;
    long max_rows;
    struct tidy_header h;
    int n_fields; /* fields of the header: its columns and the empty ones ignored after them */
    bool have_header;
    char *fields[TIDY_MAX_COLUMNS];
    size_t lens[TIDY_MAX_COLUMNS];
    size_t caps[TIDY_MAX_COLUMNS]; /* field buffers are kept and reused row after row */
    int n;
    bool too_many;
    long line;     /* physical line where the current row starts */
    long newlines; /* newlines inside the current row's fields */
    long rows;
    struct buf disagg;
    struct buf attrs;
    /* the first line, held until its separator is known (sniff) */
    bool sniffed, head_quoted;
    char sep;
    struct buf head;
    enum err rc;
    struct tidy_error err;
    bool bom_checked;
};

/* ------------------------------------------------------------ the spreadsheet guard */

/*
 * Would a spreadsheet run s[0..len) as a formula rather than show it? = and @ start one
 * (@SUM(A1)), so do TAB and CR in front of one; a sign does unless it stands alone ("-", a
 * dash for "no data") or is followed by a space and words only ("- x", "- not available":
 * nothing there can compute, call or refer to a cell).
 */
static bool
evaluated(const char *s, size_t len)
{
    size_t i;
    unsigned char c;

    if (len == 0)
        return false;
    if (s[0] == '=' || s[0] == '@' || s[0] == '\t' || s[0] == '\r')
        return true;
    if (s[0] != '+' && s[0] != '-')
        return false;
    if (len == 1)
        return false;
    if (s[1] != ' ')
        return true;
    for (i = 2; i < len; i++) {
        c = (unsigned char)s[i];
        if (!(c == ' ' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80))
            return true;
    }
    return false;
}

/* The guard's domain: apostrophes, if any, before text a spreadsheet would run. */
static bool
formula_like_n(const char *s, size_t len)
{
    while (len > 0 && *s == '\'') {
        s++;
        len--;
    }
    return evaluated(s, len);
}

bool
tidy_formula_like(const char *s)
{
    return formula_like_n(s, strlen(s));
}

const char *
tidy_unformula(const char *s)
{
    return s[0] == '\'' && tidy_formula_like(s + 1) ? s + 1 : s;
}

/* ------------------------------------------------------------ limits (CSV and JSON) */

static const struct {
    const char *name;
    size_t max;
} field_max[] = {
    {"Year", TIDY_MAX_PERIOD},
    {"Value", TIDY_MAX_NUMBER},
    {"Progress", TIDY_MAX_NUMBER},
}; /* every other field: TIDY_MAX_FIELD */

size_t
tidy_field_max(const char *field)
{
    size_t i;

    for (i = 0; i < sizeof(field_max) / sizeof(field_max[0]); i++)
        if (strcmp(field, field_max[i].name) == 0)
            return field_max[i].max;
    return TIDY_MAX_FIELD;
}

/* Bytes of s[0..n) to quote in a message, at most max, cut on a character boundary (s need
 * not be NUL-terminated). */
static int
shown_max(const char *s, size_t n, size_t max)
{
    if (n <= max)
        return (int)n;
    n = max;
    while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
        n--;
    return (int)n;
}

static int
shown_n(const char *s, size_t n)
{
    return shown_max(s, n, 60);
}

int
tidy_shown(const char *s)
{
    return shown_n(s, strlen(s));
}

/* A problem of one value (field NULL: not one field's), its message fmt (a msgid) said in the
 * thread's language; named apart from its kind so that `make pot` finds fmt (POT_KEYWORDS) */
static enum err tidy_refuse(struct tidy_error *e, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static enum err
tidy_refuse(struct tidy_error *e, const char *field, const char *fmt, ...)
{
    va_list ap;

    snprintf(e->field, sizeof(e->field), "%s", field ? field : "");
    va_start(ap, fmt);
    utf8_vformat(e->msg, sizeof(e->msg), gettext(fmt), ap);
    va_end(ap);
    return ERR_INVALID;
}

/* The message for a value of field (NULL: a column name) longer than its maximum. */
static enum err
too_long(struct tidy_error *e, const char *field)
{
    if (field == NULL)
        return tidy_refuse(e, NULL, "a column name is longer than %d bytes", TIDY_MAX_FIELD);
    return tidy_refuse(e, field, "%.*s is longer than %zu bytes", tidy_shown(field), field,
                       tidy_field_max(field));
}

enum err
tidy_check_text(const char *field, const char *s, size_t len, struct tidy_error *e)
{
    size_t at;

    if (len > tidy_field_max(field))
        return too_long(e, field);
    at = str_find_control(s, len);
    if (at < len)
        return tidy_refuse(e, field, "%.*s contains the control character U+%04X",
                           tidy_shown(field), field, str_control_at(s + at, len - at));
    return ERR_OK;
}

enum err
tidy_check_name(const char *name, size_t len, struct tidy_error *e)
{
    size_t at;

    if (len == 0)
        return tidy_refuse(e, NULL, "empty column name");
    if (len > TIDY_MAX_FIELD)
        return too_long(e, NULL);
    at = str_find_control(name, len);
    if (at < len)
        return tidy_refuse(e, NULL,
                           "the column name \"%.*s\" contains the control character U+%04X",
                           shown_n(name, at), name, str_control_at(name + at, len - at));
    /* the export guards a cell a spreadsheet would run as a formula ('=1' is written "'=1"),
     * and header names are read as written: a name so guarded would not import back as the
     * same column */
    if (formula_like_n(name, len))
        return tidy_refuse(
            e, NULL,
            "the column name \"%.*s\" starts with =, +, -, @, TAB or CR (a spreadsheet "
            "would take it for a formula)",
            shown_n(name, len), name);
    if (memchr(name, '=', len) != NULL)
        return tidy_refuse(e, NULL, "the column name \"%.*s\" contains \"=\"", shown_n(name, len),
                           name);
    return ERR_OK;
}

enum err
tidy_check_number(const char *field, const char *text, double v, struct tidy_error *e)
{
    if (!isfinite(v) || fabs(v) > TIDY_MAX_ABS)
        return tidy_refuse(e, field,
                           "%s \"%.*s\" is out of range (at most 1e15 either side of zero)", field,
                           tidy_shown(text), text);
    return ERR_OK;
}

enum err
tidy_check_series_key(size_t series_len, size_t unit_len, size_t disagg_len, struct tidy_error *e)
{
    if (series_len + unit_len + disagg_len > TIDY_MAX_SERIES_KEY)
        return tidy_refuse(e, NULL,
                           "Series, Units and the disaggregation together are longer than %d bytes",
                           TIDY_MAX_SERIES_KEY);
    return ERR_OK;
}

/* GeoCode is not among them although sdg-build lists it: where a file has no other column
 * for the place (the USA's "Year,GeoCode,Value"), it alone tells a state's values from the
 * nation's, so it stays a breakdown (an empty GeoCode is the headline) */
static const char *const attribute_names[] = {
    "Observation status", "Unit multiplier", "Unit measure",     "UNIT_MEASURE", "SERIES",
    "COMMENT_OBS",        "COMMENT_TS",      "DATA_LAST_UPDATE",
};
_Static_assert(sizeof(attribute_names) / sizeof(attribute_names[0]) == TIDY_N_ATTRIBUTES,
               "TIDY_N_ATTRIBUTES counts attribute_names");

/*
 * The attribute columns that name a unit or a series (Open SDG reads SDMX files with
 * UNIT_MEASURE and SERIES as its unit and series columns): in a file without Units (or
 * Series) the first of them is that column, part of the series' identity, since it may be
 * all that tells two series apart ("1000 metric tonnes" and "DMC per capita (tonnes)").
 */
static void
identity_attributes(struct tidy_header *h)
{
    static const char *const units[] = {"Unit measure", "UNIT_MEASURE"};
    const char *name;
    int i, k;
    size_t u;

    for (i = 0; i < h->n_attrs; i++) {
        name = h->names[h->attr_cols[i]];
        for (u = 0; u < sizeof(units) / sizeof(units[0]); u++)
            if (h->units_col < 0 && strcmp(name, units[u]) == 0)
                h->units_col = h->attr_cols[i];
        if (h->series_col < 0 && strcmp(name, "SERIES") == 0)
            h->series_col = h->attr_cols[i];
    }
    for (i = k = 0; i < h->n_attrs; i++)
        if (h->attr_cols[i] != h->units_col && h->attr_cols[i] != h->series_col)
            h->attr_cols[k++] = h->attr_cols[i];
    h->n_attrs = k;
}

const char *
tidy_attribute(int i)
{
    return i >= 0 && i < TIDY_N_ATTRIBUTES ? attribute_names[i] : NULL;
}

bool
tidy_is_attribute(const char *name)
{
    size_t i;

    for (i = 0; i < TIDY_N_ATTRIBUTES; i++)
        if (strcmp(name, attribute_names[i]) == 0)
            return true;
    return false;
}

/* ------------------------------------------------------------ reader */

/* The reader's first problem, at line:column, fmt (a msgid) said in the thread's language
 * (a text ngettext has already translated comes back from gettext as it is) */
static enum err tidy_fail(struct tidy_reader *t, enum err rc, long line, int column,
                          const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static enum err
tidy_fail(struct tidy_reader *t, enum err rc, long line, int column, const char *fmt, ...)
{
    va_list ap;

    if (t->rc)
        return t->rc;
    t->rc = rc;
    t->err.line = line;
    t->err.column = column;
    t->err.field[0] = '\0';
    va_start(ap, fmt);
    utf8_vformat(t->err.msg, sizeof(t->err.msg), gettext(fmt), ap);
    va_end(ap);
    return rc;
}

/* Fail with a problem described in e (message and field), placed at line:column. */
static enum err
fail_e(struct tidy_reader *t, enum err rc, long line, int column, const struct tidy_error *e)
{
    if (t->rc)
        return t->rc;
    t->rc = rc;
    t->err = *e;
    t->err.line = line;
    t->err.column = column;
    return rc;
}

static const char *
col_name(const struct tidy_reader *t, int c)
{
    return t->have_header && c < t->h.n_columns ? t->h.names[c] : "?";
}

/*
 * The limits a field breaks by its place and length alone: checked when it is complete
 * (on_field) and, the same way, while libcsv still gathers it (tidy_feed), so that the
 * error is the same however the input is cut into chunks. True after failing.
 */
static bool
field_over(struct tidy_reader *t, size_t len)
{
    struct tidy_error e;

    if (t->n >= TIDY_MAX_COLUMNS) {
        tidy_fail(t, ERR_LIMIT, t->line, t->n + 1, "more than %d columns", TIDY_MAX_COLUMNS);
        return true;
    }
    if (t->have_header && t->n >= t->n_fields) {
        /* past the header's columns: data_row refuses the row for its count */
        if (len <= TIDY_MAX_FIELD)
            return false;
        tidy_fail(t, ERR_INVALID, t->line, t->n + 1,
                  ngettext("field %d is longer than %d bytes (and the header has %d column)",
                           "field %d is longer than %d bytes (and the header has %d columns)",
                           (unsigned long)t->n_fields),
                  t->n + 1, TIDY_MAX_FIELD, t->n_fields);
        return true;
    }
    if (t->have_header && t->n >= t->h.n_columns) {
        /* an empty column at the end of the header is ignored only while every cell of it is
         * empty: a value there would be lost */
        if (len == 0)
            return false;
        tidy_fail(t, ERR_INVALID, t->line, t->n + 1,
                  "column %d has no name, but this line has a value in it: name the column, or "
                  "empty it",
                  t->n + 1);
        return true;
    }
    if (len <= (t->have_header ? tidy_field_max(t->h.names[t->n]) : TIDY_MAX_FIELD))
        return false;
    too_long(&e, t->have_header ? t->h.names[t->n] : NULL);
    fail_e(t, ERR_INVALID, t->line, t->n + 1, &e);
    return true;
}

static void
on_field(void *s, size_t len, void *vt)
{
    struct tidy_reader *t = vt;
    struct tidy_error e;
    enum err rc;
    size_t i;

    if (t->rc)
        return;
    for (i = 0; i < len; i++)
        if (((char *)s)[i] == '\n')
            t->newlines++;
    if (field_over(t, len))
        return;
    if (!utf8_valid(s, len)) {
        tidy_fail(t, ERR_INVALID, t->line, t->n + 1, "invalid UTF-8");
        return;
    }
    /* a column name, or a value against its column's maximum (a row with more fields than
     * the header fails on its count in data_row); an empty name is header_row's to judge (at
     * the end of the header it may be a spreadsheet's empty column) */
    if (!t->have_header)
        rc = len > 0 ? tidy_check_name(s, len, &e) : ERR_OK;
    else if (t->n < t->h.n_columns)
        rc = tidy_check_text(t->h.names[t->n], s, len, &e);
    else
        rc = ERR_OK;
    if (rc) {
        fail_e(t, rc, t->line, t->n + 1, &e);
        return;
    }
    if (t->fields[t->n] == NULL || t->caps[t->n] < len + 1) {
        t->caps[t->n] = len + 1 < 32 ? 32 : len + 1;
        t->fields[t->n] = realloc(t->fields[t->n], t->caps[t->n]);
        if (t->fields[t->n] == NULL)
            die("out of memory");
    }
    memcpy(t->fields[t->n], s, len);
    t->fields[t->n][len] = '\0';
    t->lens[t->n] = len;
    t->n++;
}

/*
 * The header has no Year or no Value column: say what it reads as and what to rename (the
 * format is Open SDG's, whatever language the spreadsheet speaks: "År;Värde" needs the
 * names Year and Value).
 */
static void
no_year_value(struct tidy_reader *t)
{
    const struct tidy_header *h = &t->h;
    char seen[160];
    size_t n = 0;
    int i;

    /* each part a whole phrase of the language, the names in its quotation marks */
    if (h->n_columns == 1)
        n = (size_t)snprintf(seen, sizeof(seen), gettext("one column \"%.*s\""),
                             shown_max(h->names[0], strlen(h->names[0]), 40), h->names[0]);
    else
        n = (size_t)snprintf(seen, sizeof(seen),
                             ngettext("%d column", "%d columns", (unsigned long)h->n_columns),
                             h->n_columns);
    for (i = 0; h->n_columns > 1 && i < h->n_columns && i < 3; i++) {
        if (n < sizeof(seen))
            n += (size_t)snprintf(seen + n, sizeof(seen) - n, "%s", i ? ", " : ": ");
        if (n < sizeof(seen))
            n += (size_t)snprintf(seen + n, sizeof(seen) - n, gettext("\"%.*s\""),
                                  shown_max(h->names[i], strlen(h->names[i]), 20), h->names[i]);
    }
    if (h->n_columns > 3 && n < sizeof(seen))
        snprintf(seen + n, sizeof(seen) - n, ", ...");
    tidy_fail(t, ERR_INVALID, t->line, 0,
              "the first line has no \"%s\" column; it reads as %s — %s",
              h->year_col < 0 ? "Year" : "Value", seen,
              h->year_col < 0 && h->value_col < 0 ? gettext("name the columns Year and Value")
              : h->year_col < 0                   ? gettext("name the period column Year")
                                                  : gettext("name the value column Value"));
}

static void
header_row(struct tidy_reader *t)
{
    struct tidy_header *h = &t->h;
    int i, k;
    char *name;

    h->year_col = h->value_col = h->series_col = h->units_col = h->progress_col = -1;
    h->source_col = h->note_col = -1;
    h->sep = t->sep;
    /* Swedish Excel saves "CSV" with semicolons because its decimal separator is the comma */
    h->decimal_comma = t->sep == ';';
    for (i = 0; i < t->n; i++) {
        name = t->fields[i];
        t->fields[i] = NULL; /* the header keeps the names */
        t->caps[i] = 0;
        /* a UTF-8 byte-order mark before the first name is tolerated */
        if (i == 0 && strncmp(name, "\xef\xbb\xbf", 3) == 0)
            memmove(name, name + 3, strlen(name) - 2);
        h->names[i] = name;
    }
    /* a spreadsheet saves the empty columns after the last one used ("Value,,,,"): they are
     * ignored (their cells must be empty too, field_over); an empty name before a named
     * column is refused */
    t->n_fields = t->n;
    h->n_columns = t->n;
    while (h->n_columns > 0 && *h->names[h->n_columns - 1] == '\0')
        h->n_columns--;
    h->n_ignored = t->n_fields - h->n_columns;
    for (i = 0; i < h->n_columns; i++) {
        name = (char *)h->names[i];
        if (*name == '\0') {
            tidy_fail(t, ERR_INVALID, t->line, i + 1, "empty column name");
            return;
        }
        for (k = 0; k < i; k++)
            if (strcmp(h->names[k], name) == 0) {
                tidy_fail(t, ERR_INVALID, t->line, i + 1, "column \"%s\" appears twice", name);
                return;
            }
        if (strcmp(name, "Year") == 0)
            h->year_col = i;
        else if (strcmp(name, "Value") == 0)
            h->value_col = i;
        else if (strcmp(name, "Series") == 0)
            h->series_col = i;
        else if (strcmp(name, "Units") == 0)
            h->units_col = i;
        else if (strcmp(name, "Progress") == 0)
            h->progress_col = i;
        else if (strcmp(name, "Source") == 0)
            h->source_col = i;
        else if (strcmp(name, "Note") == 0)
            h->note_col = i;
        else if (tidy_is_attribute(name))
            h->attr_cols[h->n_attrs++] = i;
        else
            h->dim_cols[h->n_dims++] = i;
    }
    identity_attributes(h);
    if (h->year_col < 0 || h->value_col < 0) {
        no_year_value(t);
        return;
    }
    t->have_header = true;
    if (h->decimal_comma && t->on_notice != NULL)
        t->on_notice(t->ctx, t->line, 0,
                     gettext("read as semicolon-separated with decimal commas, as Swedish Excel "
                             "saves"));
    if (t->on_header != NULL) {
        struct tidy_error e = {.line = t->line};
        enum err rc = t->on_header(t->ctx, h, &e);
        if (rc)
            fail_e(t, rc, e.line, e.column, &e);
    }
}

/*
 * A number as Swedish Excel writes it, "1 234,5" (a decimal comma; a space, U+00A0 or U+202F
 * between digits to group them), into out as "1234.5". False if s is not so written: a
 * second comma, a comma and a point, a space that does not sit between two digits.
 */
static bool
decimal_comma(const char *s, char *out, size_t size)
{
    size_t n = 0, blank;
    bool comma = false;

    for (; *s; s++) {
        blank = *s == ' '                            ? 1
                : strncmp(s, "\xc2\xa0", 2) == 0     ? 2
                : strncmp(s, "\xe2\x80\xaf", 3) == 0 ? 3
                                                     : 0;
        if (blank > 0) {
            if (n == 0 || out[n - 1] < '0' || out[n - 1] > '9' || s[blank] < '0' || s[blank] > '9')
                return false;
            s += blank - 1;
            continue;
        }
        if (*s == '.' || (*s == ',' && comma) || n + 1 >= size)
            return false;
        comma = comma || *s == ',';
        out[n++] = *s == ',' ? '.' : *s;
    }
    out[n] = '\0';
    return true;
}

/* "Inf", "-infinity", "NaN", "1e400": a number, but none a chart or a projection can use. */
static bool
is_infinite(const char *s)
{
    char *end;
    double v;

    errno = 0;
    v = strtod(s, &end);
    return end != s && *end == '\0' && (!isfinite(v) || (errno == ERANGE && fabs(v) > 1));
}

static bool
parse_number(struct tidy_reader *t, int col, double *out, bool *present)
{
    const char *s = t->fields[col];
    char plain[TIDY_MAX_NUMBER + 1];
    struct tidy_error e;

    *present = *s != '\0';
    if (!*present)
        return true;
    /* "50,5" and "1 234" in the semicolon dialect (a number with a point reads as usual) */
    if (t->h.decimal_comma && strpbrk(s, ", \xc2\xe2") != NULL &&
        decimal_comma(s, plain, sizeof(plain)))
        s = plain;
    if (str_to_double(s, out) != ERR_OK) {
        /* two whole sentences: a translation never joins one from pieces */
        if (is_infinite(s))
            tidy_fail(t, ERR_INVALID, t->line, col + 1, "%s \"%s\" is not a finite number",
                      col_name(t, col), t->fields[col]);
        else
            tidy_fail(t, ERR_INVALID, t->line, col + 1, "%s \"%s\" is not a number",
                      col_name(t, col), t->fields[col]);
        return false;
    }
    if (tidy_check_number(col_name(t, col), t->fields[col], *out, &e) != ERR_OK) {
        fail_e(t, ERR_INVALID, t->line, col + 1, &e);
        return false;
    }
    return true;
}

static void
data_row(struct tidy_reader *t)
{
    const struct tidy_header *h = &t->h;
    struct tidy_row r;
    struct tidy_error e;
    const char *why;
    double v, pv;
    bool hv, hp;
    int i, c;
    enum err rc;

    if (t->n != t->n_fields) {
        tidy_fail(t, ERR_INVALID, t->line, 0,
                  ngettext("%d field where the header has %d", "%d fields where the header has %d",
                           (unsigned long)t->n),
                  t->n, t->n_fields);
        return;
    }
    if (t->max_rows > 0 && t->rows >= t->max_rows) {
        tidy_fail(t, ERR_LIMIT, t->line, 0,
                  ngettext("more than %ld row", "more than %ld rows", (unsigned long)t->max_rows),
                  t->max_rows);
        return;
    }
    memset(&r, 0, sizeof(r));
    r.line = t->line;
    r.period = t->fields[h->year_col];
    if (!period_parse(r.period, t->lens[h->year_col], &r.p, &why)) {
        tidy_fail(t, ERR_INVALID, t->line, h->year_col + 1, "Year \"%.*s\" %s",
                  tidy_shown(r.period), r.period, gettext(why));
        return;
    }
    /* a period is exported as written: one a spreadsheet would run is never stored */
    if (tidy_formula_like(r.period)) {
        tidy_fail(t, ERR_INVALID, t->line, h->year_col + 1, "Year \"%.*s\" %s",
                  tidy_shown(r.period), r.period, gettext(TIDY_FORMULA_PERIOD));
        return;
    }
    r.year = r.p.year;
    if (!parse_number(t, h->value_col, &v, &hv))
        return;
    r.has_value = hv;
    r.value = hv ? v : NAN;
    if (h->progress_col >= 0) {
        if (!parse_number(t, h->progress_col, &pv, &hp))
            return;
        r.has_progress = hp;
        r.progress = hp ? pv : NAN;
    }
    r.series = h->series_col >= 0 ? tidy_unformula(t->fields[h->series_col]) : "";
    r.unit = h->units_col >= 0 ? tidy_unformula(t->fields[h->units_col]) : "";
    r.source = h->source_col >= 0 ? tidy_unformula(t->fields[h->source_col]) : "";
    r.note = h->note_col >= 0 ? tidy_unformula(t->fields[h->note_col]) : "";
    buf_reset(&t->disagg);
    for (i = 0; i < h->n_dims; i++) {
        c = h->dim_cols[i];
        if (*t->fields[c] == '\0')
            continue;
        if (t->disagg.len > 0)
            buf_addc(&t->disagg, TIDY_DISAGG_SEP);
        buf_adds(&t->disagg, h->names[c]);
        buf_addc(&t->disagg, '=');
        buf_adds(&t->disagg, tidy_unformula(t->fields[c]));
    }
    /* the buffer holds one byte more than a series key may have: overflowing it is that
     * error, never a shorter key */
    if (buf_err(&t->disagg) ||
        tidy_check_series_key(strlen(r.series), strlen(r.unit), t->disagg.len, &e) != ERR_OK) {
        tidy_check_series_key(TIDY_MAX_SERIES_KEY + 1, 0, 0, &e);
        fail_e(t, ERR_INVALID, t->line, 0, &e);
        return;
    }
    r.disagg = t->disagg.data ? t->disagg.data : "";
    /* attributes as disaggregations are written, but no part of the series' identity (the
     * buffer holds every column at its maximum: it cannot overflow) */
    buf_reset(&t->attrs);
    for (i = 0; i < h->n_attrs; i++) {
        c = h->attr_cols[i];
        if (*t->fields[c] == '\0')
            continue;
        if (t->attrs.len > 0)
            buf_addc(&t->attrs, TIDY_DISAGG_SEP);
        buf_adds(&t->attrs, h->names[c]);
        buf_addc(&t->attrs, '=');
        buf_adds(&t->attrs, tidy_unformula(t->fields[c]));
    }
    r.attrs = t->attrs.data ? t->attrs.data : "";
    /* text cells as stored: without the apostrophe an export put before formula-like
     * text (Year and Value are numbers, read above) */
    for (i = 0; i < h->n_columns; i++)
        r.cells[i] = tidy_unformula(t->fields[i]);
    t->rows++;
    if (t->on_row != NULL) {
        e.line = t->line;
        e.column = 0;
        e.field[0] = '\0';
        e.msg[0] = '\0';
        rc = t->on_row(t->ctx, h, &r, &e);
        if (rc)
            fail_e(t, rc, e.line, e.column, &e);
    }
}

/* A row with no text at all: a blank line, or a spreadsheet's empty row (",,,,"). */
static bool
row_blank(const struct tidy_reader *t)
{
    int i;

    for (i = 0; i < t->n; i++)
        if (t->lens[i] > 0)
            return false;
    return true;
}

static void
on_row(int c, void *vt)
{
    struct tidy_reader *t = vt;

    (void)c;
    if (t->rc == ERR_OK) {
        if (!t->have_header)
            header_row(t);
        else if (!row_blank(t))
            data_row(t); /* a blank line is skipped */
    }
    t->n = 0;
    t->line += 1 + t->newlines;
    t->newlines = 0;
}

struct tidy_reader *
tidy_new(tidy_header_cb on_header, tidy_row_cb on_row_cb, void *ctx, long max_rows)
{
    struct tidy_reader *t = calloc(1, sizeof(*t));

    if (t == NULL)
        die("out of memory");
    if (csv_init(&t->p, CSV_STRICT | CSV_STRICT_FINI) != 0)
        die("out of memory");
    t->on_header = on_header;
    t->on_row = on_row_cb;
    t->ctx = ctx;
    t->max_rows = max_rows;
    t->line = 1;
    buf_init(&t->disagg, TIDY_MAX_SERIES_KEY + 1);
    buf_init(&t->attrs, TIDY_MAX_COLUMNS * (2 * TIDY_MAX_FIELD + 2));
    buf_init(&t->head, HEAD_MAX);
    t->sep = ',';
    return t;
}

/*
 * libcsv gathers a field whole before handing it over. It is fed no more than the bytes
 * that could take the current field past TIDY_MAX_FIELD (each byte adds at most one), and
 * byte by byte from there, so a field over the limit is refused at the very byte that
 * takes it over: memory stays bounded, and the error (or a syntax error libcsv finds
 * first) is the same however the input is cut into chunks.
 */
static enum err
feed_csv(struct tidy_reader *t, const char *data, size_t len)
{
    size_t done, n, off;

    for (off = 0; off < len && t->rc == ERR_OK; off += n) {
        n = t->p.entry_pos < TIDY_MAX_FIELD ? TIDY_MAX_FIELD + 1 - t->p.entry_pos : 1;
        if (n > len - off)
            n = len - off;
        done = csv_parse(&t->p, data + off, n, on_field, on_row, t);
        if (t->rc)
            break;
        if (done != n)
            return tidy_fail(t, ERR_INVALID, t->line, t->n + 1, "malformed CSV (%s)",
                             csv_strerror(csv_error(&t->p)));
        /* the field so far, less the trailing spaces libcsv will trim if nothing follows */
        if (t->p.entry_pos - t->p.spaces > TIDY_MAX_FIELD &&
            field_over(t, t->p.entry_pos - t->p.spaces))
            break;
    }
    return t->rc;
}

/*
 * The separator, from the first line (or its first HEAD_MAX bytes): a semicolon when the line
 * has semicolons and no comma outside quotes, as Swedish Excel writes; else a comma. Then
 * the line goes to libcsv.
 */
static enum err
sniff(struct tidy_reader *t)
{
    int commas = 0, semicolons = 0;
    bool quoted = false;
    size_t i;
    char c;

    for (i = 0; i < t->head.len; i++) {
        c = t->head.data[i];
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && c == ',')
            commas++;
        else if (!quoted && c == ';')
            semicolons++;
    }
    t->sep = semicolons > 0 && commas == 0 ? ';' : ',';
    csv_set_delim(&t->p, (unsigned char)t->sep);
    t->sniffed = true;
    return t->head.len > 0 ? feed_csv(t, t->head.data, t->head.len) : ERR_OK;
}

enum err
tidy_feed(struct tidy_reader *t, const char *data, size_t len)
{
    size_t i;
    bool end = false;

    if (t->rc || t->sniffed)
        return t->rc ? t->rc : feed_csv(t, data, len);
    /* the first line is held until its end (a line break outside quotes) or HEAD_MAX bytes:
     * the same separator however the input is cut into chunks */
    for (i = 0; i < len && !end; i++) {
        buf_addc(&t->head, data[i]);
        if (data[i] == '"')
            t->head_quoted = !t->head_quoted;
        end = (!t->head_quoted && (data[i] == '\n' || data[i] == '\r')) || t->head.len >= HEAD_MAX;
    }
    if (!end)
        return ERR_OK;
    if (sniff(t) != ERR_OK)
        return t->rc;
    buf_free(&t->head);
    return i < len ? feed_csv(t, data + i, len - i) : t->rc;
}

enum err
tidy_finish(struct tidy_reader *t)
{
    if (t->rc == ERR_OK && !t->sniffed)
        sniff(t); /* a file of one line */
    if (t->rc)
        return t->rc;
    if (csv_fini(&t->p, on_field, on_row, t) != 0 && t->rc == ERR_OK)
        return tidy_fail(t, ERR_INVALID, t->line, t->n + 1, "malformed CSV (%s)",
                         csv_strerror(csv_error(&t->p)));
    if (t->rc)
        return t->rc;
    if (!t->have_header)
        return tidy_fail(t, ERR_INVALID, 1, 0, "empty file");
    /* said once the file is read: only then is every cell of them known to be empty */
    if (t->h.n_ignored > 0 && t->on_notice != NULL) {
        char msg[160];

        snprintf(msg, sizeof(msg),
                 ngettext("%d empty column at the end of the header was ignored",
                          "%d empty columns at the end of the header were ignored",
                          (unsigned long)t->h.n_ignored),
                 t->h.n_ignored);
        t->on_notice(t->ctx, 1, t->h.n_columns + 1, msg);
    }
    return ERR_OK;
}

const struct tidy_error *
tidy_error(const struct tidy_reader *t)
{
    return &t->err;
}

long
tidy_rows(const struct tidy_reader *t)
{
    return t->rows;
}

void
tidy_on_notice(struct tidy_reader *t, tidy_notice_cb cb)
{
    t->on_notice = cb;
}

void
tidy_free(struct tidy_reader *t)
{
    int i;

    if (t == NULL)
        return;
    csv_free(&t->p);
    for (i = 0; i < TIDY_MAX_COLUMNS; i++) {
        free(t->fields[i]);
        free((char *)t->h.names[i]);
    }
    buf_free(&t->disagg);
    buf_free(&t->attrs);
    buf_free(&t->head);
    free(t);
}

enum err
tidy_read_file(const char *path, tidy_header_cb on_header, tidy_row_cb on_row_cb,
               tidy_notice_cb on_notice, void *ctx, long max_rows, struct tidy_error *out_err)
{
    struct tidy_reader *t;
    char chunk[65536];
    size_t n;
    FILE *f;
    enum err rc = ERR_OK;

    memset(out_err, 0, sizeof(*out_err));
    f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (f == NULL) {
        snprintf(out_err->msg, sizeof(out_err->msg), "%s", strerror(errno));
        return ERR_IO;
    }
    t = tidy_new(on_header, on_row_cb, ctx, max_rows);
    tidy_on_notice(t, on_notice);
    while (rc == ERR_OK && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        rc = tidy_feed(t, chunk, n);
    if (rc == ERR_OK && ferror(f)) {
        snprintf(out_err->msg, sizeof(out_err->msg), "read error: %s", strerror(errno));
        rc = ERR_IO;
    }
    if (rc == ERR_OK)
        rc = tidy_finish(t);
    if (rc && rc != ERR_IO)
        *out_err = t->err;
    tidy_free(t);
    if (f != stdin)
        fclose(f);
    return rc;
}
