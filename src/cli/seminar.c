/*
 * seminar.c — `samverka seminar tick`: the seminars' periodic work once, as the server's
 * mail thread does it every few seconds (domain/seminar.h's seminar_tick): the reminders of
 * the seminars starting within a day queued, and the registrations of seminars that ended
 * --retention-days ago or more deleted, their attendance counts kept. For a site whose
 * server is not running, and for the tests (which run it under faketime).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "core/str.h"
#include "domain/seminar.h"
#include "web/seminar_mail.h"

static void
usage(FILE *f)
{
    fputs("usage: samverka seminar tick --db URL [--site-url URL] [--retention-days N]\n\n"
          "Queue the reminders of the seminars that start within a day (each registration\n"
          "once), and delete the registrations of the seminars that ended N days ago or\n"
          "more (default 30, as the server's seminar-retention-days), keeping how many of\n"
          "each actor attended. --site-url: the site's address in the reminders' links\n"
          "(default http://127.0.0.1:8080). The server does this by itself while it runs.\n",
          f);
}

static const char *const flags[] = {"--db", "--site-url", "--retention-days", NULL};
static const char *const bools[] = {NULL};

static const char *
arg(int argc, char **argv, const char *name)
{
    int i;

    for (i = 1; i + 1 < argc; i += 2)
        if (strcmp(argv[i], name) == 0)
            return argv[i + 1];
    return NULL;
}

int
cmd_seminar(int argc, char **argv)
{
    struct seminar_mail_ctx c;
    struct seminar_mailer m;
    const char *url, *site, *days_s;
    int64_t days = SEMINAR_RETENTION;
    int reminded = 0, purged = 0, ret;
    struct db *db;
    enum err rc;

    if (cli_wants_help(argc, argv)) {
        usage(stdout);
        return 0;
    }
    if (argc < 1 || strcmp(argv[0], "tick") != 0) {
        usage(stderr);
        return 2;
    }
    ret = cli_check_args("seminar", argc - 1, argv + 1, flags, bools);
    if (ret)
        return ret;
    url = cli_db_arg(argc, argv);
    if (url == NULL) {
        fputs("samverka seminar: --db is required\n", stderr);
        return 2;
    }
    days_s = arg(argc, argv, "--retention-days");
    if (days_s != NULL && (str_to_i64(days_s, &days) != ERR_OK || days < 0 || days > 3650)) {
        fputs("samverka seminar: --retention-days must be a whole number from 0 to 3650\n", stderr);
        return 2;
    }
    site = arg(argc, argv, "--site-url");
    if (site != NULL && !str_is_http_url(site)) {
        fputs("samverka seminar: --site-url must be an http or https address\n", stderr);
        return 2;
    }
    {
        /* the translations of the reminders: as the server loads them (its default
         * locale-dir) */
        struct web_conf wc = {.locale_dir = SAMVERKA_LOCALEDIR};

        if (!web_init(&wc))
            fputs("samverka seminar: a locale is missing: the reminders may be in English\n",
                  stderr);
    }
    if (db_open(url, NULL, &db) != ERR_OK)
        return 1;
    seminar_mail_setup(&c, site != NULL ? site : "http://127.0.0.1:8080", &m);
    rc = seminar_tick(db, (int64_t)time(NULL), (int)days, &m, &reminded, &purged);
    db_close(db);
    web_fini();
    if (rc) {
        fprintf(stderr, "samverka seminar tick: %s\n", err_str(rc));
        return 1;
    }
    printf("%d reminders queued, %d seminars' registrations deleted\n", reminded, purged);
    return 0;
}
