/*
 * log.h — one line per event on stderr: `ts=... level=... rid=... msg="..."`.
 *
 * log_msg checks the level before formatting (as Redis serverLog does). Request
 * data is never a format string: pass it as an argument through log_repr, which
 * escapes control bytes, quotes and invalid UTF-8 so one event stays one line.
 */
#ifndef CORE_LOG_H
#define CORE_LOG_H

#include <stddef.h>
#include <stdint.h>

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };

extern enum log_level log_threshold;

/* The id of the request this thread works on (0: none); printed as rid=. */
void log_set_request(uint64_t rid);

void log_write(enum log_level lvl, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define log_msg(lvl, ...)                                                                          \
    do {                                                                                           \
        if ((lvl) >= log_threshold)                                                                \
            log_write((lvl), __VA_ARGS__);                                                         \
    } while (0)

/*
 * Escape `n` untrusted bytes of `s` into `out` (size `outsz`, always
 * NUL-terminated, truncated with "..." if too long): printable ASCII and valid
 * UTF-8 pass, `"` and `\` are backslashed, everything else becomes \xNN.
 */
char *log_repr(char *out, size_t outsz, const char *s, size_t n);

/* Startup failure or true OOM only: print and exit(1). */
void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
