/*
 * main.c — the samverka command: one table of subcommands (name, handler, one
 * line of help) drives both the dispatch and the usage text; the database
 * subcommands over the domain and db layers, and `serve`, which hands over to the
 * HTTP server.
 *
 * Exit codes: 0 success, 1 failure (message on stderr), 2 usage error.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/config.h"
#include "core/log.h"
#include "core/seclog.h"
#include "core/str.h"
#include "db/db.h"
#include "domain/audit.h"
#include "domain/demo.h"
#include "domain/mission.h"
#include "domain/refdata.h"
#include "domain/user.h"
#include "http/server.h"

#define VERSION "0.1.0"

static int
cmd_migrate(int argc, char **argv)
{
    static const char *const flags[] = {"--db", NULL}, *const bools[] = {NULL};
    struct db *db;
    const char *url;
    int n = 0, rc;

    if (cli_wants_help(argc, argv)) {
        puts("usage: samverka migrate --db URL\n\nApply the schema migrations the database does "
             "not have yet, each in its own transaction.");
        return 0;
    }
    if ((rc = cli_check_args("migrate", argc, argv, flags, bools)) != 0)
        return rc;
    url = cli_db_arg(argc, argv);
    if (url == NULL) {
        fputs("samverka migrate: --db URL is required\n", stderr);
        return 2;
    }
    if (db_open(url, NULL, &db) != ERR_OK)
        return 1;
    rc = db_migrate(db, &n) == ERR_OK ? 0 : 1;
    if (rc == 0)
        printf("schema at version %d (%d migration%s applied)\n", db_schema_version(db), n,
               n == 1 ? "" : "s");
    db_close(db);
    return rc;
}

static int
cmd_init(int argc, char **argv)
{
    static const char *const flags[] = {"--db", "--generate", NULL}, *const bools[] = {"--demo",
                                                                                       NULL};
    struct db_opts o = {.create = true};
    int64_t generate = 0;
    struct db *db;
    struct db_stmt *st;
    const char *url;
    bool demo = false, row;
    struct demo_error de;
    int64_t goals = 0;
    enum err e;
    int i, rc;

    if (cli_wants_help(argc, argv)) {
        puts("usage: samverka init --db URL [--demo]\n\n"
             "Create the database if needed, apply the migrations and load the reference\n"
             "data (SDG goals, targets and indicators; Swedish municipalities; SNI 2007).\n"
             "  --demo          also fill it with the demonstration missions (marked as demo)\n"
             "  --generate N    --demo plus N generated actors, N/10 initiatives and 10*N\n"
             "                  observations, for load tests (N = 100000 gives 1,000,000\n"
             "                  observations)");
        return 0;
    }
    if ((rc = cli_check_args("init", argc, argv, flags, bools)) != 0)
        return rc;
    for (i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--demo") == 0)
            demo = true;
        if (strcmp(argv[i], "--generate") == 0 && i + 1 < argc) {
            if (str_to_i64(argv[i + 1], &generate) != ERR_OK || generate < 10 ||
                generate > 10000000) {
                fputs("samverka init: --generate takes a number from 10 to 10000000\n", stderr);
                return 2;
            }
            demo = true;
        }
    }
    url = cli_db_arg(argc, argv);
    if (url == NULL) {
        fputs("samverka init: --db URL is required\n", stderr);
        return 2;
    }
    if (db_open(url, &o, &db) != ERR_OK)
        return 1;
    e = db_migrate(db, NULL);
    if (e)
        goto out;
    st = db_stmt(db, Q_SDG_GOAL_COUNT);
    if (st == NULL) {
        e = ERR_DB;
        goto out;
    }
    e = db_step(st, &row);
    if (e == ERR_OK && row)
        goals = db_i64(st, 0);
    db_done(st);
    if (e)
        goto out;
    if (goals > 0 && demo) {
        fputs("samverka init: the database is already initialised; demo data goes only into a "
              "new database\n",
              stderr);
        db_close(db);
        return 1;
    }
    if (goals == 0) {
        e = db_begin(db);
        if (e)
            goto out;
        e = refdata_load(db);
        if (e == ERR_OK && demo) {
            e = demo_load(db, &de);
            if (e == ERR_INVALID)
                fprintf(stderr, "samverka init: %s:%ld:%d: %s\n", de.file, de.line, de.column,
                        de.msg);
        }
        if (e == ERR_OK && generate > 0) {
            db_bulk(db, true);
            e = demo_generate(db, (long)generate);
        }
        if (e == ERR_OK)
            e = mission_counts_refresh(db);
        if (e == ERR_OK)
            e = audit_add(db, "cli", "init", "database", 0, 0, demo ? "with demo data" : "");
        if (e == ERR_OK)
            e = db_commit(db);
        if (e)
            db_rollback(db);
        else if (generate > 0)
            db_optimize(db);
    }
out:
    if (e)
        fprintf(stderr, "samverka init: %s\n", err_str(e));
    else
        printf("database ready%s\n", demo ? " with demo data" : "");
    db_close(db);
    return e ? 1 : 0;
}

static int
cmd_check(int argc, char **argv)
{
    static const char *const flags[] = {"--db", NULL}, *const bools[] = {NULL};
    struct db *db;
    const char *url;
    enum q failed = Q__MAX;
    int rc, version;

    if (cli_wants_help(argc, argv)) {
        puts("usage: samverka check --db URL\n\nCheck that the database is at the schema this "
             "binary expects and that every statement of the query table prepares against it.");
        return 0;
    }
    if ((rc = cli_check_args("check", argc, argv, flags, bools)) != 0)
        return rc;
    url = cli_db_arg(argc, argv);
    if (url == NULL) {
        fputs("samverka check: --db URL is required\n", stderr);
        return 2;
    }
    if (db_open(url, NULL, &db) != ERR_OK)
        return 1;
    version = db_schema_version(db);
    if (db_prepare_all(db, &failed) != ERR_OK) {
        fprintf(stderr, "samverka check: statement %s does not prepare (schema version %d)\n",
                query_name(failed), version);
        db_close(db);
        return 1;
    }
    printf("schema version %d; all %d statements prepare\n", version, (int)Q__MAX);
    db_close(db);
    return 0;
}

/* Whether a listen host is the loopback interface only: 127.0.0.0/8, ::1 or localhost. */
static bool
is_loopback(const char *host)
{
    struct in_addr a4;

    if (strcmp(host, "localhost") == 0 || strcmp(host, "::1") == 0 || strcmp(host, "[::1]") == 0)
        return true;
    return inet_pton(AF_INET, host, &a4) == 1 && (ntohl(a4.s_addr) >> 24) == 127;
}

/*
 * Refuse to serve beyond the loopback interface while a demo account is active: their
 * passwords (and the admin's TOTP secret) are published in the README, so on any other
 * interface they would be default accounts (SECURITY.md item 5). 0 to go on, 1 refused.
 */
static int
demo_guard(const struct serve_conf *c)
{
    const char **emails;
    struct arena a;
    struct db *db;
    enum err rc = ERR_OK;
    int i, n = 0;

    if (is_loopback(c->host))
        return 0;
    if (db_open(c->db_url, NULL, &db) != ERR_OK)
        return 1;
    arena_init(&a);
    /* a schema before the accounts (0007) has no account at all */
    if (db_schema_version(db) >= 7)
        rc = user_demo_active(db, &a, &emails, &n);
    if (rc)
        fprintf(stderr, "samverka serve: cannot read the accounts: %s\n", err_str(rc));
    else if (n > 0) {
        fprintf(stderr,
                "samverka serve: this database has demo accounts, whose passwords are public:\n");
        for (i = 0; i < n; i++)
            fprintf(stderr, "  %s\n", emails[i]);
        fprintf(stderr,
                "so it is served only on 127.0.0.1, ::1 or localhost, not on %s. Disable each\n"
                "with `samverka user disable --db URL --email ADDRESS`, or listen on 127.0.0.1.\n",
                c->host);
    }
    arena_free(&a);
    db_close(db);
    return rc || n > 0 ? 1 : 0;
}

static int
cmd_serve(int argc, char **argv)
{
    struct serve_conf conf;
    int rc;

    if (cli_wants_help(argc, argv)) {
        config_help(stdout);
        return 0;
    }
    rc = config_serve(argc, argv, &conf, NULL, 0);
    if (rc == 1)
        return 0; /* --check-config printed */
    if (rc)
        return rc;
    if (demo_guard(&conf))
        return 1;
    /* before the server's threads start: the sink is only read afterwards */
    if (seclog_open(conf.security_log) != 0) {
        fprintf(stderr, "samverka: security-log %s: %s\n", conf.security_log, strerror(errno));
        return 2;
    }
    rc = http_serve(&conf) ? 1 : 0;
    seclog_close();
    return rc;
}

static int
cmd_version(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    puts("samverka " VERSION);
    return 0;
}

/* The subcommands, in the order the usage text lists them. */
static const struct command {
    const char *name;
    int (*fn)(int argc, char **argv);
    const char *help; /* one line, for the usage text */
} commands[] = {
    {"serve", cmd_serve, "serve the web pages and the JSON API"},
    {"init", cmd_init, "create a database (and fill it with demo data with --demo)"},
    {"migrate", cmd_migrate, "apply pending schema migrations"},
    {"check", cmd_check, "check the database schema and every SQL statement"},
    {"import", cmd_import, "replace an indicator's data from tidy CSV or JSON"},
    {"export", cmd_export, "write an indicator's data as tidy CSV or JSON"},
    {"copy", cmd_copy, "copy a whole database between SQLite and PostgreSQL"},
    {"token", cmd_token, "create, list or revoke API tokens for the JSON API's writes"},
    {"mail", cmd_mail, "queue an email, or send the queued ones over SMTP"},
    {"seminar", cmd_seminar, "send the seminars' reminders and delete old registrations, once"},
    {"user", cmd_user, "add, list or disable accounts (the first admin comes from here)"},
    {"indicator", cmd_indicator, "show or change an indicator's progress settings"},
    {"assess", cmd_assess, "assess progress in an Open SDG-style CSV file (no database)"},
    {"routes", cmd_routes, "print the route table (one route a line, tab-separated)"},
    {"version", cmd_version, "print the version"},
};
#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static void
usage(FILE *f)
{
    size_t i;

    fputs("usage: samverka COMMAND [OPTIONS]\n\nCommands:\n", f);
    for (i = 0; i < N_COMMANDS; i++)
        fprintf(f, "  %-9s %s\n", commands[i].name, commands[i].help);
    fputs("\nRun `samverka COMMAND --help` for a command's options.\n", f);
}

int
main(int argc, char **argv)
{
    const char *cmd;
    size_t i;

    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(cmd, "--version") == 0)
        cmd = "version";
    for (i = 0; i < N_COMMANDS; i++)
        if (strcmp(cmd, commands[i].name) == 0)
            return commands[i].fn(argc - 2, argv + 2);
    fprintf(stderr, "samverka: unknown command \"%s\"\n", cmd);
    usage(stderr);
    return 2;
}
