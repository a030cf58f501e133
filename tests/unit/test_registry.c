/*
 * test_registry.c — the registry's writes in a transaction each (domain/registry.c) and the
 * privacy of a person's contact details (person.h: contact_public, 0012-contact-public.sql):
 * an e-mail and phone are absent from every public read of a person (person_get,
 * person_list, actor_people) until the person is marked public, while person_stored, the
 * editors' read, always has them; a refused write changes nothing. On SQLite, and on
 * PostgreSQL when the test cluster's variables are set (names carry a random suffix there,
 * as the writes commit).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "both.h"
#include "core/log.h"
#include "domain/actor.h"
#include "domain/person.h"
#include "domain/registry.h"
#include "tap.h"

#define WHO "registry-test"

/* The number of live people (a refusal must leave it as it was). */
static int64_t
count_people(struct db *db)
{
    struct page pg = {.limit = 1, .offset = 0};
    struct person *ps;
    struct arena a;
    int64_t total = -1;
    int n;

    arena_init(&a);
    if (person_list(db, &a, &pg, &ps, &n, &total) != ERR_OK)
        total = -1;
    arena_free(&a);
    return total;
}

/* Is the person listed among the actor's people with an e-mail shown? */
static bool
actor_shows_email(struct db *db, int64_t actor_id, int64_t person_id)
{
    struct person *ps;
    struct arena a;
    bool shown = false;
    int n = 0, i;

    arena_init(&a);
    if (actor_people(db, &a, actor_id, &ps, &n) == ERR_OK)
        for (i = 0; i < n; i++)
            if (ps[i].id == person_id && ps[i].email != NULL)
                shown = true;
    arena_free(&a);
    return shown;
}

/* An organisation number unique to this run: 55 and seven digits of the suffix, with its
 * check digit (Luhn) right, or wrong by one when bad. */
static void
make_orgnr(char out[12], bool bad)
{
    char d[11];
    int i, sum = 0, v;

    snprintf(d, sizeof(d), "55%07d", (int)strtol(suffix, NULL, 10) % 10000000);
    for (i = 0; i < 9; i++) {
        v = (d[i] - '0') * (i % 2 == 0 ? 2 : 1);
        sum += v > 9 ? v - 9 : v;
    }
    v = (10 - sum % 10) % 10;
    if (bad)
        v = (v + 1) % 10;
    snprintf(out, 12, "%.6s-%.3s%d", d, d + 6, v);
}

static void
test_all(struct db *db)
{
    char slug[64], name[64], email[80], good[12], bad[12];
    struct actor_new an = {.sector = "public"};
    struct person_new pn = {0}, stored;
    struct write_error e;
    struct person p;
    struct actor x;
    struct arena a;
    int64_t actor_id = 0, person_id = 0, id, before;

    arena_init(&a);
    snprintf(slug, sizeof(slug), "registry-test-%s", suffix);
    snprintf(name, sizeof(name), "Registry Test %s", suffix);
    snprintf(email, sizeof(email), "private.%s@example.org", suffix);

    /* actors: a wrong check digit is refused by name and nothing is stored */
    an.slug = slug;
    an.name = name;
    make_orgnr(good, false);
    make_orgnr(bad, true);
    an.orgnr = bad;
    ok(registry_actor_save(db, 0, &an, WHO, 1000, &id, &e) == ERR_INVALID,
       "%s: an organisation number with a wrong check digit is refused", backend);
    ok(e.field != NULL && strcmp(e.field, "orgnr") == 0, "  the refusal names orgnr");
    an.orgnr = good;
    ok(registry_actor_save(db, 0, &an, WHO, 1000, &actor_id, &e) == ERR_OK && actor_id > 0,
       "%s: then the actor is created (committed)", backend);
    ok(actor_get(db, &a, actor_id, &x) == ERR_OK && strcmp(x.orgnr, good) == 0, "  and reads back");
    an.website = "javascript:alert(1)";
    ok(registry_actor_save(db, actor_id, &an, WHO, 1001, &id, &e) == ERR_INVALID,
       "%s: an update with a non-http website is refused", backend);
    ok(actor_get(db, &a, actor_id, &x) == ERR_OK && x.website == NULL, "  and changes nothing");
    an.website = NULL;

    /* people: private until marked public */
    pn.actor_id = actor_id;
    pn.name = "Private Person";
    pn.email = email;
    pn.phone = "+46 70-000 99 99";
    before = count_people(db);
    pn.phone = "call me";
    ok(registry_person_save(db, 0, &pn, WHO, 1002, &id, &e) == ERR_INVALID,
       "%s: a phone number with letters is refused", backend);
    is_int(count_people(db), before, "  and no person is stored");
    pn.phone = "+46 70-000 99 99";
    ok(registry_person_save(db, 0, &pn, WHO, 1002, &person_id, &e) == ERR_OK,
       "%s: a person is created", backend);
    ok(person_get(db, &a, person_id, &p) == ERR_OK && p.email == NULL && p.phone == NULL &&
           !p.contact_public,
       "  person_get withholds the e-mail and phone of a person not marked public");
    ok(!actor_shows_email(db, actor_id, person_id), "  so does the actor's list of people");
    ok(person_stored(db, &a, person_id, &stored) == ERR_OK && stored.email != NULL &&
           strcmp(stored.email, email) == 0 && strcmp(stored.phone, "+46 70-000 99 99") == 0,
       "  person_stored (the editors' read) has them");
    pn.contact_public = true;
    ok(registry_person_save(db, person_id, &pn, WHO, 1003, &id, &e) == ERR_OK && id == person_id,
       "%s: the person is marked public", backend);
    ok(person_get(db, &a, person_id, &p) == ERR_OK && p.email != NULL &&
           strcmp(p.email, email) == 0 && p.phone != NULL && p.contact_public,
       "  person_get shows the e-mail and phone");
    ok(actor_shows_email(db, actor_id, person_id), "  so does the actor's list of people");
    pn.contact_public = false;
    ok(registry_person_save(db, person_id, &pn, WHO, 1004, &id, &e) == ERR_OK &&
           person_get(db, &a, person_id, &p) == ERR_OK && p.email == NULL,
       "%s: marked private again, they are withheld again", backend);

    /* archiving, in its own transaction */
    ok(registry_person_archive(db, person_id, WHO, 1005) == ERR_OK &&
           person_get(db, &a, person_id, &p) == ERR_OK && p.archived_at == 1005,
       "%s: registry_person_archive archives the person", backend);
    is_int(registry_person_save(db, person_id, &pn, WHO, 1006, &id, &e), ERR_NOTFOUND,
           "  an archived person cannot be edited");
    ok(registry_actor_archive(db, actor_id, WHO, 1007) == ERR_OK &&
           actor_get(db, &a, actor_id, &x) == ERR_OK && x.archived_at == 1007,
       "%s: registry_actor_archive archives the actor", backend);
    is_int(registry_actor_archive(db, 999999999, WHO, 1008), ERR_NOTFOUND,
           "  an unknown actor is not found");
    arena_free(&a);
}

/* The slug a form makes from a name when none is given. */
static void
test_slug(void)
{
    static const struct {
        const char *name, *want;
    } cases[] = {
        {"Hofors kommun", "hofors-kommun"},
        {"Umeå Ö-vik & Älvdalen", "umea-o-vik-alvdalen"},
        {"  Café  Élan!  ", "cafe-elan"},
        {"<script>alert(1)</script>", "script-alert-1-script"},
        {"---", ""},
        {"Ünïcode ✓ 2030", "unicode-2030"},
    };
    struct arena a;
    size_t i;
    char long_name[200];

    arena_init(&a);
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        is_str(registry_slug(&a, cases[i].name), cases[i].want, cases[i].name);
    memset(long_name, 'x', sizeof(long_name) - 1);
    long_name[sizeof(long_name) - 1] = '\0';
    ok(strlen(registry_slug(&a, long_name)) == 64, "a slug is at most 64 bytes");
    arena_free(&a);
}

int
main(void)
{
    test_slug();
    return both_main("registry", test_all);
}
