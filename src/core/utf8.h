/*
 * utf8.h — UTF-8 checks. Pure functions on byte ranges; nothing below them.
 */
#ifndef CORE_UTF8_H
#define CORE_UTF8_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

/* Length of the valid UTF-8 sequence at s (1-4), or 0 if invalid/overlong/surrogate. */
size_t utf8_seq_len(const char *s, size_t n);
/* True if all n bytes are valid UTF-8 (no overlongs, no surrogates, <= U+10FFFF). */
bool utf8_valid(const char *s, size_t n);
/* Number of code points in valid UTF-8 text. */
size_t utf8_count(const char *s, size_t n);
/* vsnprintf into dst[cap] (cap > 0) that, when the text does not fit, ends it on a character
 * boundary: a message that quotes a user's text (a diagnostic, 256 bytes) stays valid UTF-8
 * (a JSON writer refuses anything else). The text is vsnprintf's, less 0-3 bytes. */
void utf8_vformat(char *dst, size_t cap, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));
/* utf8_vformat with the arguments given. */
void utf8_format(char *dst, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
