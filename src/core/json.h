/*
 * json.h — a streaming JSON writer. Keys and values are escaped; control
 * characters come out as \u00XX; invalid UTF-8 sets a sticky ERR_INVALID
 * (never mangled or passed through). Commas are placed automatically.
 * Parsing input is jansson's job; emitting is this writer's (a jansson tree
 * costs about half the throughput).
 */
#ifndef CORE_JSON_H
#define CORE_JSON_H

#include <stdbool.h>
#include <stdint.h>

#include "core/buf.h"

#define JSON_MAX_DEPTH 32

struct json {
    struct buf *b;
    int depth;
    bool need_comma[JSON_MAX_DEPTH];
    char kind[JSON_MAX_DEPTH]; /* '{' or '[' per open level */
    bool after_key;
    bool done; /* the one top-level value is complete */
    enum err err;
};

void json_init(struct json *j, struct buf *b);
void json_obj_open(struct json *j);
void json_obj_close(struct json *j);
void json_arr_open(struct json *j);
void json_arr_close(struct json *j);
void json_key(struct json *j, const char *k);
void json_str(struct json *j, const char *s); /* NULL -> null */
void json_int(struct json *j, int64_t v);
void json_dbl(struct json *j, double v); /* non-finite -> null */
void json_bool(struct json *j, bool v);
void json_nil(struct json *j);

/* key + value shorthands */
void json_kstr(struct json *j, const char *k, const char *s);
void json_kint(struct json *j, const char *k, int64_t v);
void json_kdbl(struct json *j, const char *k, double v);
void json_kbool(struct json *j, const char *k, bool v);
void json_knull(struct json *j, const char *k);
/* k: v when has, else k: null (an optional number) */
void json_kdbl_or_null(struct json *j, const char *k, bool has, double v);
/* "Name=Value" pairs joined by sep (a disaggregation, attribute cells) as the object
 * {"Name": "Value", ...} in their order; a piece without '=' is a name with the value "",
 * an empty piece is skipped; NULL or "" is {}. */
void json_pairs(struct json *j, const char *s, char sep);

/* Make the writer fail with e (sticky, the first error stays): for a caller that could not
 * produce a value it was about to write, so the response is refused, not left short. */
void json_fail(struct json *j, enum err e);

/* ERR_OK, ERR_INVALID (bad UTF-8 or structure) or ERR_LIMIT (buffer). */
enum err json_finish(struct json *j);

/* Append s as a quoted JSON string to b; false on invalid UTF-8. */
bool json_quote(struct buf *b, const char *s, size_t n);

#endif
