/*
 * test_route.c — src/web/routes.c: param_validate for every parameter type,
 * and the route table's own consistency (every {name} declared, every path
 * parameter used, validators well-formed).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "tap.h"
#include "web/route.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct code colour_codes[] = {{"red", NULL}, {"green", NULL}, {"dark_blue", NULL}};
static const struct code_set colours = {NULL, NULL, colour_codes, 3};

static const struct pspec p_int = {"n", P_INT, PIN_QUERY, false, 1, 100, NULL, "n"};
static const struct pspec p_int_wide = {"w",       P_INT,     PIN_QUERY, false,
                                        INT64_MIN, INT64_MAX, NULL,      "w"};
static const struct pspec p_slug = {"s", P_SLUG, PIN_PATH, true, 0, 0, NULL, "s"};
static const struct pspec p_enum = {"c", P_ENUM, PIN_QUERY, false, 0, 0, &colours, "c"};
static const struct pspec p_text = {"t", P_TEXT, PIN_QUERY, false, 0, 0, NULL, "t"};
static const struct pspec p_text5 = {"t5", P_TEXT, PIN_QUERY, false, 0, 5, NULL, "t5"};
static const struct pspec p_target = {"tg", P_SDG_TARGET, PIN_QUERY, false, 0, 0, NULL, "tg"};

struct vcase {
    const struct pspec *ps;
    const char *raw;
    bool ok;
    int64_t i; /* P_INT: the parsed value */
};

static const struct vcase vcases[] = {
    /* P_INT: decimal, in [min, max]; str_to_i64 decides the format */
    {&p_int, "1", true, 1},
    {&p_int, "100", true, 100},
    {&p_int, "42", true, 42},
    {&p_int, "01", true, 1}, /* leading zeros: still a decimal integer */
    {&p_int, "007", true, 7},
    {&p_int, "0", false, 0},
    {&p_int, "101", false, 0},
    {&p_int, "-1", false, 0},
    {&p_int, "+1", false, 0},
    {&p_int, " 1", false, 0},
    {&p_int, "1 ", false, 0},
    {&p_int, "1.0", false, 0},
    {&p_int, "1e1", false, 0},
    {&p_int, "0x10", false, 0},
    {&p_int, "", false, 0},
    {&p_int, "abc", false, 0},
    {&p_int, "\xd9\xa1", false, 0}, /* ARABIC-INDIC DIGIT ONE */
    {&p_int, "99999999999999999999", false, 0},
    {&p_int_wide, "-9223372036854775808", true, INT64_MIN},
    {&p_int_wide, "9223372036854775807", true, INT64_MAX},
    {&p_int_wide, "9223372036854775808", false, 0},
    {&p_int_wide, "-0", true, 0},

    /* P_SLUG */
    {&p_slug, "klimat-2030", true, 0},
    {&p_slug, "a", true, 0},
    {&p_slug, "", false, 0},
    {&p_slug, "-a", false, 0},
    {&p_slug, "a-", false, 0},
    {&p_slug, "Klimat", false, 0},
    {&p_slug, "a_b", false, 0},
    {&p_slug, "a b", false, 0},
    {&p_slug, "a/b", false, 0},
    {&p_slug, "..", false, 0},
    {&p_slug, "\xc3\xa5", false, 0},

    /* P_ENUM */
    {&p_enum, "red", true, 0},
    {&p_enum, "dark_blue", true, 0},
    {&p_enum, "Red", false, 0},
    {&p_enum, "re", false, 0},
    {&p_enum, "redd", false, 0},
    {&p_enum, "red ", false, 0},
    {&p_enum, "", false, 0},

    /* P_TEXT */
    {&p_text, "hello world", true, 0},
    {&p_text, "r\xc3\xa4ksm\xc3\xb6rg\xc3\xa5s \xe2\x82\xac \xf0\x9f\x8c\x8d", true, 0},
    {&p_text, "<script>&\"'", true, 0}, /* escaping is the writer's job, not the validator's */
    {&p_text, "", true, 0},
    {&p_text, "a\tb", false, 0},
    {&p_text, "a\nb", false, 0},
    {&p_text, "a\rb", false, 0},
    {&p_text, "\x01", false, 0},
    {&p_text, "\x1b[2J", false, 0},
    {&p_text, "\x1f", false, 0},
    {&p_text5, "abcde", true, 0},
    {&p_text5, "abcdef", false, 0},
    {&p_text5, "\xc3\xa5\xc3\xa4\xc3\xb6", false, 0}, /* max counts bytes: 6 > 5 */
    {&p_text5, "\xc3\xa5\xc3\xa4", true, 0},

    /* P_SDG_TARGET */
    {&p_target, "12.3", true, 0},
    {&p_target, "17.a", true, 0},
    {&p_target, "1.1", true, 0},
    {&p_target, "8.10", true, 0},
    {&p_target, "14.c", true, 0},
    {&p_target, "12", false, 0},
    {&p_target, "1.2.3", false, 0},
    {&p_target, "x.1", false, 0},
    {&p_target, "1.x", false, 0},
    {&p_target, "123.1", false, 0},
    {&p_target, ".1", false, 0},
    {&p_target, "1.", false, 0},
    {&p_target, "1.123", false, 0},
    {&p_target, "1.A", false, 0},
    {&p_target, "1.k", false, 0},
    {&p_target, " 1.1", false, 0},
    {&p_target, "1.1 ", false, 0},
    {&p_target, "", false, 0},
};

static const struct pspec *const all_specs[] = {&p_int, &p_slug, &p_enum, &p_text, &p_target};

static void
test_validate(void)
{
    struct pval v;
    const char *msg;
    bool r;
    size_t i;
    char name[160];

    for (i = 0; i < N(vcases); i++) {
        const struct vcase *c = &vcases[i];

        memset(&v, 0, sizeof(v));
        msg = NULL;
        r = param_validate(c->ps, c->raw, &v, &msg);
        snprintf(name, sizeof(name), "param_validate(%s \"%s\") %s", c->ps->name, c->raw,
                 c->ok ? "accepts" : "rejects");
        if (c->ok)
            ok(r && v.present && v.s == c->raw && (c->ps->type != P_INT || v.i == c->i), "%s",
               name);
        else
            ok(!r && msg != NULL && *msg != '\0', "%s with a message", name);
        if (r != c->ok && msg != NULL)
            diag("message: %s", msg);
    }
}

/* Limits every type shares: length and UTF-8, checked before the type's own rule. */
static void
test_common_limits(void)
{
    char at_max[WEB_MAX_PARAM_LEN + 1], over[WEB_MAX_PARAM_LEN + 2];
    struct pval v;
    const char *msg;
    size_t i;
    static const char *const bad_utf8[] = {"\xff", "a\xc3", "\xc0\x80", "\xed\xa0\x80",
                                           "\xf4\x90\x80\x80"};

    memset(at_max, 'a', WEB_MAX_PARAM_LEN);
    at_max[WEB_MAX_PARAM_LEN] = '\0';
    memset(over, 'a', WEB_MAX_PARAM_LEN + 1);
    over[WEB_MAX_PARAM_LEN + 1] = '\0';

    msg = NULL;
    ok(param_validate(&p_text, at_max, &v, &msg),
       "P_TEXT: exactly WEB_MAX_PARAM_LEN bytes accepted");
    for (i = 0; i < N(all_specs); i++) {
        msg = NULL;
        ok(!param_validate(all_specs[i], over, &v, &msg) && msg != NULL &&
               strcmp(msg, "is too long") == 0,
           "%s: WEB_MAX_PARAM_LEN + 1 bytes rejected as too long", all_specs[i]->name);
    }
    for (i = 0; i < N(bad_utf8); i++) {
        msg = NULL;
        ok(!param_validate(&p_text, bad_utf8[i], &v, &msg) && msg != NULL &&
               strcmp(msg, "is not valid UTF-8") == 0,
           "P_TEXT: invalid UTF-8 case %zu rejected as such", i + 1);
    }
    msg = NULL;
    ok(!param_validate(&p_enum, "red\xff", &v, &msg) && msg != NULL &&
           strcmp(msg, "is not valid UTF-8") == 0,
       "P_ENUM: invalid UTF-8 rejected before the value lookup");
}

/* --------------------------------------------------------- the route table */

static const struct pspec *
find_spec(const struct route *r, const char *name, size_t n)
{
    int i;

    for (i = 0; i < WEB_MAX_PARAMS && r->params[i].name != NULL; i++)
        if (strlen(r->params[i].name) == n && strncmp(r->params[i].name, name, n) == 0)
            return &r->params[i];
    return NULL;
}

static bool
pattern_has(const char *pattern, const char *name)
{
    char want[64];

    snprintf(want, sizeof(want), "{%s}", name);
    return strstr(pattern, want) != NULL;
}

static void
test_route_table(void)
{
    int i, k, m;
    const char *p, *open, *close;
    const struct pspec *ps;
    bool good;

    ok(n_routes > 0, "the route table has %d routes", n_routes);
    for (i = 0; i < n_routes; i++) {
        const struct route *r = &routes[i];

        ok(r->method != NULL && r->pattern != NULL && r->pattern[0] == '/' && r->fn != NULL,
           "route %d %s: method, pattern starting with /, handler", i,
           r->pattern ? r->pattern : "?");

        /* every {name} in the pattern is a declared path parameter */
        good = true;
        for (p = r->pattern; (open = strchr(p, '{')) != NULL; p = close + 1) {
            close = strchr(open, '}');
            if (close == NULL || close == open + 1 || close - open - 1 >= 32 ||
                open == r->pattern || open[-1] != '/' || (close[1] != '\0' && close[1] != '/')) {
                diag("%s: malformed placeholder", r->pattern);
                good = false;
                break;
            }
            ps = find_spec(r, open + 1, (size_t)(close - open - 1));
            if (ps == NULL || ps->in != PIN_PATH) {
                diag("%s: {%.*s} has no PIN_PATH spec", r->pattern, (int)(close - open - 1),
                     open + 1);
                good = false;
            }
        }
        ok(good, "%s %s: every {name} has a PIN_PATH spec of that name", r->method, r->pattern);

        /* every PIN_PATH spec appears in the pattern, and is required */
        good = true;
        for (k = 0; k < WEB_MAX_PARAMS && r->params[k].name != NULL; k++) {
            ps = &r->params[k];
            if (ps->in == PIN_PATH && (!pattern_has(r->pattern, ps->name) || !ps->required)) {
                diag("%s: path parameter %s missing from the pattern or optional", r->pattern,
                     ps->name);
                good = false;
            }
        }
        ok(good, "%s %s: every PIN_PATH spec appears in the pattern", r->method, r->pattern);

        /* the specs themselves are well-formed and unique */
        good = true;
        for (k = 0; k < WEB_MAX_PARAMS && r->params[k].name != NULL; k++) {
            ps = &r->params[k];
            if (ps->name[0] == '\0' || ps->desc == NULL ||
                (ps->type == P_ENUM && (ps->codes == NULL || ps->codes->n == 0)) ||
                (ps->type == P_INT && ps->min > ps->max)) {
                diag("%s: spec %s is malformed", r->pattern, ps->name);
                good = false;
            }
            for (m = 0; m < k; m++)
                if (strcmp(r->params[m].name, ps->name) == 0) {
                    diag("%s: %s declared twice", r->pattern, ps->name);
                    good = false;
                }
        }
        ok(good, "%s %s: parameter specs well-formed and unique", r->method, r->pattern);

        /* `samverka routes` names every kind and flag the table uses */
        good = strcmp(route_kind_name(r->kind), "?") != 0;
        for (m = 0; m < 32; m++)
            if ((r->flags & (1u << m)) && route_flag_name(1u << m) == NULL) {
                diag("%s: flag bit %d has no name", r->pattern, m);
                good = false;
            }
        ok(good, "%s %s: kind and flags have names for samverka routes", r->method, r->pattern);

        for (m = 0; m < i; m++)
            if (strcmp(routes[m].method, r->method) == 0 &&
                strcmp(routes[m].pattern, r->pattern) == 0)
                break;
        ok(m == i, "%s %s: declared once", r->method, r->pattern);
    }
}

static void
test_names(void)
{
    is_str(route_kind_name(RK_HTML), "html", "kind RK_HTML is html");
    is_str(route_kind_name(RK_API), "api", "kind RK_API is api");
    is_str(route_kind_name(RK_FILE), "file", "kind RK_FILE is file");
    is_str(route_flag_name(RF_CACHE), "cache", "flag RF_CACHE is cache");
    is_str(route_flag_name(RF_COUNT), "count", "flag RF_COUNT is count");
    is_str(route_flag_name(RF_WRITE), "write", "flag RF_WRITE is write");
    is_str(route_flag_name(RF_IMPORT), "import", "flag RF_IMPORT is import");
    is_str(route_flag_name(RF_CREATE), "create", "flag RF_CREATE is create");
    ok(route_flag_name(RF_CACHE | RF_COUNT) == NULL, "two bits together are no one flag");
}

int
main(void)
{
    test_validate();
    test_names();
    test_common_limits();
    test_route_table();
    return done_testing();
}
