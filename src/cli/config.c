/*
 * config.c — serve options from defaults, file, environment and flags.
 */
#include "cli/config.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "domain/licence.h"

enum otype { O_STR, O_INT, O_BOOL, O_LISTEN };

struct option {
    const char *name;
    enum otype type;
    const char *dflt;
    long min, max;
    size_t off;
    const char *help;
};

#define OFF(f) offsetof(struct serve_conf, f)

static const struct option options[] = {
    {"db", O_STR, "samverka.db", 0, 0, OFF(db_url),
     "database: a file path, sqlite:PATH (env SAMVERKA_DB)"},
    {"listen", O_LISTEN, "127.0.0.1:8080", 0, 0, 0,
     "address and port to listen on, HOST:PORT; port 0 picks a free one (env SAMVERKA_LISTEN)"},
    {"threads", O_INT, "0", 0, 256, OFF(threads), "worker threads; 0 = two per core"},
    {"max-connections", O_INT, "1024", 1, 65535, OFF(max_connections), "connections in total"},
    {"max-per-ip", O_INT, "32", 1, 65535, OFF(max_per_ip), "connections from one client address"},
    {"timeout", O_INT, "30", 1, 3600, OFF(timeout), "seconds an idle connection is kept"},
    {"cache-entries", O_INT, "4096", 0, 1000000, OFF(cache_entries),
     "rendered responses kept in memory; 0 disables the cache"},
    {"flush-interval", O_INT, "60", 1, 3600, OFF(flush_interval),
     "seconds between writes of page-view counts"},
    {"view-count-lag", O_INT, "3600", 0, 86400, OFF(view_count_lag),
     "seconds the page-view counts shown on pages may lag: a write of views alone empties "
     "the response cache at most this often; 0: at every write"},
    {"drain-seconds", O_INT, "20", 0, 600, OFF(drain_seconds),
     "at shutdown, how long in-flight requests may finish"},
    {"max-imports", O_INT, "2", 1, 64, OFF(max_imports),
     "data uploads (indicator imports) handled at once; more are refused with 429"},
    {"access-log", O_BOOL, "yes", 0, 0, OFF(access_log), "log one line per request (yes/no)"},
    {"warm-connections", O_BOOL, "yes", 0, 0, OFF(warm_connections),
     "open every worker's database connection, with its statements prepared (and on PostgreSQL "
     "the first mission's pages rendered once), before listening (no: each at its worker's "
     "first request) (yes/no)"},
    {"sync-normal", O_BOOL, "no", 0, 0, OFF(sync_normal),
     "SQLite synchronous=NORMAL: faster writes, commits since the last checkpoint may be lost "
     "on power failure (yes/no)"},
    {"locale-dir", O_STR, SAMVERKA_LOCALEDIR, 0, 0, OFF(locale_dir),
     "where the .mo catalogues are"},
    {"smtp-url", O_STR, "", 0, 0, OFF(smtp_url),
     "SMTP server for the queued email, smtp://HOST:PORT or smtps://HOST:PORT; empty: none is "
     "sent (user and password: env SAMVERKA_SMTP_USER, SAMVERKA_SMTP_PASSWORD)"},
    {"smtp-from", O_STR, "", 0, 0, OFF(smtp_from), "the sender address of the email"},
    {"seminar-retention-days", O_INT, "30", 0, 3650, OFF(seminar_retention_days),
     "days after a seminar ends that its registrations' personal data are kept; then they "
     "are deleted and only the attendance counts stay"},
    {"public-url", O_STR, "", 0, 0, OFF(public_url),
     "the site's public address, e.g. https://uppdrag.example.se: with https, session cookies "
     "are __Host- and Secure; writes must come from its origin; empty: plain-HTTP development "
     "mode (the Host header's origin)"},
    {"trusted-proxy", O_STR, "", 0, 0, OFF(trusted_proxy),
     "IP addresses of the reverse proxies in front (comma-separated) whose X-Forwarded-For "
     "names the client: the client's address, for the throttles and the security log, is then "
     "the header's rightmost address that is not one of them; empty: the connection's own"},
    {"session-idle", O_INT, "1800", 60, 43200, OFF(session_idle),
     "seconds a signed-in session may go unused before it ends (the absolute limit is 12 h)"},
    {"security-log", O_STR, "", 0, 0, OFF(security_log),
     "file the security events are appended to, one JSON object a line; empty: standard error"},
    {"data-licence", O_STR, LICENCE_DEFAULT, 0, 0, OFF(data_licence),
     "the licence of the published data, an SPDX identifier (CC0-1.0, CC-BY-4.0, CC-BY-SA-4.0, "
     "PDDL-1.0, ODC-By-1.0, ODbL-1.0, OGL-UK-3.0, DL-DE-BY-2.0, etalab-2.0): the downloads' "
     "descriptors name it"},
};
#define N_OPTIONS (sizeof(options) / sizeof(options[0]))

/* The host part of --listen/listen HOST:PORT, which conf.host points into: set while the
 * command line and the config file are read (one thread), read-only afterwards. */
static char listen_store[128];
/* The values read from a config file, one slot per option (a later line for the same
 * option overwrites its slot): they live as long as the process, and nothing is
 * allocated that could be lost when a flag or the environment sets the option again. */
#define CONFIG_LINE_MAX 1024
static char file_values[N_OPTIONS][CONFIG_LINE_MAX];

static int
set_listen(struct serve_conf *c, const char *v, const char *where)
{
    const char *colon = strrchr(v, ':');
    int64_t port;
    size_t n;

    if (colon == NULL || str_to_i64(colon + 1, &port) != ERR_OK || port < 0 || port > 65535 ||
        colon == v || (n = (size_t)(colon - v)) >= sizeof(listen_store)) {
        fprintf(stderr, "samverka: %s: listen must be HOST:PORT, got \"%s\"\n", where, v);
        return 2;
    }
    memcpy(listen_store, v, n);
    listen_store[n] = '\0';
    c->host = listen_store;
    c->port = (int)port;
    return 0;
}

static int
set(struct serve_conf *c, const struct option *o, const char *v, const char *where)
{
    int64_t n;
    char *p = (char *)c + o->off;

    switch (o->type) {
    case O_STR:
        *(const char **)(void *)p = v;
        return 0;
    case O_LISTEN:
        return set_listen(c, v, where);
    case O_INT:
        if (str_to_i64(v, &n) != ERR_OK || n < o->min || n > o->max) {
            fprintf(stderr, "samverka: %s: %s must be a whole number from %ld to %ld, got \"%s\"\n",
                    where, o->name, o->min, o->max, v);
            return 2;
        }
        *(int *)(void *)p = (int)n;
        return 0;
    case O_BOOL:
        if (strcmp(v, "yes") == 0 || strcmp(v, "true") == 0 || strcmp(v, "1") == 0)
            *(bool *)(void *)p = true;
        else if (strcmp(v, "no") == 0 || strcmp(v, "false") == 0 || strcmp(v, "0") == 0)
            *(bool *)(void *)p = false;
        else {
            fprintf(stderr, "samverka: %s: %s must be yes or no, got \"%s\"\n", where, o->name, v);
            return 2;
        }
        return 0;
    }
    return 2;
}

static const struct option *
find(const char *name)
{
    size_t i;

    for (i = 0; i < N_OPTIONS; i++)
        if (strcmp(options[i].name, name) == 0)
            return &options[i];
    return NULL;
}

/* `key value` lines; # comments; values kept for the process lifetime. */
static int
read_file(struct serve_conf *c, const char *path)
{
    FILE *f;
    char line[CONFIG_LINE_MAX], where[CONFIG_LINE_MAX + 176], *k, *v, *end;
    const struct option *o;
    int lineno = 0, rc = 0;
    size_t n;

    f = fopen(path, "r");
    if (f == NULL) {
        fprintf(stderr, "samverka: %s: %s\n", path, strerror(errno));
        return 2;
    }
    while (rc == 0 && fgets(line, sizeof(line), f) != NULL) {
        lineno++;
        n = strlen(line);
        if (n > 0 && line[n - 1] != '\n' && !feof(f)) {
            fprintf(stderr, "samverka: %s:%d:1: line too long\n", path, lineno);
            rc = 2;
            break;
        }
        k = line + strspn(line, " \t");
        if (*k == '#' || *k == '\n' || *k == '\0')
            continue;
        v = k + strcspn(k, " \t\n");
        if (*v == '\n' || *v == '\0') {
            fprintf(stderr, "samverka: %s:%d:%d: option without a value\n", path, lineno,
                    (int)(v - line) + 1);
            rc = 2;
            break;
        }
        *v++ = '\0';
        v += strspn(v, " \t");
        end = v + strlen(v);
        while (end > v && (end[-1] == '\n' || end[-1] == ' ' || end[-1] == '\t'))
            *--end = '\0';
        o = find(k);
        if (o == NULL) {
            fprintf(stderr, "samverka: %s:%d:%d: unknown option \"%s\"\n", path, lineno,
                    (int)(k - line) + 1, k);
            rc = 2;
            break;
        }
        snprintf(where, sizeof(where), "%s:%d:%d", path, lineno, (int)(v - line) + 1);
        /* v is shorter than line, so it fits its slot */
        v = memcpy(file_values[o - options], v, strlen(v) + 1);
        rc = set(c, o, v, where);
    }
    fclose(f);
    return rc;
}

int
config_serve(int argc, char **argv, struct serve_conf *c, char *listen_buf, size_t listen_len)
{
    const char *file = NULL, *e;
    const struct option *o;
    bool check = false;
    size_t i;
    int k, rc;

    (void)listen_buf;
    (void)listen_len;
    memset(c, 0, sizeof(*c));
    for (i = 0; i < N_OPTIONS; i++)
        if (set(c, &options[i], options[i].dflt, "default") != 0)
            return 2;
    for (k = 0; k < argc; k++)
        if (strcmp(argv[k], "--config") == 0 && k + 1 < argc)
            file = argv[k + 1];
    if (file != NULL && (rc = read_file(c, file)) != 0)
        return rc;
    if ((e = getenv("SAMVERKA_DB")) != NULL && *e)
        c->db_url = e;
    if ((e = getenv("SAMVERKA_LISTEN")) != NULL && *e && set_listen(c, e, "SAMVERKA_LISTEN") != 0)
        return 2;
    for (k = 0; k < argc; k++) {
        if (strcmp(argv[k], "--config") == 0) {
            k++;
            continue;
        }
        if (strcmp(argv[k], "--check-config") == 0) {
            check = true;
            continue;
        }
        if (strncmp(argv[k], "--", 2) != 0 || (o = find(argv[k] + 2)) == NULL) {
            fprintf(stderr, "samverka serve: unknown option \"%s\" (see samverka serve --help)\n",
                    argv[k]);
            return 2;
        }
        if (k + 1 >= argc) {
            fprintf(stderr, "samverka serve: %s needs a value\n", argv[k]);
            return 2;
        }
        k++;
        if ((rc = set(c, o, argv[k], argv[k - 1])) != 0)
            return rc;
    }
    if (check) {
        config_print(stdout, c);
        return 1;
    }
    return 0;
}

void
config_help(FILE *f)
{
    size_t i;

    fputs("usage: samverka serve [--config FILE] [--check-config] [--OPTION VALUE ...]\n\n"
          "Serve samverka over HTTP until SIGTERM or SIGINT, then finish the requests in\n"
          "flight and exit 0. Options (also as `OPTION VALUE` lines in the config file):\n\n",
          f);
    for (i = 0; i < N_OPTIONS; i++)
        fprintf(f, "  --%-16s %s (default: %s)\n", options[i].name, options[i].help,
                options[i].dflt);
    fputs("\n  --config FILE      read options from FILE first\n"
          "  --check-config     print the effective values and exit\n",
          f);
}

void
config_print(FILE *f, const struct serve_conf *c)
{
    size_t i;
    const char *p;

    for (i = 0; i < N_OPTIONS; i++) {
        p = (const char *)c + options[i].off;
        switch (options[i].type) {
        case O_STR:
            fprintf(f, "%s %s\n", options[i].name, *(const char *const *)(const void *)p);
            break;
        case O_LISTEN:
            fprintf(f, "%s %s:%d\n", options[i].name, c->host, c->port);
            break;
        case O_INT:
            fprintf(f, "%s %d\n", options[i].name, *(const int *)(const void *)p);
            break;
        case O_BOOL:
            fprintf(f, "%s %s\n", options[i].name, *(const bool *)(const void *)p ? "yes" : "no");
            break;
        }
    }
}
