/*
 * test_feed.c — the pure parts of the Atom feeds: core/xml.c's escaper (every special
 * character, the control characters XML 1.0 forbids left out, UTF-8 kept), and
 * domain/feed.c's readers of what the audit log recorded: an import's counts from its
 * detail, a status change and a value change from the changes JSON (change.h's shape),
 * and the tag path of an entry (the same for the same event, different for any other).
 * The feeds themselves, on both backends, are tests/integration/t_43_atom.sh's.
 */
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/xml.h"
#include "domain/feed.h"
#include "tap.h"

static void
test_xml(void)
{
    static const struct {
        const char *in, *want, *name;
    } cases[] = {
        {"plain", "plain", "plain text as it is"},
        {"a < b & c > d", "a &lt; b &amp; c &gt; d", "<, & and > escaped"},
        {"\"q\" 'a'", "&quot;q&quot; &apos;a&apos;", "both quotes escaped (attribute values)"},
        {"</title><x>", "&lt;/title&gt;&lt;x&gt;", "no element can be closed or opened"},
        {"a\x01\x08\x0b\x0c\x1f"
         "b",
         "ab", "C0 controls XML 1.0 forbids are left out"},
        {"t\tn\nr\r", "t\tn\nr\r", "TAB, LF and CR kept"},
        {"Hållbar – skolmat ✓", "Hållbar – skolmat ✓", "UTF-8 copied byte for byte"},
        {"&amp;", "&amp;amp;", "an entity in the text is text"},
        {"", "", "the empty string"},
    };
    size_t i;
    struct buf b;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        buf_init(&b, 0);
        xml_text(&b, cases[i].in);
        is_mem(b.data ? b.data : "", b.len, cases[i].want, strlen(cases[i].want), cases[i].name);
        buf_free(&b);
    }
    buf_init(&b, 0);
    xml_text(&b, NULL);
    is_int((int64_t)b.len, 0, "NULL writes nothing");
    buf_free(&b);
}

static void
test_import_counts(void)
{
    long ins = -1, chg = -1, rem = -1;

    ok(feed_import_counts("replace: 12 observations; 3 inserted, 1 changed, 2 removed, 8 unchanged",
                          &ins, &chg, &rem) &&
           ins == 3 && chg == 1 && rem == 2,
       "an import's detail: inserted, changed, removed");
    ok(feed_import_counts("merge: 1 observations; 1 inserted, 0 changed, 0 removed, 0 unchanged",
                          &ins, &chg, &rem) &&
           ins == 1 && chg == 0 && rem == 0,
       "a merge's");
    ok(!feed_import_counts("", &ins, &chg, &rem), "an empty detail is not an import's");
    ok(!feed_import_counts(NULL, &ins, &chg, &rem), "nor NULL");
    ok(!feed_import_counts("replace: 2 observations; 1 inserted, 1 changed", &ins, &chg, &rem),
       "nor a detail cut short");
    ok(!feed_import_counts("x; 1 inserted, 0 changed, 0 removed, 0 unchanged and more", &ins, &chg,
                           &rem),
       "nor one with more after it");
    ok(!feed_import_counts("x; -1 inserted, 0 changed, 0 removed, 0 unchanged", &ins, &chg, &rem),
       "nor negative counts");
}

static void
test_status_change(void)
{
    struct arena a;
    const char *b = NULL, *f = NULL;

    arena_init(&a);
    ok(feed_status_change("{\"status\":[\"running\",\"stopped\"]}", &a, &b, &f) &&
           strcmp(b, "running") == 0 && strcmp(f, "stopped") == 0,
       "a status change: before and after");
    ok(feed_status_change("{\"title_sv\":[\"a\",\"b\"],\"status\":[\"active\",\"concluded\"]}", &a,
                          &b, &f) &&
           strcmp(f, "concluded") == 0,
       "among other fields");
    ok(!feed_status_change("{\"status\":[null,\"running\"]}", &a, &b, &f),
       "a creation (null before) is no change of status");
    ok(!feed_status_change("{\"status\":[\"running\",\"running\"]}", &a, &b, &f),
       "the same status is no change");
    ok(!feed_status_change("{\"title_sv\":[\"status\",\"\\\"status\\\":[\"]}", &a, &b, &f),
       "\"status\" inside a value is no status");
    ok(!feed_status_change("", &a, &b, &f), "no changes recorded");
    ok(!feed_status_change("{not json", &a, &b, &f), "broken JSON is none");
    arena_free(&a);
}

static void
test_value_change(void)
{
    bool ho, hn;
    double o, n;

    ok(feed_value_change("{\"value\":[1.5,2],\"note\":[null,\"x\"]}", &ho, &o, &hn, &n) && ho &&
           hn && o == 1.5 && n == 2,
       "a changed value: before and after");
    ok(feed_value_change("{\"value\":[null,42.5]}", &ho, &o, &hn, &n) && !ho && hn && n == 42.5,
       "a new value");
    ok(feed_value_change("{\"value\":[7,null]}", &ho, &o, &hn, &n) && ho && !hn && o == 7,
       "a removed value");
    ok(!feed_value_change("{\"note\":[\"a\",\"b\"]}", &ho, &o, &hn, &n),
       "a change of the note alone is no value change");
    ok(!feed_value_change("", &ho, &o, &hn, &n), "no changes recorded");
}

static void
test_tag_path(void)
{
    struct feed_entry e = {.kind = FEED_INITIATIVE_STATUS, .subject_id = 6, .event_id = 187};
    struct feed_entry other = e;
    char p[64], q[64], tiny[8];

    ok(feed_tag_path(&e, p, sizeof(p)), "the tag path fits");
    is_str(p, "initiative-status/6/187", "kind, subject, event");
    ok(feed_tag_path(&e, q, sizeof(q)) && strcmp(p, q) == 0, "the same event: the same path");
    other.kind = FEED_MISSION_STATUS;
    ok(feed_tag_path(&other, q, sizeof(q)) && strcmp(p, q) != 0,
       "another kind with the same numbers: another path");
    ok(!feed_tag_path(&e, tiny, sizeof(tiny)), "too small a buffer is said");
    is_str(feed_kind_name(FEED__KINDS), "", "no name past the kinds");
    ok(strcmp(feed_kind_name(FEED_DATA), "indicator-data") == 0 &&
           strcmp(feed_kind_name(FEED_VALUE), "indicator-value") == 0,
       "the data kinds' names");
}

int
main(void)
{
    test_xml();
    test_import_counts();
    test_status_change();
    test_value_change();
    test_tag_path();
    return done_testing();
}
