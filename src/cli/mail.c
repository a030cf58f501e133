/*
 * mail.c — `samverka mail queue|send`: put a message in the outgoing mail queue,
 * and deliver what is due over SMTP. The SMTP user and password come from the
 * environment only (SAMVERKA_SMTP_USER, SAMVERKA_SMTP_PASSWORD), never from the
 * command line, where other users of the machine could read them.
 */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "core/buf.h"
#include "domain/mail.h"

static void
usage(FILE *f)
{
    fputs("usage: samverka mail queue --db URL --to ADDRESS --subject TEXT  < body.txt\n"
          "       samverka mail send --db URL --smtp-url smtp://HOST:PORT --smtp-from ADDRESS\n\n"
          "queue puts one message (a UTF-8 text body from standard input) in the outgoing\n"
          "queue. send delivers every message that is due; a failed one is tried again\n"
          "later (after 1, 2, 4 ... minutes, at most 6 hours apart; given up after 8 tries).\n"
          "SMTP authentication: SAMVERKA_SMTP_USER and SAMVERKA_SMTP_PASSWORD in the\n"
          "environment (then only over TLS).\n",
          f);
}

static const char *const flags[] = {"--db", "--to", "--subject", "--smtp-url", "--smtp-from", NULL};
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

static int
queue_one(struct db *db, const char *to, const char *subject)
{
    char chunk[4096];
    struct buf body;
    int64_t id = 0;
    enum err rc;
    size_t n;

    if (to == NULL || subject == NULL) {
        fputs("samverka mail queue: --to and --subject are required\n", stderr);
        return 2;
    }
    buf_init(&body, MAIL_BODY_MAX + 1);
    while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0)
        buf_add(&body, chunk, n);
    buf_addc(&body, '\0');
    if (buf_err(&body) || memchr(body.data, '\0', body.len - 1) != NULL) {
        fprintf(stderr, "samverka mail queue: the body is larger than %d bytes or binary\n",
                MAIL_BODY_MAX);
        buf_free(&body);
        return 1;
    }
    rc = mail_enqueue(db, to, subject, body.data, time(NULL), &id);
    buf_free(&body);
    if (rc == ERR_INVALID) {
        fprintf(stderr,
                "samverka mail queue: give one address (name@domain), a subject of 1-%d "
                "bytes on one line, and a UTF-8 body\n",
                MAIL_SUBJECT_MAX);
        return 1;
    }
    if (rc) {
        fprintf(stderr, "samverka mail queue: %s\n", err_str(rc));
        return 1;
    }
    printf("mail %lld queued\n", (long long)id);
    return 0;
}

static int
send_due(struct db *db, const char *url, const char *from)
{
    struct mail_conf conf = {.smtp_url = url,
                             .from = from,
                             .user = getenv("SAMVERKA_SMTP_USER"),
                             .password = getenv("SAMVERKA_SMTP_PASSWORD"),
                             .timeout = 60};
    int sent, failed;
    enum err rc;

    if (url == NULL || from == NULL || !mail_is_address(from) ||
        (strncmp(url, "smtp://", 7) != 0 && strncmp(url, "smtps://", 8) != 0)) {
        fputs("samverka mail send: give --smtp-url smtp://HOST:PORT (or smtps://) and "
              "--smtp-from ADDRESS\n",
              stderr);
        return 2;
    }
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        fputs("samverka mail send: libcurl cannot start\n", stderr);
        return 1;
    }
    rc = mail_send_due(db, &conf, time(NULL), &sent, &failed);
    curl_global_cleanup();
    if (rc) {
        fprintf(stderr, "samverka mail send: %s\n", err_str(rc));
        return 1;
    }
    printf("%d sent, %d failed\n", sent, failed);
    return failed > 0 ? 1 : 0;
}

int
cmd_mail(int argc, char **argv)
{
    struct db *db;
    const char *url;
    int ret;

    if (cli_wants_help(argc, argv)) {
        usage(stdout);
        return 0;
    }
    if (argc < 1 || (strcmp(argv[0], "queue") != 0 && strcmp(argv[0], "send") != 0)) {
        usage(stderr);
        return 2;
    }
    ret = cli_check_args("mail", argc - 1, argv + 1, flags, bools);
    if (ret)
        return ret;
    url = cli_db_arg(argc, argv);
    if (url == NULL) {
        fputs("samverka mail: --db is required\n", stderr);
        return 2;
    }
    if (db_open(url, NULL, &db) != ERR_OK)
        return 1;
    if (strcmp(argv[0], "queue") == 0)
        ret = queue_one(db, arg(argc, argv, "--to"), arg(argc, argv, "--subject"));
    else
        ret = send_due(db, arg(argc, argv, "--smtp-url"), arg(argc, argv, "--smtp-from"));
    db_close(db);
    return ret;
}
