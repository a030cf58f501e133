/*
 * test_url.c — src/web/url.c (URL builders, url_is_http), web_pick_lang and
 * i18n_same_words (i18n.c).
 */
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "tap.h"
#include "web/i18n.h"
#include "web/url.h"
#include "web/web.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static struct arena arena;

static struct req
mkreq(enum lang lang, bool in_query, const char *path)
{
    struct req rq;

    memset(&rq, 0, sizeof(rq));
    rq.arena = &arena;
    rq.lang = lang;
    rq.lang_in_query = in_query;
    rq.path = path;
    return rq;
}

static void
test_builders(void)
{
    struct req sv = mkreq(LANG_SV, false, "/");
    struct req en = mkreq(LANG_EN, false, "/");
    struct req enq = mkreq(LANG_EN, true, "/");
    struct req svq = mkreq(LANG_SV, true, "/");

    is_str(url_home(&sv), "/", "url_home");
    is_str(url_home(&enq), "/?lang=en", "url_home carries ?lang=en");
    is_str(url_home(&svq), "/?lang=sv", "url_home carries an explicit ?lang=sv");
    is_str(url_home(&en), "/", "url_home: English from Accept-Language adds nothing");

    is_str(url_mission(&sv, "klimat-2030"), "/missions/klimat-2030", "url_mission");
    is_str(url_mission(&sv, "a b/c"), "/missions/a%20b%2Fc", "url_mission encodes the segment");
    is_str(url_mission(&sv, "../admin?x=1#f"), "/missions/..%2Fadmin%3Fx%3D1%23f",
           "url_mission: no segment can escape its place");
    is_str(url_mission(&sv, "\xc3\xa5"), "/missions/%C3%A5", "url_mission encodes UTF-8");
    is_str(url_mission(&enq, "a b"), "/missions/a%20b?lang=en", "url_mission carries lang=en");
    is_str(url_mission(&en, "a b"), "/missions/a%20b", "url_mission: no lang unless in query");

    is_str(url_indicator(&sv, 42), "/indicators/42", "url_indicator");
    is_str(url_indicator(&enq, 42), "/indicators/42?lang=en", "url_indicator with lang");
    is_str(url_indicator_data(&enq, 7, "csv"), "/indicators/7/data.csv",
           "url_indicator_data csv (data files carry no lang)");
    is_str(url_indicator_data(&sv, 7, "json"), "/indicators/7/data.json",
           "url_indicator_data json");
    is_str(url_initiative(&sv, 3), "/initiatives/3", "url_initiative");
    is_str(url_actor(&enq, 9), "/actors/9?lang=en", "url_actor with lang");
    is_str(url_sdg_index(&sv), "/sdg", "url_sdg_index");
    is_str(url_sdg_index(&enq), "/sdg?lang=en", "url_sdg_index with lang");
    is_str(url_sdg_goal(&sv, 12), "/sdg/12", "url_sdg_goal");

    is_str(url_initiatives(&sv, NULL, NULL), "/initiatives", "url_initiatives, no filter");
    is_str(url_initiatives(&enq, NULL, NULL), "/initiatives?lang=en",
           "url_initiatives, no filter, lang starts the query");
    is_str(url_initiatives(&sv, "m-1", "top_down"), "/initiatives?mission=m-1&origin=top_down",
           "url_initiatives with both filters");
    is_str(url_initiatives(&enq, NULL, "bottom_up"), "/initiatives?origin=bottom_up&lang=en",
           "url_initiatives: origin only, lang appended with &");
    is_str(url_initiatives(&sv, "a&b=c", NULL), "/initiatives?mission=a%26b%3Dc",
           "url_initiatives encodes query values");

    is_str(url_actors(&sv, NULL), "/actors", "url_actors");
    is_str(url_actors(&svq, "civil_society"), "/actors?sector=civil_society&lang=sv",
           "url_actors with sector and lang");

    is_str(url_api_mission(&enq, "skolmat"), "/api/v1/missions/skolmat",
           "url_api_mission carries no lang");
    is_str(url_api_mission(&enq, "a b/c"), "/api/v1/missions/a%20b%2Fc",
           "url_api_mission encodes the slug");
    is_str(url_api_indicator(&enq, 42), "/api/v1/indicators/42",
           "url_api_indicator carries no lang");

    is_str(url_paged(&sv, "/actors", 2, "sector", "public", NULL), "/actors?sector=public&page=2",
           "url_paged: filter then page");
    is_str(url_paged(&sv, "/actors", 1, "sector", "public", NULL), "/actors?sector=public",
           "url_paged: page 1 is left out");
    is_str(url_paged(&sv, "/actors", 3, "sector", NULL, NULL), "/actors?page=3",
           "url_paged: a NULL value is skipped");
    is_str(url_paged(&enq, "/initiatives", 2, "q x", "a&b", "origin", "top_down", NULL),
           "/initiatives?q%20x=a%26b&origin=top_down&page=2&lang=en",
           "url_paged: names and values encoded, lang last");
    is_str(url_paged(&enq, "/sdg", 1, NULL), "/sdg?lang=en", "url_paged: only lang");
}

static void
test_url_lang(void)
{
    static const struct {
        const char *path;
        enum lang to;
        const char *want;
    } cases[] = {
        {"/", LANG_EN, "/?lang=en"},
        {"/", LANG_SV, "/?lang=sv"},
        {"/missions/klimat", LANG_EN, "/missions/klimat?lang=en"},
        {"/missions/a b", LANG_EN, "/missions/a%20b?lang=en"},
        {"/missions/a\"><script>", LANG_SV, "/missions/a%22%3E%3Cscript%3E?lang=sv"},
        {"/sdg/", LANG_EN, "/sdg/?lang=en"},
    };
    struct req rq;
    size_t i;
    char name[96];

    for (i = 0; i < N(cases); i++) {
        rq = mkreq(LANG_SV, false, cases[i].path);
        snprintf(name, sizeof(name), "url_lang(%s) -> %s", cases[i].path, cases[i].want);
        is_str(url_lang(&rq, cases[i].to), cases[i].want, name);
    }
}

static void
test_is_http(void)
{
    static const struct {
        const char *s;
        bool ok;
    } cases[] = {
        {"https://example.org", true},
        {"https://example.org/a/b?c=d&e=f#g", true},
        {"http://example.org", true},
        {"HTTPS://EXAMPLE.ORG/", true},
        {"https://sv.wikipedia.org/wiki/%C3%85", true},
        {"javascript:alert(1)", false},
        {"JavaScript:alert(1)", false},
        {"javascript://example.org/%0aalert(1)", false},
        {"data:text/html,<script>alert(1)</script>", false},
        {"vbscript:msgbox", false},
        {"ftp://example.org", false},
        {"file:///etc/passwd", false},
        {"//example.org", false},
        {"/relative", false},
        {"example.org", false},
        {"", false},
        {" https://example.org", false},
        {"https://example.org/a b", false},
        {"https://example.org/\"onmouseover=\"x", false},
        {"https://example.org/<x>", false},
        {"https://example.org\\@evil", false},
        {"https://example.org/\t", false},
        {"https://example.org/\n", false},
        {"https:example.org", false},
        {"http:/example.org", false},
    };
    size_t i;

    for (i = 0; i < N(cases); i++)
        ok(url_is_http(cases[i].s) == cases[i].ok, "url_is_http(\"%s\") is %s", cases[i].s,
           cases[i].ok ? "true" : "false");
    ok(!url_is_http(NULL), "url_is_http(NULL) is false");
}

static void
test_pick_lang(void)
{
    /* unset: the caller's language when the request states no preference (pages: sv) */
    static const struct {
        const char *query, *accept;
        enum lang unset, want;
        bool explicit;
    } cases[] = {
        {"en", NULL, LANG_SV, LANG_EN, true},
        {"en", "sv", LANG_SV, LANG_EN, true},
        {"sv", "en", LANG_EN, LANG_SV, true},
        {"de", "en", LANG_SV, LANG_EN, false},
        {"EN", NULL, LANG_SV, LANG_SV, false},
        {"", "en", LANG_SV, LANG_EN, false},
        /* no preference stated: the caller's default */
        {NULL, NULL, LANG_SV, LANG_SV, false},
        {NULL, NULL, LANG_EN, LANG_EN, false},
        {NULL, "", LANG_SV, LANG_SV, false},
        {NULL, " , ,", LANG_SV, LANG_SV, false},
        {NULL, "*", LANG_SV, LANG_SV, false},
        {NULL, "*", LANG_EN, LANG_EN, false},
        {NULL, "de, *;q=0.5", LANG_SV, LANG_SV, false},
        /* malformed elements are ignored; a header of nothing else states nothing */
        {NULL, ";q=0.5", LANG_SV, LANG_SV, false},
        {NULL, "1de, 123", LANG_SV, LANG_SV, false},
        {NULL, "en;q=2", LANG_SV, LANG_SV, false},
        {NULL, "en;q=0.1234", LANG_SV, LANG_SV, false},
        {NULL, "en;q=", LANG_SV, LANG_SV, false},
        {NULL, "en;level=1", LANG_SV, LANG_SV, false},
        {NULL, "en;q=1.5", LANG_SV, LANG_SV, false},
        {NULL, "en;q=-1", LANG_SV, LANG_SV, false},
        {NULL, "sv-, en", LANG_SV, LANG_EN, false},
        {NULL, "sv;q=x, en;q=0.1", LANG_SV, LANG_EN, false},
        {NULL, "sv_SE, en;q=0.2", LANG_SV, LANG_EN, false},
        {NULL, "a-very-long-language-tag-indeed,en", LANG_SV, LANG_EN, false},
        {NULL, ",,, ,en", LANG_SV, LANG_EN, false},
        /* neither Swedish nor English asked for: English */
        {NULL, "de-DE", LANG_SV, LANG_EN, false},
        {NULL, "fr", LANG_SV, LANG_EN, false},
        {NULL, "eng", LANG_SV, LANG_EN, false},
        {NULL, "svenska", LANG_SV, LANG_EN, false},
        {NULL, "nb, da;q=0.8", LANG_SV, LANG_EN, false},
        {NULL, "sv;q=0, de", LANG_SV, LANG_EN, false},
        {NULL, "sv;q=0, en;q=0", LANG_SV, LANG_EN, false},
        {NULL, "*;q=0", LANG_SV, LANG_EN, false},
        /* quality values decide */
        {NULL, "fi-FI,sv;q=0.5", LANG_SV, LANG_SV, false},
        {NULL, "fi-FI,sv;q=0.5", LANG_EN, LANG_SV, false},
        {NULL, "de-DE,en;q=0.5", LANG_SV, LANG_EN, false},
        {NULL, "en-GB,en;q=0.9", LANG_SV, LANG_EN, false},
        {NULL, "de, en;q=0.5", LANG_SV, LANG_EN, false},
        {NULL, "sv;q=0.1, en;q=0.8", LANG_SV, LANG_EN, false},
        {NULL, "en", LANG_SV, LANG_EN, false},
        {NULL, "EN-us", LANG_SV, LANG_EN, false},
        {NULL, "sv-SE,sv;q=0.9,en-US;q=0.8,en;q=0.7", LANG_SV, LANG_SV, false},
        {NULL, "sv-SE,sv;q=0.9,en-US;q=0.8,en;q=0.7", LANG_EN, LANG_SV, false},
        {NULL, "en;q=0.5, sv", LANG_SV, LANG_SV, false},
        {NULL, "en;q=0.5, SV", LANG_EN, LANG_SV, false},
        {NULL, "en;q=0.500, sv;q=0.501", LANG_SV, LANG_SV, false},
        {NULL, "en;Q=1.000, sv;q=0.999", LANG_SV, LANG_EN, false},
        {NULL, "en ; q=0.3 ,\tsv\t;\tq=0.2", LANG_SV, LANG_EN, false},
        {NULL, "sv-FI;q=0.9,en;q=0.9", LANG_SV, LANG_SV, false}, /* a tie goes to the earlier */
        {NULL, "en;q=0.9,sv-FI;q=0.9", LANG_SV, LANG_EN, false},
        {NULL, "nb, da;q=0.8, en;q=0.3", LANG_SV, LANG_EN, false},
        {NULL, "fr-CA,fr;q=0.9,en-GB;q=0.8", LANG_SV, LANG_EN, false},
        /* a language's own range outweighs a narrower one, which outweighs "*" */
        {NULL, "sv;q=0, sv-FI, en;q=0.1", LANG_SV, LANG_EN, false},
        {NULL, "sv-FI;q=0.2, sv-SE;q=0.6, en;q=0.5", LANG_SV, LANG_SV, false},
        {NULL, "en;q=0.4, *", LANG_SV, LANG_SV, false},
        {NULL, "sv;q=0.4, *", LANG_SV, LANG_EN, false},
        {NULL, "de, *;q=0.5, sv;q=0.1", LANG_SV, LANG_EN, false},
    };
    size_t i;
    bool explicit;
    enum lang l;

    for (i = 0; i < N(cases); i++) {
        explicit = !cases[i].explicit;
        l = web_pick_lang(cases[i].query, cases[i].accept, cases[i].unset, &explicit);
        ok(l == cases[i].want && explicit == cases[i].explicit,
           "web_pick_lang(lang=%s, Accept-Language: %s, unset %s) -> %s%s",
           cases[i].query ? cases[i].query : "NULL", cases[i].accept ? cases[i].accept : "NULL",
           cases[i].unset == LANG_EN ? "en" : "sv", cases[i].want == LANG_EN ? "en" : "sv",
           cases[i].explicit ? ", explicit" : "");
    }
    ok(web_lang_unset("/api/v1/missions") == LANG_EN, "an API request with no preference: en");
    ok(web_lang_unset("/missions/skolmat") == LANG_SV, "a page with no preference: sv");
    ok(web_lang_unset("/apiary") == LANG_SV, "/apiary is a page");
}

static void
test_same_words(void)
{
    static const struct {
        const char *a, *b;
        bool same;
    } cases[] = {
        {"Missionsledare", "Missionsledare", true},
        {"missionsledare", "MISSIONSLEDARE", true},
        {"  Mission   lead ", "mission lead", true},
        {"Mission\tlead", "Mission lead", true},
        {"KOMMUNIKATÖR", "kommunikatör", true},
        {"Åsa Ärlig Öst É", "åsa ärlig öst é", true},
        {"Kommunikation", "Kommunikatör", false},
        {"Missionledare", "Missionsledare", false},
        {"Mission lead", "Missionlead", false},
        {"Analytiker, stadsbyggnad", "Analytiker", false},
        {"Analytiker", "Analytiker, stadsbyggnad", false},
        {"×", "÷", false},
        {"", NULL, true},
        {" ", "", true},
        {"a", NULL, false},
    };
    size_t i;

    for (i = 0; i < N(cases); i++)
        ok(i18n_same_words(cases[i].a, cases[i].b) == cases[i].same,
           "i18n_same_words(\"%s\", \"%s\") is %s", cases[i].a, cases[i].b ? cases[i].b : "NULL",
           cases[i].same ? "true" : "false");
}

int
main(void)
{
    arena_init(&arena);
    test_builders();
    test_url_lang();
    test_is_http();
    test_pick_lang();
    test_same_words();
    arena_free(&arena);
    return done_testing();
}
