/*
 * test_form.c — src/core/form.c: application/x-www-form-urlencoded bodies.
 */
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/form.h"
#include "tap.h"

static struct arena arena;

static void
test_pairs(void)
{
    struct form f;
    const char *msg, *all[4];
    const char body[] = "email=a%40b.se&name=Ann+%C3%85berg&empty=&flag&&sdg=12.3&sdg=2.1";

    ok(form_parse(&arena, body, strlen(body), &f, &msg) == ERR_OK, "a form of six fields parses");
    is_int(f.n, 6, "six fields (the empty pair between && is nothing)");
    is_str(form_get(&f, "email"), "a@b.se", "%40 is @");
    is_str(form_get(&f, "name"), "Ann Åberg", "+ is a space and UTF-8 escapes decode");
    is_str(form_get(&f, "empty"), "", "name= gives the empty value");
    is_str(form_get(&f, "flag"), "", "a name without = gives the empty value");
    ok(form_get(&f, "missing") == NULL, "an absent field is NULL");
    is_int(form_get_all(&f, "sdg", all, 4), 2, "a repeated field has both values");
    is_str(all[1], "2.1", "... in order");
    is_int(form_get_all(&f, "sdg", all, 1), 1, "... and no more than asked for");
    ok(form_parse(&arena, "", 0, &f, &msg) == ERR_OK && f.n == 0, "an empty body is no fields");
    ok(form_parse(&arena, "a=1&b=2", 3, &f, &msg) == ERR_OK && f.n == 1 &&
           strcmp(form_get(&f, "a"), "1") == 0,
       "only len bytes are read");
}

static void
test_refusals(void)
{
    static const struct {
        const char *body;
        size_t len;
        enum err want;
        const char *what;
    } cases[] = {
        {"a=%zz", 5, ERR_INVALID, "a malformed escape"},
        {"a=%4", 4, ERR_INVALID, "a cut-off escape"},
        {"a=%00", 5, ERR_INVALID, "an encoded NUL"},
        {"a=x\0y", 5, ERR_INVALID, "a raw NUL"},
        {"a=%C3%28", 8, ERR_INVALID, "invalid UTF-8 after decoding"},
        {"=1", 2, ERR_INVALID, "a field without a name"},
    };
    struct form f;
    const char *msg;
    size_t i;
    char big[FORM_MAX_FIELDS * 4 + 8], *p = big;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        enum err rc = form_parse(&arena, cases[i].body, cases[i].len, &f, &msg);

        ok(rc == cases[i].want && f.n == 0 && msg != NULL, "refused: %s (%s)", cases[i].what,
           msg ? msg : "no message");
    }
    for (i = 0; i < FORM_MAX_FIELDS + 1; i++)
        p += sprintf(p, "a=&");
    ok(form_parse(&arena, big, strlen(big), &f, &msg) == ERR_LIMIT && f.n == 0,
       "%d fields are refused (the limit is %d)", FORM_MAX_FIELDS + 1, FORM_MAX_FIELDS);
    ok(form_parse(&arena, big, (size_t)FORM_MAX_FIELDS * 3, &f, &msg) == ERR_OK &&
           f.n == FORM_MAX_FIELDS,
       "%d fields are accepted", FORM_MAX_FIELDS);
    memset(big, 'n', FORM_MAX_NAME + 1);
    big[FORM_MAX_NAME + 1] = '=';
    ok(form_parse(&arena, big, FORM_MAX_NAME + 2, &f, &msg) == ERR_LIMIT,
       "a name of %d bytes is refused", FORM_MAX_NAME + 1);
    ok(form_parse(&arena, big + 1, FORM_MAX_NAME + 1, &f, &msg) == ERR_OK && f.n == 1,
       "a name of %d bytes is accepted", FORM_MAX_NAME);
}

int
main(void)
{
    arena_init(&arena);
    test_pairs();
    test_refusals();
    arena_free(&arena);
    return done_testing();
}
