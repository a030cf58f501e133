/*
 * test_tidycsv.c — src/domain/tidycsv.c on Open SDG files as publishers write them
 * (tests/unit/data/opensdg/, one file per class of issue 11): what a user would notice
 * reading each through the reader — the periods' years and order keys, attributes kept
 * apart from breakdowns, the notices, the line and column of every refusal.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "domain/export.h"
#include "domain/tidycsv.h"
#include "tap.h"

#define MAX_ROWS 32

struct got_row {
    long line;
    char period[TIDY_MAX_PERIOD + 1];
    struct period p;
    char series[64], unit[64], disagg[128], attrs[128];
    bool has_value, has_progress;
    double value, progress;
};

struct got {
    int n_columns, n_dims, n_attrs, n_ignored;
    char sep;
    bool decimal_comma;
    int n;
    struct got_row rows[MAX_ROWS];
    int n_notices;
    char notices[4][200];
    long notice_line[4];
    struct tidy_error err;
    enum err rc;
};

static enum err
got_header(void *ctx, const struct tidy_header *h, struct tidy_error *e)
{
    struct got *g = ctx;

    (void)e;
    g->n_columns = h->n_columns;
    g->n_dims = h->n_dims;
    g->n_attrs = h->n_attrs;
    g->n_ignored = h->n_ignored;
    g->sep = h->sep;
    g->decimal_comma = h->decimal_comma;
    return ERR_OK;
}

static enum err
got_row(void *ctx, const struct tidy_header *h, const struct tidy_row *r, struct tidy_error *e)
{
    struct got *g = ctx;
    struct got_row *w;

    (void)h;
    (void)e;
    if (g->n == MAX_ROWS)
        return ERR_OK;
    w = &g->rows[g->n++];
    w->line = r->line;
    snprintf(w->period, sizeof(w->period), "%s", r->period);
    w->p = r->p;
    snprintf(w->series, sizeof(w->series), "%s", r->series);
    snprintf(w->unit, sizeof(w->unit), "%s", r->unit);
    snprintf(w->disagg, sizeof(w->disagg), "%s", r->disagg);
    snprintf(w->attrs, sizeof(w->attrs), "%s", r->attrs);
    w->has_value = r->has_value;
    w->value = r->value;
    w->has_progress = r->has_progress;
    w->progress = r->progress;
    return ERR_OK;
}

static void
got_notice(void *ctx, long line, int column, const char *msg)
{
    struct got *g = ctx;

    (void)column;
    if (g->n_notices < 4) {
        snprintf(g->notices[g->n_notices], sizeof(g->notices[0]), "%s", msg);
        g->notice_line[g->n_notices] = line;
    }
    g->n_notices++;
}

/* Read bytes through a reader in chunks of step bytes (0: at once), collecting into g. */
static enum err
read_bytes(const char *data, size_t len, size_t step, struct got *g)
{
    struct tidy_reader *t = tidy_new(got_header, got_row, g, 0);
    size_t off, n;
    enum err rc = ERR_OK;

    memset(g, 0, sizeof(*g));
    tidy_on_notice(t, got_notice);
    if (step == 0)
        step = len ? len : 1;
    for (off = 0; off < len && rc == ERR_OK; off += n) {
        n = len - off < step ? len - off : step;
        rc = tidy_feed(t, data + off, n);
    }
    if (rc == ERR_OK)
        rc = tidy_finish(t);
    g->err = *tidy_error(t);
    g->rc = rc;
    tidy_free(t);
    return rc;
}

static enum err
read_str(const char *s, struct got *g)
{
    return read_bytes(s, strlen(s), 0, g);
}

/* The contents of tests/unit/data/opensdg/<name> (TEST_DATA_DIR overrides tests/unit/data). */
static char *
fixture(const char *name, size_t *len)
{
    const char *dir = getenv("TEST_DATA_DIR");
    char path[512], *buf;
    FILE *f;
    long n;

    snprintf(path, sizeof(path), "%s/opensdg/%s", dir ? dir : "tests/unit/data", name);
    f = fopen(path, "rb");
    if (f == NULL)
        bail_out("cannot open %s", path);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)n + 1);
    if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n)
        bail_out("cannot read %s", path);
    buf[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return buf;
}

/* Read a fixture whole and again one byte at a time: both must agree. */
static enum err
read_fixture(const char *name, struct got *g)
{
    static struct got bytewise;
    size_t len;
    char *data = fixture(name, &len);

    read_bytes(data, len, 1, &bytewise);
    read_bytes(data, len, 0, g);
    ok(bytewise.rc == g->rc && bytewise.n == g->n && bytewise.err.line == g->err.line &&
           bytewise.err.column == g->err.column && strcmp(bytewise.err.msg, g->err.msg) == 0 &&
           bytewise.n_notices == g->n_notices &&
           (g->n == 0 || memcmp(bytewise.rows, g->rows, sizeof(g->rows[0]) * (size_t)g->n) == 0),
       "%s: read whole and byte by byte alike", name);
    free(data);
    return g->rc;
}

static bool
starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* ------------------------------------------------------------ periods */

static void
test_periods(void)
{
    static const struct {
        const char *file;
        int row;
        const char *period;
        enum period_kind kind;
        int year;
        long long key;
    } want[] = {
        {"quarters.csv", 0, "2013 Q1", PERIOD_QUARTER, 2013, 20130101},
        {"quarters.csv", 1, "2013 Q2", PERIOD_QUARTER, 2013, 20130401},
        {"quarters.csv", 4, "2014 Q1", PERIOD_QUARTER, 2014, 20140101},
        {"months.csv", 0, "1993 01", PERIOD_MONTH, 1993, 19930101},
        {"months.csv", 2, "1993 12", PERIOD_MONTH, 1993, 19931201},
        {"parts.csv", 0, "2019/1", PERIOD_PART, 2019, 20190101},
        {"parts.csv", 1, "2019/2", PERIOD_PART, 2019, 20190102},
        {"date-ranges.csv", 0, "17 May to 11 June 2023", PERIOD_RANGE, 2023, 20230517},
        {"date-ranges.csv", 1, "01.03.2023 - 30.08.2023", PERIOD_RANGE, 2023, 20230301},
        {"date-ranges.csv", 2, "2022", PERIOD_YEAR, 2022, 20220101},
    };
    struct got g;
    const char *last = "";
    size_t i;

    for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        if (strcmp(last, want[i].file) != 0) {
            ok(read_fixture(want[i].file, &g) == ERR_OK, "%s imports (%s)", want[i].file,
               g.err.msg);
            last = want[i].file;
        }
        if (want[i].row >= g.n) {
            ok(false, "%s: row %d read", want[i].file, want[i].row + 1);
            continue;
        }
        is_str(g.rows[want[i].row].period, want[i].period, "  the period kept as published");
        ok(g.rows[want[i].row].p.kind == want[i].kind &&
               g.rows[want[i].row].p.year == want[i].year &&
               g.rows[want[i].row].p.key == want[i].key,
           "  \"%s\" is a %s of %d, sorted at %lld (got %d %d %lld)", want[i].period,
           period_kind_name(want[i].kind), want[i].year, want[i].key, g.rows[want[i].row].p.kind,
           g.rows[want[i].row].p.year, (long long)g.rows[want[i].row].p.key);
    }
    /* two quarters of one year are two observations, not "a second value for 2013" */
    read_fixture("quarters.csv", &g);
    ok(g.n == 5 && g.rows[0].p.key != g.rows[1].p.key, "quarters of 2013 have keys of their own");

    ok(read_fixture("period-no-year.csv", &g) == ERR_INVALID,
       "a Year cell with no year is refused");
    ok(g.err.line == 3 && g.err.column == 1, "  at line 3, column 1 (%ld:%d)", g.err.line,
       g.err.column);
    ok(starts(g.err.msg, "Year \"n/a\" names no year (such as"), "  saying why: %s", g.err.msg);
}

/* ------------------------------------------------------------ Progress */

static void
test_progress(void)
{
    struct got g;

    ok(read_fixture("progress.csv", &g) == ERR_OK && g.n == 4,
       "progress.csv: a Progress column is read (%s)", g.err.msg);
    ok(g.rows[0].has_value && g.rows[0].value == 62.1 && g.rows[0].has_progress &&
           g.rows[0].progress == 62.1,
       "  Value and Progress each as published");
    ok(g.rows[2].has_value && g.rows[2].value == 64.2 && !g.rows[2].has_progress,
       "  an empty Progress cell leaves Value as it is");
    is_str(g.rows[3].disagg, "Geography=Ontario", "  Progress is no breakdown");
}

/* ------------------------------------------------------------ spreadsheets' empty columns */

static void
test_empty_columns(void)
{
    struct got g;

    ok(read_fixture("trailing-empty-columns.csv", &g) == ERR_OK && g.n == 3,
       "Value,,,, (a spreadsheet's empty columns): the file is read (%s)", g.err.msg);
    ok(g.n_columns == 3 && g.n_ignored == 4, "  3 columns, 4 ignored (%d, %d)", g.n_columns,
       g.n_ignored);
    ok(g.n_notices == 1 && g.notice_line[0] == 1, "  one notice, on line 1");
    is_str(g.notices[0], "4 empty columns at the end of the header were ignored", "  saying so");
    is_str(g.rows[2].disagg, "Sex=Male", "  the named columns read as usual");

    ok(read_fixture("empty-column-with-cell.csv", &g) == ERR_INVALID,
       "an empty column name with a value under it is refused");
    ok(g.err.line == 4 && g.err.column == 5, "  at the first line with a value there (%ld:%d)",
       g.err.line, g.err.column);
    is_str(g.err.msg,
           "column 5 has no name, but this line has a value in it: name the column, or empty it",
           "  saying what to do");
    ok(g.n_notices == 0, "  and no notice");
    read_str("Year,,Value\n2015,,1\n", &g);
    ok(g.rc == ERR_INVALID && g.err.line == 1 && g.err.column == 2 &&
           strcmp(g.err.msg, "empty column name") == 0,
       "an empty name before a named column stays refused (%ld:%d %s)", g.err.line, g.err.column,
       g.err.msg);
    read_str("Year,Value,\n2015,1,\n,,\n\n2016,2,\n", &g);
    ok(g.rc == ERR_OK && g.n == 2 && g.n_notices == 1,
       "a spreadsheet's empty row (,,) is skipped like a blank line (%s)", g.err.msg);
    is_str(g.notices[0], "1 empty column at the end of the header was ignored", "  one column");
}

/* ------------------------------------------------------------ attribute columns */

static void
test_attributes(void)
{
    enum role { ATTR, UNIT, SERIES, DIM };
    static const struct {
        const char *file;
        enum role role;
        const char *first, *second;
    } want[] = {
        {"attribute-observation-status.csv", ATTR, "Observation status=A", "Observation status=E"},
        {"attribute-unit-multiplier.csv", ATTR, "Unit multiplier=0", "Unit multiplier=3"},
        {"attribute-comment-obs.csv", ATTR, "COMMENT_OBS=provisional", "COMMENT_OBS=revised 2021"},
        {"attribute-comment-ts.csv", ATTR, "COMMENT_TS=break in series 2019", ""},
        {"attribute-data-last-update.csv", ATTR, "DATA_LAST_UPDATE=2023-04-01",
         "DATA_LAST_UPDATE=2023-05-02"},
        /* in a file without Units or Series, the unit or series they name */
        {"attribute-unit-measure.csv", UNIT, "Percentage", "Number"},
        {"attribute-unit-measure-sdmx.csv", UNIT, "PT", "NUM"},
        {"attribute-series-sdmx.csv", SERIES, "SH_STA_STNT", "SH_STA_WAST"},
        /* the place: a state's value is a breakdown of the nation's */
        {"geocode.csv", DIM, "GeoCode=E92000001", "GeoCode=E92000002"},
    };
    struct got g;
    const char *first, *second;
    size_t i;

    for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        if (read_fixture(want[i].file, &g) != ERR_OK || g.n != 3) {
            ok(false, "%s is read (%s)", want[i].file, g.err.msg);
            continue;
        }
        first = want[i].role == ATTR     ? g.rows[0].attrs
                : want[i].role == UNIT   ? g.rows[0].unit
                : want[i].role == SERIES ? g.rows[0].series
                                         : g.rows[0].disagg;
        second = want[i].role == ATTR     ? g.rows[1].attrs
                 : want[i].role == UNIT   ? g.rows[1].unit
                 : want[i].role == SERIES ? g.rows[1].series
                                          : g.rows[1].disagg;
        is_str(first, want[i].first, want[i].file);
        is_str(second, want[i].second, "  each row its own");
        if (want[i].role == DIM) {
            ok(g.n_attrs == 0 && g.n_dims == 2, "  GeoCode and Sex are breakdowns");
            continue;
        }
        ok(g.n_attrs == (want[i].role == ATTR) && g.n_dims == 1, "  %s, Sex a breakdown",
           want[i].role == ATTR ? "an attribute column" : "no attribute column");
        ok(g.rows[0].disagg[0] == '\0' && g.rows[1].disagg[0] == '\0',
           "  rows that fill only it are the headline, not a breakdown");
        is_str(g.rows[2].disagg, "Sex=Female", "  Sex stays a breakdown");
    }
    ok(read_fixture("attribute-unit-measure-with-units.csv", &g) == ERR_OK && g.n == 3 &&
           g.n_attrs == 2,
       "with Units and Series: Unit measure and SERIES are attributes (%s)", g.err.msg);
    is_str(g.rows[0].unit, "Percentage", "  the unit is Units'");
    is_str(g.rows[0].series, "Stunting", "  the series is Series'");
    is_str(g.rows[0].attrs, "Unit measure=PT\x1fSERIES=SH_STA_STNT",
           "  both kept, in column order");
    read_str("Year,COMMENT_OBS,Observation status,Value\n2015,'=x,E,1\n", &g);
    is_str(g.rows[0].attrs, "COMMENT_OBS==x\x1fObservation status=E",
           "attributes in column order, joined as breakdowns are, the export's guard undone");
    read_str("Year,observation status,Value\n2015,E,1\n", &g);
    ok(g.n_attrs == 0 && strcmp(g.rows[0].disagg, "observation status=E") == 0,
       "names match as sdg-build matches them: \"observation status\" is a breakdown");
}

/* ------------------------------------------------------------ Swedish Excel */

static void
test_swedish_excel(void)
{
    static const double values[] = {50.5, 1234.5, 12345, 1000, -0.25};
    struct got g;
    size_t i;

    ok(read_fixture("swedish-excel.csv", &g) == ERR_OK && g.n == 5,
       "Swedish Excel's file (BOM, semicolons, decimal commas) is read (%s)", g.err.msg);
    ok(g.sep == ';' && g.decimal_comma && g.n_columns == 3, "  as semicolon-separated");
    for (i = 0; i < sizeof(values) / sizeof(values[0]) && i < (size_t)g.n; i++)
        ok(g.rows[i].has_value && g.rows[i].value == values[i],
           "  line %ld: %g (spaces, no-break spaces and a decimal comma read)", g.rows[i].line,
           values[i]);
    is_str(g.rows[4].disagg, "Kön=Män, alla", "  a comma inside quotes is text");
    ok(g.n_notices == 1 && g.notice_line[0] == 1, "  one notice");
    is_str(g.notices[0], "read as semicolon-separated with decimal commas, as Swedish Excel saves",
           "  saying how the file was read");

    ok(read_fixture("swedish-excel-swedish-header.csv", &g) == ERR_INVALID,
       "a Swedish header is refused");
    ok(g.err.line == 1, "  on line 1");
    is_str(g.err.msg,
           "the first line has no \"Year\" column; it reads as 2 columns: \"År\", \"Värde\" — "
           "name the columns Year and Value",
           "  saying what it reads as and what to rename");
    read_str("År,Value\n2019,1\n", &g);
    is_str(g.err.msg,
           "the first line has no \"Year\" column; it reads as 2 columns: \"År\", \"Value\" — "
           "name the period column Year",
           "  only Year missing: only Year to rename");
    read_str("Year;Value,Sex\n", &g);
    is_str(g.err.msg,
           "the first line has no \"Year\" column; it reads as 2 columns: \"Year;Value\", "
           "\"Sex\" — name the columns Year and Value",
           "  a comma outside quotes: read as commas, and the message shows it");
    read_str("Year,Värde\n2019,1\n", &g);
    is_str(g.err.msg,
           "the first line has no \"Value\" column; it reads as 2 columns: \"Year\", \"Värde\" — "
           "name the value column Value",
           "  only Value missing: only Value to rename");
    read_str("Year;Value\n2019;1,2,3\n2020;1.5\n", &g);
    ok(g.rc == ERR_INVALID && g.err.line == 2 && g.err.column == 2 &&
           strcmp(g.err.msg, "Value \"1,2,3\" is not a number") == 0,
       "  two commas are no number (%ld:%d %s)", g.err.line, g.err.column, g.err.msg);
    read_str("Year;Value\n2020;1.5\n2021;1 23 4\n", &g);
    ok(g.rc == ERR_OK && g.rows[0].value == 1.5 && g.rows[1].value == 1234,
       "  a point reads as a point; spaces between digits group them");
    read_str("Year;Value\n2020;1,5\n2021;1.234,5\n", &g);
    ok(g.rc == ERR_INVALID && g.err.line == 3, "  a point and a comma are no number (%s)",
       g.err.msg);
    read_str("Year,Value\n2020,\"1,5\"\n", &g);
    ok(g.rc == ERR_INVALID && !g.decimal_comma,
       "a comma-separated file keeps the decimal point only (%s)", g.err.msg);
}

/* ------------------------------------------------------------ refusals with their place */

static void
test_refusals(void)
{
    static const struct {
        const char *file;
        long line;
        int column;
        const char *msg;
    } want[] = {
        {"inf.csv", 3, 2, "Value \"Inf\" is not a finite number"},
        {"nan.csv", 2, 2, "Value \"NaN\" is not a finite number"},
        {"huge.csv", 2, 2, "Value \"1e400\" is not a finite number"},
        {"short-row.csv", 3, 0, "2 fields where the header has 3"},
    };
    struct got g;
    size_t i;

    for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        ok(read_fixture(want[i].file, &g) == ERR_INVALID, "%s is refused", want[i].file);
        ok(g.err.line == want[i].line && g.err.column == want[i].column, "  at %ld:%d (%ld:%d)",
           want[i].line, want[i].column, g.err.line, g.err.column);
        is_str(g.err.msg, want[i].msg, "  saying why");
    }
    read_str("Year,Value,Progress\n2015,1,-infinity\n", &g);
    is_str(g.err.msg, "Progress \"-infinity\" is not a finite number", "Progress too");
    read_str("Year,Value\n2015,1e-400\n", &g);
    is_str(g.err.msg, "Value \"1e-400\" is not a number", "a number below a double's is none");
    read_str("Year;Value\n2015;1e400\n", &g);
    is_str(g.err.msg, "Value \"1e400\" is not a finite number", "the semicolon dialect alike");
}

/* ------------------------------------------------------------ two rows, one observation */

/* The reader hands over both rows of one key, each with its line: judging them (a conflict
 * refused naming both lines, an exact duplicate accepted with a notice) is the import's. */
static void
test_same_key(void)
{
    struct got g;

    ok(read_fixture("conflicting-values.csv", &g) == ERR_OK && g.n == 4,
       "conflicting-values.csv: every row read (%s)", g.err.msg);
    ok(g.rows[1].line == 3 && g.rows[3].line == 5 && g.rows[1].p.key == g.rows[3].p.key &&
           strcmp(g.rows[1].disagg, g.rows[3].disagg) == 0 && g.rows[1].value != g.rows[3].value,
       "  lines 3 and 5: one key, two values");
    ok(read_fixture("duplicate-rows.csv", &g) == ERR_OK && g.n == 4,
       "duplicate-rows.csv: every row read (%s)", g.err.msg);
    ok(g.rows[1].line == 3 && g.rows[3].line == 5 && g.rows[1].p.key == g.rows[3].p.key &&
           strcmp(g.rows[1].disagg, g.rows[3].disagg) == 0 && g.rows[1].value == g.rows[3].value,
       "  lines 3 and 5: one key, the same value");
}

/* ------------------------------------------------------------ the spreadsheet guard */

/* One text through the export's cell writer and back through the reader, as a Series. */
static bool
round_trip(const char *text, char *got, size_t size)
{
    struct buf b;
    struct got g;
    bool same;

    buf_init(&b, 0);
    buf_adds(&b, "Year,Series,Value\n2015,");
    export_csv_cell(&b, text, true);
    buf_adds(&b, ",1\n");
    read_bytes(b.data, b.len, 0, &g);
    snprintf(got, size, "%s", g.rc == ERR_OK && g.n == 1 ? g.rows[0].series : "(refused)");
    same = g.rc == ERR_OK && g.n == 1 && strcmp(g.rows[0].series, text) == 0;
    buf_free(&b);
    return same;
}

static void
append(char *s, size_t size, const char *t)
{
    size_t n = strlen(s);

    snprintf(s + n, size - n, "%s", t);
}

/* The guard's text alone: an apostrophe in front of formula-like text. */
static void
guard(const char *s, char *out, size_t size)
{
    snprintf(out, size, "%s%s", tidy_formula_like(s) ? "'" : "", s);
}

static void
test_guard(void)
{
    static const char *const alphabet[] = {"'", "=", "+", "-", "@",  "\t", " ", "x",
                                           "A", "1", "(", ",", "\"", "\n", "é", "\r"};
    static const struct {
        const char *s;
        bool guarded;
    } cases[] = {
        {"=1+1", true},
        {"@SUM(A1)", true},
        {"+A1", true},
        {"-A1", true},
        {"\t=1", true},
        {"-1", true},
        {"- 1", true},
        {"-", false},
        {"+", false},
        {"- x", false},
        {"'x", false},
        {"x-1", false},
        {"", false},
        {"'=1", true},
        {"''@x", true},
        {"- ok (", true},
        {"'s-Hertogenbosch", false},
    };
    char text[64], cell[80], back[80], first[160] = "";
    struct got g;
    int n = 0, bad_prop = 0, bad_trip = 0;
    size_t i, len, k, idx;
    unsigned long x = 11;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        guard(cases[i].s, cell, sizeof(cell));
        ok((strcmp(cell, cases[i].s) != 0) == cases[i].guarded, "\"%s\" is %sguarded (%s)",
           cases[i].s, cases[i].guarded ? "" : "not ", cell);
        ok(round_trip(cases[i].s, back, sizeof(back)), "  and comes back as it was (%s)", back);
    }
    /* every text of up to 4 characters of the alphabet, then longer ones at random: the guard
     * is undone exactly, by itself and through the export's cell and the reader */
    for (len = 0; len <= 4; len++) {
        size_t total = 1;

        for (k = 0; k < len; k++)
            total *= sizeof(alphabet) / sizeof(alphabet[0]);
        for (idx = 0; idx < total; idx++) {
            size_t rest = idx;

            text[0] = '\0';
            for (k = 0; k < len; k++) {
                append(text, sizeof(text),
                       alphabet[rest % (sizeof(alphabet) / sizeof(alphabet[0]))]);
                rest /= sizeof(alphabet) / sizeof(alphabet[0]);
            }
            n++;
            guard(text, cell, sizeof(cell));
            if (strcmp(tidy_unformula(cell), text) != 0 && bad_prop++ == 0)
                snprintf(first, sizeof(first), "unguard(guard(\"%s\")) is \"%s\"", text,
                         tidy_unformula(cell));
            if (!round_trip(text, back, sizeof(back)) && bad_trip++ == 0 && bad_prop == 0)
                snprintf(first, sizeof(first), "\"%s\" came back as \"%s\"", text, back);
        }
    }
    for (i = 0; i < 20000; i++) {
        len = (x = x * 6364136223846793005ul + 1442695040888963407ul) >> 60;
        text[0] = '\0';
        for (k = 0; k < len; k++) {
            x = x * 6364136223846793005ul + 1442695040888963407ul;
            append(text, sizeof(text),
                   alphabet[(x >> 33) % (sizeof(alphabet) / sizeof(alphabet[0]))]);
        }
        n++;
        guard(text, cell, sizeof(cell));
        if (strcmp(tidy_unformula(cell), text) != 0 && bad_prop++ == 0)
            snprintf(first, sizeof(first), "unguard(guard(\"%s\")) is \"%s\"", text,
                     tidy_unformula(cell));
        if (!round_trip(text, back, sizeof(back)) && bad_trip++ == 0 && bad_prop == 0)
            snprintf(first, sizeof(first), "\"%s\" came back as \"%s\"", text, back);
    }
    ok(bad_prop == 0, "unguard(guard(s)) == s for %d texts (%d not: %s)", n, bad_prop, first);
    ok(bad_trip == 0, "each through the export's cell and the reader comes back (%d not: %s)",
       bad_trip, first);

    /* periods are never guarded: one a spreadsheet would run is refused */
    read_str("Year,Value\n2015,1\n=HYPERLINK(2015),2\n", &g);
    ok(g.rc == ERR_INVALID && g.err.line == 3 && g.err.column == 1,
       "a Year cell a spreadsheet would run is refused at 3:1 (%ld:%d)", g.err.line, g.err.column);
    is_str(g.err.msg,
           "Year \"=HYPERLINK(2015)\" starts like a formula (=, +, -, @): a spreadsheet would "
           "run it",
           "  saying so (periods are exported as written)");
    read_str("Year,Value\n'2015,1\n", &g);
    ok(g.rc == ERR_OK && strcmp(g.rows[0].period, "'2015") == 0 && g.rows[0].p.year == 2015,
       "a Year with an apostrophe in front is read as written (%s)", g.err.msg);
}

int
main(void)
{
    test_periods();
    test_progress();
    test_empty_columns();
    test_attributes();
    test_swedish_excel();
    test_refusals();
    test_guard();
    test_same_key();
    return done_testing();
}
