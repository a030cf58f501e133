/*
 * tap.h — a tiny Test Anything Protocol harness for the unit tests.
 *
 * Header-only: each test is one .c file with its own main(), which includes
 * this once. Every check prints "ok N - name" or "not ok N - name" (with
 * "# got: ... want: ..." diagnostics on failure) to stdout, flushed at once so
 * a test that crashes still leaves what it printed; done_testing() prints the
 * plan "1..N" last and returns the exit status (0 only if at least one check
 * ran and none failed). tests/run-unit.sh reads this output.
 *
 *     int main(void) { is_int(1 + 1, 2, "sum"); return done_testing(); }
 *
 * Never: share state between test files, or depend on anything in src/ (the
 * harness must keep working when the code under test is broken).
 */
#ifndef TAP_H
#define TAP_H

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TAP_FN static __attribute__((unused))

static int tap_n;
static int tap_failed;

/* Print s (n bytes) quoted, with non-printable bytes as \xNN, for diagnostics. */
TAP_FN void
tap_print_repr(const char *s, size_t n)
{
    size_t i;
    unsigned char c;

    if (s == NULL) {
        fputs("NULL", stdout);
        return;
    }
    putchar('"');
    for (i = 0; i < n; i++) {
        c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            printf("\\%c", c);
        else if (c >= 0x20 && c < 0x7f)
            putchar(c);
        else
            printf("\\x%02x", c);
    }
    putchar('"');
}

TAP_FN __attribute__((format(printf, 1, 0))) void
tap_vdiag(const char *fmt, va_list ap)
{
    fputs("# ", stdout);
    vprintf(fmt, ap);
    putchar('\n');
    fflush(stdout);
}

/* A "# ..." comment line (diagnostics; ignored by TAP parsers). */
TAP_FN __attribute__((format(printf, 1, 2))) void
diag(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    tap_vdiag(fmt, ap);
    va_end(ap);
}

TAP_FN __attribute__((format(printf, 2, 0))) bool
tap_vok(bool cond, const char *fmt, va_list ap)
{
    char name[512];
    const unsigned char *p;

    tap_n++;
    if (!cond)
        tap_failed++;
    printf("%sok %d - ", cond ? "" : "not ", tap_n);
    vsnprintf(name, sizeof(name), fmt, ap);
    /* one check is one line, and '#' would start a TAP directive */
    for (p = (const unsigned char *)name; *p; p++) {
        if (*p < 0x20 || *p == 0x7f)
            printf("\\x%02x", *p);
        else if (*p == '#')
            fputs("\\#", stdout);
        else
            putchar(*p);
    }
    putchar('\n');
    fflush(stdout);
    return cond;
}

/* Pass if cond; the name is a printf format. Returns cond. */
TAP_FN __attribute__((format(printf, 2, 3))) bool
ok(bool cond, const char *fmt, ...)
{
    va_list ap;
    bool r;

    va_start(ap, fmt);
    r = tap_vok(cond, fmt, ap);
    va_end(ap);
    return r;
}

/* Compare n-byte buffers (either may be NULL: equal only if both are). */
TAP_FN bool
is_mem(const char *got, size_t got_len, const char *want, size_t want_len, const char *name)
{
    bool same;

    if (got == NULL || want == NULL)
        same = got == want;
    else
        same = got_len == want_len && memcmp(got, want, got_len) == 0;
    ok(same, "%s", name);
    if (!same) {
        fputs("#   got: ", stdout);
        tap_print_repr(got, got_len);
        fputs("\n#  want: ", stdout);
        tap_print_repr(want, want_len);
        putchar('\n');
        fflush(stdout);
    }
    return same;
}

/* Compare NUL-terminated strings (NULL equals only NULL). */
TAP_FN bool
is_str(const char *got, const char *want, const char *name)
{
    return is_mem(got, got ? strlen(got) : 0, want, want ? strlen(want) : 0, name);
}

TAP_FN bool
is_int(int64_t got, int64_t want, const char *name)
{
    bool same = got == want;

    ok(same, "%s", name);
    if (!same)
        diag("  got: %" PRId64 "  want: %" PRId64, got, want);
    return same;
}

/*
 * |got - want| <= rel_tol * |want|; with want == 0 the tolerance is absolute.
 * Two NaNs are equal; infinities must match exactly.
 */
TAP_FN bool
is_dbl(double got, double want, double rel_tol, const char *name)
{
    bool same;

    if (isnan(want) || isnan(got))
        same = isnan(want) && isnan(got);
    else if (isinf(want) || isinf(got))
        same = got == want;
    else if (want == 0)
        same = fabs(got) <= rel_tol;
    else
        same = fabs(got - want) <= rel_tol * fabs(want);
    ok(same, "%s", name);
    if (!same)
        diag("  got: %.17g  want: %.17g  (rel_tol %g)", got, want, rel_tol);
    return same;
}

/* Stop everything: the rest of the file cannot run (e.g. no database). */
TAP_FN __attribute__((noreturn, format(printf, 1, 2))) void
bail_out(const char *fmt, ...)
{
    va_list ap;

    fputs("Bail out! ", stdout);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
    fflush(stdout);
    exit(255);
}

/* Print the plan and return main()'s exit status. */
TAP_FN int
done_testing(void)
{
    printf("1..%d\n", tap_n);
    if (tap_failed)
        diag("failed %d of %d", tap_failed, tap_n);
    else if (tap_n == 0)
        diag("no tests ran");
    fflush(stdout);
    return tap_failed == 0 && tap_n > 0 ? 0 : 1;
}

#endif
