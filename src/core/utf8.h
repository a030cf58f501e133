/*
 * utf8.h — UTF-8 checks. Pure functions on byte ranges; nothing below them.
 */
#ifndef CORE_UTF8_H
#define CORE_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* Length of the valid UTF-8 sequence at s (1-4), or 0 if invalid/overlong/surrogate. */
size_t utf8_seq_len(const char *s, size_t n);
/* True if all n bytes are valid UTF-8 (no overlongs, no surrogates, <= U+10FFFF). */
bool utf8_valid(const char *s, size_t n);
/* Number of code points in valid UTF-8 text. */
size_t utf8_count(const char *s, size_t n);

#endif
