/*
 * str.h — strings, UTF-8 and strict number parsing. Pure functions, no
 * allocation except where an arena is passed.
 */
#ifndef CORE_STR_H
#define CORE_STR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/utf8.h" /* UTF-8 checks, for str.h's users */

/* Strict parsers: the whole string must be the number; no spaces, no overflow. */
enum err str_to_i64(const char *s, int64_t *out);
enum err str_to_double(const char *s, double *out); /* finite only */

/*
 * Offset of the first control character in s[0..n) (C0 other than TAB, LF and CR; DEL;
 * C1, U+0080-U+009F, as UTF-8), or n when there is none. Imported text refuses them: they
 * are invisible, and 0x1F is the separator of the stored disaggregation.
 */
size_t str_find_control(const char *s, size_t n);
/* The code point of the control character at s (as found by str_find_control). */
unsigned str_control_at(const char *s, size_t n);

bool str_eq(const char *a, const char *b); /* NULL-safe */
bool str_empty(const char *s);             /* NULL or "" */
bool str_has_prefix(const char *s, const char *prefix);
/* Whether needle occurs in s, ASCII letters compared without case (every other byte as is:
 * "FÖRÄNDR" does not contain "förändr"), whatever the thread's locale. NULL s: false. For
 * the short texts of units and labels: a plain search, with none of strcasestr's set-up. */
bool str_contains_ci(const char *s, const char *needle);

/* s with the ASCII letters A-Z lowered into out (size bytes, always terminated when size > 0;
 * every other byte as given, so "ÅSA@x.se" becomes "Åsa@x.se": the key an e-mail address is
 * compared by, whatever the thread's locale). Returns strlen(s): the copy was cut when that is
 * size or more (and a cut may fall inside a UTF-8 character, so callers bound s first). */
size_t str_ascii_lower(char *out, size_t size, const char *s);

/* Percent-encode s for one URL path segment or query value (RFC 3986 unreserved kept). */
void url_encode(struct buf *b, const char *s);
/* Decode %XX and (if plus_space) '+' in place; returns ERR_INVALID on a bad escape or NUL. */
enum err url_decode(char *s, bool plus_space, size_t *out_len);

/* A slug: 1-64 of [a-z0-9-], not starting or ending with '-'. */
bool str_is_slug(const char *s);

/* An address a page may link to: http:// or https:// (any case), then no space, control
 * byte, quote, angle bracket or backslash. The one rule for what is stored (domain writes)
 * and what is linked (web/url.c url_is_http). */
bool str_is_http_url(const char *s);
/*
 * The "YYYY-MM-DDTHH:MM" that starts s (a datetime-local field's value, the start of an RFC
 * 3339 date-time): its fields, in range (month 1-12, day 1-31, hour 0-23, minute 0-59; the
 * caller checks the day against the month), and *rest what follows. False when s does not
 * start so.
 */
struct str_datetime {
    int year, month, day, hour, minute;
};
bool str_datetime_prefix(const char *s, struct str_datetime *out, const char **rest);

/* The shortest text that reads back as the same double: "10", "0.1", "1.5e-07".
 * Integers below 1e15 never use an exponent; "inf", "-inf", "nan" for non-finite values
 * (callers that write JSON or CSV never pass them). out needs 32 bytes. */
void str_shortest(char *out, size_t outsz, double v);

/* Unix seconds t as an RFC 3339 UTC date-time, "2026-12-03T23:40:00Z", in out (outsz at
 * least STR_UTC_TIME_SIZE); the epoch's when t has no such form (a year past 9999). The
 * one spelling of a moment for machines (a page's <time datetime>, a descriptor's dates). */
#define STR_UTC_TIME_SIZE 21
void str_utc_time(char *out, size_t outsz, int64_t t);

/* Format with Swedish (sv: "1 234,5" with U+00A0) or English ("1,234.5") grouping; a
 * negative value that rounds to zero shows as zero (never "−0,0"). */
char *str_fmt_number(struct arena *a, double v, int decimals, bool swedish);

#endif
