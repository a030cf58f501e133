/*
 * test_json.c — src/core/json.c: the streaming JSON writer. Its output is
 * checked byte for byte and, independently, by parsing it back with jansson.
 */
#include <float.h>
#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "tap.h"
#include "web/json.h"

#define N(a)   (sizeof(a) / sizeof((a)[0]))
#define B(lit) lit, sizeof(lit) - 1

static struct buf out;
static struct json j;

static void
fresh(void)
{
    buf_reset(&out);
    json_init(&j, &out);
}

static const char *
got(void)
{
    return out.data ? out.data : "";
}

static uint64_t rng_state = 0xd1b54a32d192ed03u;

static uint64_t
rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

/* Parse the writer's output with jansson; NULL (and a diagnostic) if it is not JSON. */
static json_t *
parse(void)
{
    json_error_t e;
    json_t *v;

    v = json_loadb(got(), out.len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &e);
    if (v == NULL)
        diag("jansson: %s at %d in %s", e.text, e.position, got());
    return v;
}

static void
test_quote(void)
{
    static const struct {
        const char *in;
        size_t n;
        const char *want;
    } cases[] = {
        {B(""), "\"\""},
        {B("plain"), "\"plain\""},
        {B("a\"b"), "\"a\\\"b\""},
        {B("back\\slash"), "\"back\\\\slash\""},
        {B("\n\t\r"), "\"\\n\\t\\r\""},
        {B("\x01"), "\"\\u0001\""},
        {B("\b\f"), "\"\\u0008\\u000c\""},
        {B("\x1f"), "\"\\u001f\""},
        {B("a\0b"), "\"a\\u0000b\""},
        {B("<"), "\"\\u003c\""},
        {B(">"), "\"\\u003e\""},
        {B("&"), "\"\\u0026\""},
        {B("</script><!--"), "\"\\u003c/script\\u003e\\u003c!--\""},
        {B("\x7f"), "\"\x7f\""},
        {B("/"), "\"/\""},
        {B("\xc3\xa5\xc3\xa4\xc3\xb6 \xe2\x82\xac \xf0\x9f\x98\x80"),
         "\"\xc3\xa5\xc3\xa4\xc3\xb6 \xe2\x82\xac \xf0\x9f\x98\x80\""},
        {B("\xe2\x80\xa8"), "\"\xe2\x80\xa8\""},
    };
    static const struct {
        const char *in;
        size_t n;
        const char *what;
    } bad[] = {
        {B("\xff"), "byte FF"},
        {B("a\x80"), "lone continuation"},
        {B("\xc3\x28"), "bad continuation"},
        {B("\xc0\x80"), "overlong C0 80"},
        {B("\xe0\x80\x80"), "overlong E0 80 80"},
        {B("\xed\xa0\x80"), "surrogate"},
        {B("\xf4\x90\x80\x80"), "above U+10FFFF"},
        {B("ok\xe2\x82"), "truncated sequence"},
    };
    struct buf b;
    size_t i;
    char name[96];

    buf_init(&b, 0);
    for (i = 0; i < N(cases); i++) {
        buf_reset(&b);
        snprintf(name, sizeof(name), "json_quote -> %s", cases[i].want);
        ok(json_quote(&b, cases[i].in, cases[i].n), "%s: accepted", name);
        is_str(b.data, cases[i].want, name);
    }
    for (i = 0; i < N(bad); i++) {
        buf_reset(&b);
        ok(!json_quote(&b, bad[i].in, bad[i].n), "json_quote rejects invalid UTF-8: %s",
           bad[i].what);
    }
    buf_free(&b);
}

static void
test_document(void)
{
    json_t *v, *arr;

    fresh();
    json_obj_open(&j);
    json_kint(&j, "a", 1);
    json_key(&j, "b");
    json_arr_open(&j);
    json_int(&j, 1);
    json_int(&j, -2);
    json_obj_open(&j);
    json_knull(&j, "c");
    json_obj_close(&j);
    json_arr_open(&j);
    json_arr_close(&j);
    json_arr_close(&j);
    json_kstr(&j, "d", "x");
    json_kbool(&j, "e", true);
    json_kbool(&j, "f", false);
    json_key(&j, "g");
    json_obj_open(&j);
    json_obj_close(&j);
    json_kstr(&j, "h", NULL);
    json_kdbl(&j, "i", 2.5);
    json_obj_close(&j);
    is_int(json_finish(&j), ERR_OK, "document: json_finish is ERR_OK");
    is_str(got(),
           "{\"a\":1,\"b\":[1,-2,{\"c\":null},[]],\"d\":\"x\",\"e\":true,\"f\":false,\"g\":{},"
           "\"h\":null,\"i\":2.5}",
           "document: commas placed correctly at every level");
    v = parse();
    ok(v != NULL && json_is_object(v), "document: jansson parses it as an object");
    arr = json_object_get(v, "b");
    ok(json_array_size(arr) == 4 && json_integer_value(json_array_get(arr, 1)) == -2 &&
           json_is_null(json_object_get(json_array_get(arr, 2), "c")),
       "document: jansson sees the nested values");
    ok(json_is_true(json_object_get(v, "e")) && json_is_null(json_object_get(v, "h")) &&
           json_real_value(json_object_get(v, "i")) == 2.5,
       "document: booleans, NULL string and double as jansson reads them");
    json_decref(v);

    /* top-level array of objects */
    fresh();
    json_arr_open(&j);
    for (int k = 0; k < 3; k++) {
        json_obj_open(&j);
        json_kint(&j, "k", k);
        json_kstr(&j, "s", "v");
        json_obj_close(&j);
    }
    json_arr_close(&j);
    is_int(json_finish(&j), ERR_OK, "array of objects: ERR_OK");
    is_str(got(), "[{\"k\":0,\"s\":\"v\"},{\"k\":1,\"s\":\"v\"},{\"k\":2,\"s\":\"v\"}]",
           "array of objects: exact output");
    v = parse();
    ok(v != NULL && json_array_size(v) == 3, "array of objects: jansson reads three");
    json_decref(v);

    fresh();
    json_arr_open(&j);
    json_int(&j, INT64_MIN);
    json_int(&j, INT64_MAX);
    json_arr_close(&j);
    is_str(got(), "[-9223372036854775808,9223372036854775807]", "json_int: int64 extremes");
    v = parse();
    ok(v != NULL && json_integer_value(json_array_get(v, 0)) == INT64_MIN &&
           json_integer_value(json_array_get(v, 1)) == INT64_MAX,
       "json_int: jansson reads the extremes back");
    json_decref(v);

    fresh();
    json_str(&j, "top");
    is_int(json_finish(&j), ERR_OK, "a bare top-level string is a document");
    is_str(got(), "\"top\"", "bare string output");
}

/* Keys and values with every awkward byte survive a round trip through jansson. */
static void
test_roundtrip_strings(void)
{
    static const char *const strs[] = {
        "",
        "plain",
        "quote \" backslash \\ slash /",
        ("\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f"
         "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\x7f"),
        "<script>alert('x')</script> & more",
        "\xc3\xa5\xc3\xa4\xc3\xb6 \xe2\x88\x92 \xf0\x9f\x8c\x8d \xf4\x8f\xbf\xbf",
    };
    json_t *v, *val;
    size_t i;
    char name[64];

    for (i = 0; i < N(strs); i++) {
        fresh();
        json_obj_open(&j);
        json_kstr(&j, strs[i], strs[i]);
        json_obj_close(&j);
        snprintf(name, sizeof(name), "round trip %zu", i + 1);
        ok(json_finish(&j) == ERR_OK, "%s: ERR_OK", name);
        ok(strchr(got(), '<') == NULL && strchr(got(), '>') == NULL && strchr(got(), '&') == NULL,
           "%s: no raw < > & in the output", name);
        v = parse();
        val = v ? json_object_get(v, strs[i]) : NULL;
        ok(val != NULL && strcmp(json_string_value(val), strs[i]) == 0,
           "%s: jansson gives back the same key and value", name);
        json_decref(v);
    }
}

static void
test_invalid(void)
{
    int k;

    fresh();
    json_obj_open(&j);
    json_kstr(&j, "k", "bad \xff byte");
    json_obj_close(&j);
    is_int(json_finish(&j), ERR_INVALID, "invalid UTF-8 in a value: json_finish is ERR_INVALID");

    fresh();
    json_obj_open(&j);
    json_kstr(&j, "bad \xc0\x80 key", "v");
    json_obj_close(&j);
    is_int(json_finish(&j), ERR_INVALID, "invalid UTF-8 in a key: ERR_INVALID");

    fresh();
    json_arr_open(&j);
    json_str(&j, "\xed\xa0\x80");
    json_str(&j, "fine");
    json_arr_close(&j);
    is_int(json_finish(&j), ERR_INVALID, "the error is sticky past later valid values");

    fresh();
    json_obj_open(&j);
    is_int(json_finish(&j), ERR_INVALID, "an unclosed object is ERR_INVALID");

    fresh();
    json_arr_close(&j);
    is_int(json_finish(&j), ERR_INVALID, "closing with nothing open is ERR_INVALID");

    fresh();
    json_obj_open(&j);
    json_key(&j, "dangling");
    json_obj_close(&j);
    is_int(json_finish(&j), ERR_INVALID, "a key without a value is ERR_INVALID");

    fresh();
    for (k = 0; k < JSON_MAX_DEPTH; k++)
        json_arr_open(&j);
    for (k = 0; k < JSON_MAX_DEPTH; k++)
        json_arr_close(&j);
    is_int(json_finish(&j), ERR_OK, "nesting to JSON_MAX_DEPTH is allowed");

    fresh();
    for (k = 0; k < JSON_MAX_DEPTH + 1; k++)
        json_arr_open(&j);
    is_int(json_finish(&j), ERR_INVALID, "nesting past JSON_MAX_DEPTH is ERR_INVALID");

    {
        struct buf small;
        struct json js;

        buf_init(&small, 16);
        json_init(&js, &small);
        json_arr_open(&js);
        for (k = 0; k < 10; k++)
            json_str(&js, "abcdef");
        json_arr_close(&js);
        is_int(json_finish(&js), ERR_LIMIT, "output past the buffer limit is ERR_LIMIT");
        buf_free(&small);
    }
}

static void
test_pairs(void)
{
    static const struct {
        const char *in, *want;
    } cases[] = {
        {"", "{}"},
        {"Sex=F", "{\"Sex\":\"F\"}"},
        {"Sex=F\x1f"
         "Age=15-24",
         "{\"Sex\":\"F\",\"Age\":\"15-24\"}"},
        {"Unit=a=b\x1f\x1fNote", "{\"Unit\":\"a=b\",\"Note\":\"\"}"}, /* '=' in a value */
        {"M=\"q\"", "{\"M\":\"\\\"q\\\"\"}"},                         /* escaped */
    };
    struct json jw;
    struct buf b;
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        buf_init(&b, 0);
        json_init(&jw, &b);
        json_pairs(&jw, cases[i].in, '\x1f');
        ok(json_finish(&jw) == ERR_OK && b.len == strlen(cases[i].want) &&
               memcmp(b.data, cases[i].want, b.len) == 0,
           "json_pairs: %s", cases[i].want);
        buf_free(&b);
    }
    buf_init(&b, 0);
    json_init(&jw, &b);
    json_pairs(&jw, NULL, ',');
    ok(json_finish(&jw) == ERR_OK && b.len == 2 && memcmp(b.data, "{}", 2) == 0,
       "json_pairs: NULL is {}");
    buf_free(&b);
}

static void
test_doubles(void)
{
    static const struct {
        double v;
        const char *want;
    } cases[] = {
        {0.1, "0.1"},
        {1e300, "1e+300"},
        {-0.0, "-0"},
        {0.0, "0"},
        {123456789.125, "123456789.125"},
        {1.0, "1"},
        {-2.5, "-2.5"},
        {1.0 / 3, "0.33333333333333331"},
        {DBL_MAX, "1.7976931348623157e+308"},
        {5e-324, "4.9406564584124654e-324"},
    };
    double nonfinite[] = {NAN, INFINITY, -INFINITY};
    json_t *v;
    double back;
    size_t i;
    int k, bad = 0;
    char name[96];

    for (i = 0; i < N(cases); i++) {
        fresh();
        json_dbl(&j, cases[i].v);
        back = strtod(got(), NULL);
        snprintf(name, sizeof(name), "json_dbl(%.17g)", cases[i].v);
        ok(back == cases[i].v && signbit(back) == signbit(cases[i].v), "%s round-trips", name);
        /* shortest form where there is a unique one; the long ones just must round-trip */
        if (i < 7)
            is_str(got(), cases[i].want, name);
        v = parse();
        ok(v != NULL && json_number_value(v) == cases[i].v, "%s: jansson reads the same number",
           name);
        json_decref(v);
    }

    for (i = 0; i < N(nonfinite); i++) {
        fresh();
        json_arr_open(&j);
        json_dbl(&j, nonfinite[i]);
        json_int(&j, 1);
        json_arr_close(&j);
        snprintf(name, sizeof(name), "json_dbl(%g) is null", nonfinite[i]);
        is_str(got(), "[null,1]", name);
    }

    /* 10000 doubles from random bit patterns: every finite one round-trips exactly */
    for (k = 0; k < 10000; k++) {
        uint64_t bits = rng();
        double d;

        memcpy(&d, &bits, sizeof(d));
        if (!isfinite(d))
            continue;
        fresh();
        json_dbl(&j, d);
        back = strtod(got(), NULL);
        if (back != d || signbit(back) != signbit(d)) {
            if (bad++ < 3)
                diag("%.17g written as %s", d, got());
        }
    }
    ok(bad == 0, "json_dbl: random finite doubles round-trip exactly (%d failed)", bad);
}

int
main(void)
{
    buf_init(&out, 0);
    test_quote();
    test_document();
    test_roundtrip_strings();
    test_invalid();
    test_doubles();
    test_pairs();
    buf_free(&out);
    return done_testing();
}
