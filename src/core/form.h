/*
 * form.h — an application/x-www-form-urlencoded body (what an HTML form without a file
 * posts), parsed into name/value pairs. Pure: no I/O; the pairs live in the caller's arena.
 *
 * The WHATWG URL standard's rules: pairs split on '&', name and value on the first '=',
 * '+' is a space, %XX decoded. On top of them, what samverka accepts: every name and value
 * valid UTF-8 after decoding, no NUL, at most FORM_MAX_FIELDS pairs, names of at most
 * FORM_MAX_NAME bytes. A malformed %-escape is refused rather than kept as text.
 */
#ifndef CORE_FORM_H
#define CORE_FORM_H

#include <stddef.h>

#include "core/arena.h"
#include "core/err.h"

#define FORM_MAX_FIELDS 512 /* pairs in one form: a goal tree's editor stays well below */
#define FORM_MAX_NAME   64  /* bytes of a field name */

struct form_field {
    const char *name;
    const char *value;
};

struct form {
    struct form_field *fields;
    int n;
};

/*
 * Parse body (len bytes, need not end in NUL) into out. Errors, with *out_msg saying why
 * (English, static) and out empty: ERR_LIMIT (too many fields, a name too long),
 * ERR_INVALID (a bad %-escape, invalid UTF-8, a NUL, an empty name).
 */
enum err form_parse(struct arena *a, const char *body, size_t len, struct form *out,
                    const char **out_msg);

/* The first value of name, or NULL. */
const char *form_get(const struct form *f, const char *name);

/* The values of name in order (multiple select, repeated fields): at most max, their
 * number returned. */
int form_get_all(const struct form *f, const char *name, const char **out, int max);

#endif
