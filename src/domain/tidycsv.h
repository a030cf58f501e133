/*
 * tidycsv.h — a streaming reader for Open SDG-style tidy CSV:
 *
 *     Year,[Series],[Units],[disaggregation and attribute columns...],[Source],[Note],
 *     [Progress],Value
 *
 * Source and Note are not disaggregations: they say where one value comes from and
 * anything a reader should know about it (they are stored with the observation and
 * shown beside it), so they are no part of a series' identity; nor are Open SDG's
 * attribute columns (tidy_is_attribute) or Progress (the value Open SDG assesses when a
 * file has it). Files are read as publishers write them: a Year cell is any period
 * period_parse reads ("2013 Q1", "2019/2", "17 May to 11 June 2023"); empty columns at the
 * end of the header are ignored while every cell under them is empty; a header with
 * semicolons and no comma is Swedish Excel's dialect (decimal commas, digit-group spaces);
 * a UTF-8 byte-order mark is skipped. What was accepted but is worth knowing goes to a
 * notice callback (tidy_on_notice).
 * Input is fed in chunks of any size; each data row is handed to a callback
 * as soon as it is complete, so memory stays bounded whatever the file size.
 * Every problem is reported with its line and column (1-based; the column is
 * the field's position, named in the message): invalid UTF-8, control
 * characters (NUL, the 0x1F separator ...), a missing Year or Value column (saying
 * what the header reads as), a repeated or empty column name or one with '=', a Year
 * cell with no year (period_parse's reason) or one a spreadsheet would run, a value that
 * is not a number, not a finite number or out of range, a row with the wrong number of
 * fields, a value under an ignored empty column, a field longer than its maximum (found
 * while the field is read: memory stays bounded), a column or row count over the
 * limits, an empty file.
 */
#ifndef DOMAIN_TIDYCSV_H
#define DOMAIN_TIDYCSV_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "domain/period.h"

/*
 * The limits of the tidy format, declared once: this reader applies them to CSV and
 * import.c to JSON records, with the same messages. A value over its maximum is refused
 * (ERR_INVALID, the field named in tidy_error.field), never cut.
 */
#define TIDY_MAX_COLUMNS 64   /* columns of a file, members of a JSON record */
#define TIDY_MAX_FIELD   1024 /* bytes: Series, Units, a column name, a disaggregation value */
#define TIDY_MAX_PERIOD                                                                            \
    64 /* bytes: the Year cell as written ("1 September 2022 to 31 August 2023") */
#define TIDY_MAX_NUMBER 64 /* bytes: a Value (or Progress) as written */
/* bytes: Series, Units and the disaggregation together, the identity of one series (it is
 * in the unique index: PostgreSQL's B-tree entries hold at most about 2,700 bytes) */
#define TIDY_MAX_SERIES_KEY 2048
/* magnitude of a number: doubles hold every integer below it exactly (2^53 is 9.0e15), the
 * largest statistic (a GDP in kronor, 6e12) fits with room, and no chart or projection
 * computed from such numbers overflows */
#define TIDY_MAX_ABS    1e15
#define TIDY_DISAGG_SEP '\x1f' /* between "Field=Value" pairs; refused inside a value */

struct tidy_header {
    int n_columns;
    const char *names[TIDY_MAX_COLUMNS];
    int year_col, value_col, series_col, units_col, progress_col; /* -1 when absent */
    int source_col, note_col;                                     /* -1 when absent */
    /* disaggregation columns: every other column, in file order */
    int n_dims;
    int dim_cols[TIDY_MAX_COLUMNS];
    /* attribute columns (Open SDG's: GeoCode, Observation status, Unit multiplier ...):
     * said of one value, no part of a series' identity; in file order */
    int n_attrs;
    int attr_cols[TIDY_MAX_COLUMNS];
    int n_ignored;      /* empty columns at the end of the header, every cell empty: ignored */
    char sep;           /* ',' or ';' (a header with semicolons and no comma: Swedish Excel) */
    bool decimal_comma; /* numbers written "50,5" (with ';' as the separator) */
};

struct tidy_row {
    long line;
    const char *period;        /* the Year cell as written, "2015-16" */
    struct period p;           /* what it says (period_parse) */
    int year;                  /* p.year: the year it starts in */
    const char *series, *unit; /* "" when absent */
    const char *source, *note; /* "" when absent */
    /* the non-empty disaggregation cells as "Field=Value" joined by 0x1f, in
     * column order; "" for a headline row */
    const char *disagg;
    /* the non-empty attribute cells as "Field=Value" joined by 0x1f, in column order; ""
     * when none */
    const char *attrs;
    const char *cells[TIDY_MAX_COLUMNS]; /* every cell of the row */
    bool has_value;                      /* false: the Value cell was empty */
    double value;                        /* the Value column (NaN if empty) */
    bool has_progress;                   /* false: no Progress column, or its cell was empty */
    double progress;                     /* the Progress column as published */
};

struct tidy_error {
    long line;
    int column;                     /* 0 when the problem is not in one field */
    char field[TIDY_MAX_FIELD + 1]; /* the field (column name) at fault; "" when none */
    char msg[256];                  /* room for a period's label and period_parse's reason */
};

/* Bytes of s to quote in a message: at most 60, cut on a character boundary (messages
 * are short and always valid UTF-8). */
int tidy_shown(const char *s);

/* The longest value the named field takes (TIDY_MAX_PERIOD for Year, TIDY_MAX_NUMBER for
 * Value and Progress, TIDY_MAX_FIELD for any other). */
size_t tidy_field_max(const char *field);

/*
 * Check one text value of the named field (s[0..len), valid UTF-8, not necessarily
 * NUL-terminated): its length against
 * tidy_field_max and no control character (str_find_control: the 0x1F separator among
 * them). ERR_INVALID with e->field and e->msg filled (line and column are the caller's).
 */
enum err tidy_check_text(const char *field, const char *s, size_t len, struct tidy_error *e);

/* Check a column name (name[0..len), a disaggregation field): 1 to TIDY_MAX_FIELD bytes, no control
 * character, no '=' (the stored "Field=Value" pairs), not starting with what a spreadsheet
 * takes for a formula (= + - @ TAB CR: the export would write it otherwise). ERR_INVALID
 * with e->msg filled. */
enum err tidy_check_name(const char *name, size_t len, struct tidy_error *e);

/* Check a parsed number of the named field as written (text): finite and within
 * TIDY_MAX_ABS. ERR_INVALID with e->field and e->msg filled. */
enum err tidy_check_number(const char *field, const char *text, double v, struct tidy_error *e);

/* Check the identity of a series: Series, Units and the canonical disaggregation together
 * within TIDY_MAX_SERIES_KEY bytes. ERR_INVALID with e->msg filled. */
enum err tidy_check_series_key(size_t series_len, size_t unit_len, size_t disagg_len,
                               struct tidy_error *e);

/*
 * Open SDG's attribute columns: said of one value (its status, its multiplier and measure,
 * comments, when it was updated), not a breakdown of the indicator, so no part of a
 * series' identity: sdg-build's non-disaggregation columns besides Year, Series, Units and
 * Value (Observation status, Unit multiplier, Unit measure, and the SDMX codes UNIT_MEASURE
 * and SERIES) and the SDMX observation attributes COMMENT_OBS, COMMENT_TS and
 * DATA_LAST_UPDATE, matched exactly as sdg-build matches them (case and spaces as written).
 * In a file without a Units (Series) column, the first of Unit measure and UNIT_MEASURE
 * (SERIES) is that column instead. GeoCode, also on sdg-build's list, is a breakdown here:
 * where a file has no other column for the place it alone tells a state from the nation.
 */
bool tidy_is_attribute(const char *name);
#define TIDY_N_ATTRIBUTES 8 /* how many names tidy_attribute gives */
/* The i-th of those names (0-based), in sdg-build's order; NULL past the last. */
const char *tidy_attribute(int i);

/* Called once after the header (may return an error to stop, e.g. unknown column). */
typedef enum err (*tidy_header_cb)(void *ctx, const struct tidy_header *h, struct tidy_error *e);
/* Called for every data row; strings are valid only during the call. */
typedef enum err (*tidy_row_cb)(void *ctx, const struct tidy_header *h, const struct tidy_row *r,
                                struct tidy_error *e);

/* Something the reader accepted but a user should know (columns ignored, decimal commas
 * read ...): line and column (0 when not one field) and a short sentence in the thread's
 * language (English in the CLI), valid only during the call. ctx is tidy_new's. */
typedef void (*tidy_notice_cb)(void *ctx, long line, int column, const char *msg);

struct tidy_reader;

struct tidy_reader *tidy_new(tidy_header_cb on_header, tidy_row_cb on_row, void *ctx,
                             long max_rows);
/* Feed bytes; ERR_INVALID or ERR_LIMIT with tidy_error() filled on a problem. */
enum err tidy_feed(struct tidy_reader *t, const char *data, size_t len);
/* End of input. */
enum err tidy_finish(struct tidy_reader *t);
const struct tidy_error *tidy_error(const struct tidy_reader *t);
long tidy_rows(const struct tidy_reader *t);
/* Have notices reported to cb (NULL: not reported, the default). */
void tidy_on_notice(struct tidy_reader *t, tidy_notice_cb cb);
void tidy_free(struct tidy_reader *t);

/* Read a whole file through a reader (chunks of 64 KiB); on_notice may be NULL. */
enum err tidy_read_file(const char *path, tidy_header_cb on_header, tidy_row_cb on_row,
                        tidy_notice_cb on_notice, void *ctx, long max_rows,
                        struct tidy_error *out_err);

/*
 * The spreadsheet guard. Formula-like text: apostrophes, if any, then text a spreadsheet
 * would run rather than show: = or @ first ("=1+1", "@SUM(A1)"), TAB or CR first, or a sign
 * followed by anything but nothing or a space and words ("+A1", "-A1", "-1"; not "-", "- x",
 * "- not available"). A CSV export writes such a cell with one more apostrophe in front (a
 * spreadsheet then shows it as text), and a CSV import takes one off again (tidy_unformula):
 * for every text s, tidy_unformula(guarded s) == s, so export -> import -> export keeps every
 * value: "=x" <-> "'=x", "'=x" <-> "''=x". Other text, "-", "'x" and "'s-Hertogenbosch"
 * among it, is never changed either way.
 */
bool tidy_formula_like(const char *s);
/* Why a Year cell that is formula-like is refused (CSV and JSON): periods are exported as
 * written, never guarded, so none that a spreadsheet would run is stored. A msgid, said
 * through gettext; gettext_noop marks it for xgettext (`make pot` reads this header) and
 * leaves a literal that joins others ("Year \"x\" " TIDY_FORMULA_PERIOD). */
#ifndef gettext_noop
#define gettext_noop(s) s
#endif
#define TIDY_FORMULA_PERIOD                                                                        \
    gettext_noop("starts like a formula (=, +, -, @): a spreadsheet would run it")
/* s without the apostrophe an export put in front of formula-like text. */
const char *tidy_unformula(const char *s);

#endif
