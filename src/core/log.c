/*
 * log.c — structured one-line logging to stderr (see log.h).
 */
#include "core/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/utf8.h"

enum log_level log_threshold = LOG_INFO;
static _Thread_local uint64_t t_rid;

static const char *const level_names[] = {"debug", "info", "warn", "error"};

void
log_set_request(uint64_t rid)
{
    t_rid = rid;
}

void
log_write(enum log_level lvl, const char *fmt, ...)
{
    char line[2048], msg[1536];
    struct timespec ts;
    struct tm tm;
    va_list ap;
    size_t i;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    /* the message itself never carries a raw newline */
    for (i = 0; msg[i] != '\0'; i++)
        if (msg[i] == '\n' || msg[i] == '\r')
            msg[i] = ' ';
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    snprintf(line, sizeof(line), "ts=%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ level=%s rid=%llu %s\n",
             tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
             ts.tv_nsec / 1000000, level_names[lvl], (unsigned long long)t_rid, msg);
    fputs(line, stderr);
}

char *
log_repr(char *out, size_t outsz, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    size_t i = 0, o = 0, k;
    unsigned char c;

    if (outsz < 8) {
        if (outsz > 0)
            out[0] = '\0';
        return out;
    }
    while (i < n) {
        if (o + 8 >= outsz) {
            memcpy(out + o, "...", 3);
            o += 3;
            break;
        }
        c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            out[o++] = '\\';
            out[o++] = (char)c;
            i++;
        } else if (c >= 0x20 && c < 0x7f) {
            out[o++] = (char)c;
            i++;
        } else if (c >= 0x80 && (k = utf8_seq_len(s + i, n - i)) > 0 && o + k + 8 < outsz) {
            memcpy(out + o, s + i, k);
            o += k;
            i += k;
        } else {
            out[o++] = '\\';
            out[o++] = 'x';
            out[o++] = hex[c >> 4];
            out[o++] = hex[c & 15];
            i++;
        }
    }
    out[o] = '\0';
    return out;
}

void
die(const char *fmt, ...)
{
    va_list ap;

    fputs("samverka: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}
