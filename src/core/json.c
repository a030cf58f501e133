/*
 * json.c — streaming JSON writer (see json.h).
 */
#include "core/json.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"

void
json_init(struct json *j, struct buf *b)
{
    memset(j, 0, sizeof(*j));
    j->b = b;
}

/* Place a value: after a key in an object, after a comma in an array, or alone
 * at the top level. Anything else is a structure error (sticky). */
static void
before_value(struct json *j)
{
    if (j->after_key) {
        j->after_key = false;
        return;
    }
    if (j->depth == 0) {
        if (j->done)
            j->err = ERR_INVALID;
        j->done = true;
        return;
    }
    if (j->kind[j->depth - 1] == '{') {
        j->err = ERR_INVALID; /* a value in an object needs a key */
        return;
    }
    if (j->depth > 0) {
        if (j->need_comma[j->depth - 1])
            buf_addc(j->b, ',');
        j->need_comma[j->depth - 1] = true;
    }
}

static void
open(struct json *j, char c)
{
    before_value(j);
    if (j->depth >= JSON_MAX_DEPTH) {
        j->err = ERR_INVALID;
        return;
    }
    buf_addc(j->b, c);
    j->kind[j->depth] = c;
    j->need_comma[j->depth++] = false;
}

static void
close(struct json *j, char c)
{
    if (j->depth == 0 || j->after_key || j->kind[j->depth - 1] != (c == '}' ? '{' : '[')) {
        j->err = ERR_INVALID;
        return;
    }
    j->depth--;
    buf_addc(j->b, c);
}

void
json_obj_open(struct json *j)
{
    open(j, '{');
}

void
json_obj_close(struct json *j)
{
    close(j, '}');
}

void
json_arr_open(struct json *j)
{
    open(j, '[');
}

void
json_arr_close(struct json *j)
{
    close(j, ']');
}

bool
json_quote(struct buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    size_t i, start = 0;
    unsigned char c;
    char esc[6];
    size_t k;

    buf_addc(b, '"');
    for (i = 0; i < n;) {
        c = (unsigned char)s[i];
        if (c >= 0x80) {
            k = utf8_seq_len(s + i, n - i);
            if (k == 0)
                return false;
            i += k;
            continue;
        }
        if (c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&') {
            i++;
            continue;
        }
        buf_add(b, s + start, i - start);
        switch (c) {
        case '"':
            buf_add(b, "\\\"", 2);
            break;
        case '\\':
            buf_add(b, "\\\\", 2);
            break;
        case '\n':
            buf_add(b, "\\n", 2);
            break;
        case '\t':
            buf_add(b, "\\t", 2);
            break;
        case '\r':
            buf_add(b, "\\r", 2);
            break;
        default:
            /* other controls, and < > & so JSON is inert even if sniffed as HTML */
            esc[0] = '\\';
            esc[1] = 'u';
            esc[2] = '0';
            esc[3] = '0';
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            buf_add(b, esc, 6);
        }
        i++;
        start = i;
    }
    buf_add(b, s + start, n - start);
    buf_addc(b, '"');
    return true;
}

/* A key of n bytes (json_key). */
static void
key_n(struct json *j, const char *k, size_t n)
{
    if (j->depth == 0 || j->kind[j->depth - 1] != '{' || j->after_key) {
        j->err = ERR_INVALID;
        return;
    }
    if (j->need_comma[j->depth - 1])
        buf_addc(j->b, ',');
    j->need_comma[j->depth - 1] = true;
    if (!json_quote(j->b, k, n))
        j->err = ERR_INVALID;
    buf_addc(j->b, ':');
    j->after_key = true;
}

/* A string value of n bytes (json_str). */
static void
str_n(struct json *j, const char *s, size_t n)
{
    before_value(j);
    if (!json_quote(j->b, s, n))
        j->err = ERR_INVALID;
}

void
json_key(struct json *j, const char *k)
{
    key_n(j, k, strlen(k));
}

void
json_str(struct json *j, const char *s)
{
    if (s == NULL) {
        json_nil(j);
        return;
    }
    str_n(j, s, strlen(s));
}

void
json_int(struct json *j, int64_t v)
{
    before_value(j);
    buf_printf(j->b, "%lld", (long long)v);
}

void
json_dbl(struct json *j, double v)
{
    if (!isfinite(v)) {
        json_nil(j);
        return;
    }
    before_value(j);
    char tmp[40];
    str_shortest(tmp, sizeof(tmp), v);
    buf_adds(j->b, tmp);
}

void
json_bool(struct json *j, bool v)
{
    before_value(j);
    buf_adds(j->b, v ? "true" : "false");
}

void
json_nil(struct json *j)
{
    before_value(j);
    buf_adds(j->b, "null");
}

void
json_kstr(struct json *j, const char *k, const char *s)
{
    json_key(j, k);
    json_str(j, s);
}

void
json_pairs(struct json *j, const char *s, char sep)
{
    const char *end, *eq;

    json_obj_open(j);
    for (; s != NULL && *s; s = *end ? end + 1 : end) {
        end = strchr(s, sep);
        if (end == NULL)
            end = s + strlen(s);
        if (end == s)
            continue;
        eq = memchr(s, '=', (size_t)(end - s));
        if (eq == NULL)
            eq = end;
        key_n(j, s, (size_t)(eq - s));
        str_n(j, eq < end ? eq + 1 : end, eq < end ? (size_t)(end - eq - 1) : 0);
    }
    json_obj_close(j);
}

void
json_kint(struct json *j, const char *k, int64_t v)
{
    json_key(j, k);
    json_int(j, v);
}

void
json_kdbl(struct json *j, const char *k, double v)
{
    json_key(j, k);
    json_dbl(j, v);
}

void
json_kbool(struct json *j, const char *k, bool v)
{
    json_key(j, k);
    json_bool(j, v);
}

void
json_knull(struct json *j, const char *k)
{
    json_key(j, k);
    json_nil(j);
}

void
json_kdbl_or_null(struct json *j, const char *k, bool has, double v)
{
    json_key(j, k);
    if (has)
        json_dbl(j, v);
    else
        json_nil(j);
}

void
json_fail(struct json *j, enum err e)
{
    if (j->err == ERR_OK)
        j->err = e;
}

enum err
json_finish(struct json *j)
{
    if (j->err)
        return j->err;
    if (j->depth != 0 || j->after_key)
        return ERR_INVALID;
    return buf_err(j->b);
}
