/*
 * user.c — `samverka user add|list|disable|totp-code`: accounts from the command
 * line. `user add` is how the first admin comes to be (a fresh install has no
 * account: SECURITY.md item 5); it reads the password from a prompt without echo,
 * or with --password-stdin from the first line of standard input, never from the
 * command line, where other users of the machine could read it. For an admin or
 * a coordinator it enrols a TOTP secret and prints it, as text and as an
 * otpauth:// link; the first code at sign-in confirms it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "cli/cli.h"
#include "core/buf.h"
#include "core/totp.h"
#include "domain/codes.h"
#include "domain/mfa.h"
#include "domain/mission.h"
#include "domain/person.h"
#include "domain/user.h"

#define MAX_COORDINATOR 64 /* --coordinator options of one `user add` */

static void
usage(FILE *f)
{
    fputs("usage: samverka user add --db URL --email E --name \"Full Name\" [--role admin|none]\n"
          "                         [--coordinator MISSION_SLUG ...] [--password-stdin]\n"
          "       samverka user list --db URL\n"
          "       samverka user disable --db URL --email E\n"
          "       samverka user totp-code --db URL --email E\n\n"
          "add creates a person and their account in one transaction. The password is\n"
          "asked for twice without echo, or read from the first line of standard input\n"
          "with --password-stdin (12 to 128 bytes). An admin or a coordinator must sign\n"
          "in with a second factor: add prints a TOTP secret for an authenticator app,\n"
          "as text and as an otpauth:// link; the first code at sign-in confirms it.\n"
          "list prints every account; disable ends an account and its sessions.\n"
          "totp-code prints the current code of a demo account (demo accounts only).\n",
          f);
}

/* The value of the option name (the last one given), or NULL. */
static const char *
opt(int argc, char **argv, const char *name)
{
    const char *v = NULL;
    int i;

    for (i = 1; i + 1 < argc; i++)
        if (strcmp(argv[i], name) == 0)
            v = argv[++i];
    return v;
}

/* Cut a line's end (LF or CRLF). */
static void
chomp(char *s)
{
    size_t n = strlen(s);

    while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
        s[--n] = '\0';
}

/* One line of the terminal into buf with echo off; false when it cannot be read. */
static bool
prompt(const char *what, char *buf, size_t size)
{
    struct termios old, quiet;
    bool echo_off, got;

    fputs(what, stderr);
    fflush(stderr);
    echo_off = tcgetattr(STDIN_FILENO, &old) == 0;
    if (echo_off) {
        quiet = old;
        quiet.c_lflag &= (tcflag_t) ~(ECHO | ECHONL);
        quiet.c_lflag |= ICANON;
        echo_off = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
    }
    got = fgets(buf, (int)size, stdin) != NULL;
    if (echo_off)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
    fputc('\n', stderr);
    if (got)
        chomp(buf);
    return got;
}

/*
 * The new account's password into pw (USER_PASSWORD_MAX + 2 bytes or more, so a longer
 * one is seen, and refused, rather than cut): the first line of stdin, or asked twice.
 */
static int
read_password(bool from_stdin, char *pw, size_t size)
{
    char again[USER_PASSWORD_MAX + 8];
    int rc = 0;

    if (from_stdin) {
        if (fgets(pw, (int)size, stdin) == NULL) {
            fputs("samverka user add: no password on standard input\n", stderr);
            return 1;
        }
        chomp(pw);
        return 0;
    }
    if (!isatty(STDIN_FILENO)) {
        fputs("samverka user add: standard input is no terminal to ask for the password on; "
              "give it on standard input with --password-stdin\n",
              stderr);
        return 2;
    }
    if (!prompt("Password (12 to 128 bytes): ", pw, size) ||
        !prompt("The same password again: ", again, sizeof(again))) {
        fputs("samverka user add: no password given\n", stderr);
        rc = 1;
    } else if (strcmp(pw, again) != 0) {
        fputs("samverka user add: the two passwords differ; nothing was created\n", stderr);
        rc = 1;
    }
    sodium_memzero(again, sizeof(again));
    return rc;
}

static int
user_add(struct db *db, int argc, char **argv)
{
    const char *email = opt(argc, argv, "--email"), *name = opt(argc, argv, "--name");
    const char *role = opt(argc, argv, "--role"), *slugs[MAX_COORDINATOR];
    char pw[USER_PASSWORD_MAX + 8], hash[USER_HASH_LEN], secret[TOTP_SECRET_LEN];
    struct person_new p = {0};
    struct user_new u = {0};
    struct write_error e;
    struct mission m;
    struct arena a;
    struct buf uri;
    int64_t now = (int64_t)time(NULL), pid = 0, uid = 0, mids[MAX_COORDINATOR];
    bool from_stdin = false;
    int i, n = 0, ret = 0;
    enum err rc;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--password-stdin") == 0)
            from_stdin = true;
        else if (strcmp(argv[i], "--coordinator") == 0 && i + 1 < argc) {
            if (n == MAX_COORDINATOR) {
                fputs("samverka user add: at most 64 --coordinator options\n", stderr);
                return 2;
            }
            slugs[n++] = argv[++i];
        } else if (i + 1 < argc &&
                   (strcmp(argv[i], "--db") == 0 || strcmp(argv[i], "--email") == 0 ||
                    strcmp(argv[i], "--name") == 0 || strcmp(argv[i], "--role") == 0))
            i++;
        else {
            fprintf(stderr,
                    "samverka user add: unexpected argument \"%s\" (see samverka user --help)\n",
                    argv[i]);
            return 2;
        }
    }
    if (email == NULL || name == NULL) {
        fputs("samverka user add: --email and --name are required\n", stderr);
        return 2;
    }
    if (role != NULL && !code_is(&code_user_role, role)) {
        fputs("samverka user add: --role is admin or none\n", stderr);
        return 2;
    }
    arena_init(&a);
    for (i = 0; i < n; i++) {
        if (mission_get(db, &a, slugs[i], &m) != ERR_OK) {
            fprintf(stderr, "samverka user add: no mission is called \"%s\"\n", slugs[i]);
            arena_free(&a);
            return 1;
        }
        mids[i] = m.id;
    }
    arena_free(&a);
    ret = read_password(from_stdin, pw, sizeof(pw));
    if (ret)
        return ret;
    rc = user_password_hash_for(&e, "password", pw, email, hash);
    sodium_memzero(pw, sizeof(pw));
    if (rc == ERR_INVALID) {
        /* a weak one gets the hint the sign-up form gives */
        fprintf(stderr, "samverka user add: the password %s%s; nothing was created\n", e.msg,
                strcmp(e.msg, USER_PASSWORD_WEAK) == 0
                    ? " (a few words of your own together make a good one)"
                    : "");
        return 1;
    }
    if (rc)
        goto out;
    rc = db_begin(db);
    if (rc)
        goto out;
    p.name = name;
    rc = person_create(db, &p, "cli", &pid, &e);
    if (rc == ERR_OK) {
        u.person_id = pid;
        u.email = email;
        u.password_hash = hash;
        u.role = role;
        rc = user_create(db, &u, "cli", now, &uid, &e);
    }
    for (i = 0; rc == ERR_OK && i < n; i++)
        rc = user_coordinator_add(db, uid, mids[i], "cli");
    secret[0] = '\0';
    if (rc == ERR_OK && ((role != NULL && strcmp(role, "admin") == 0) || n > 0))
        rc = mfa_enrol_new(db, uid, now, secret);
    if (rc == ERR_OK)
        rc = db_commit(db);
    else
        db_rollback(db);
    if (rc == ERR_INVALID) {
        fprintf(stderr, "samverka user add: %s %s; nothing was created\n",
                strcmp(e.field, "name") == 0 ? "--name" : "--email", e.msg);
        return 1;
    }
    if (rc == ERR_CONFLICT) {
        fputs("samverka user add: the same mission twice; nothing was created\n", stderr);
        return 1;
    }
    if (rc)
        goto out;
    printf("account %lld created for %s\n", (long long)uid, email);
    if (secret[0] != '\0') {
        buf_init(&uri, 0);
        totp_uri(&uri, MFA_ISSUER, email, secret);
        printf("\nThis account signs in with a second factor. Add this secret to an\n"
               "authenticator app (TOTP, SHA-1, 6 digits, 30 seconds):\n\n  %s\n\n"
               "or open this link on the device that has the app:\n\n  %s\n\n"
               "The first code at sign-in confirms it.\n",
               secret, uri.data);
        buf_free(&uri);
    }
    return 0;
out:
    fprintf(stderr, "samverka user add: %s\n", err_str(rc));
    return 1;
}

static int
user_list(struct db *db)
{
    struct db_stmt *st = db_stmt(db, Q_USER_LIST);
    enum err rc;
    bool row;

    if (st == NULL)
        return 1;
    printf("%-5s %-9s %-6s %-5s %-4s %-32s %s\n", "id", "status", "role", "2fa", "demo", "email",
           "name");
    while ((rc = db_step(st, &row)) == ERR_OK && row)
        printf("%-5lld %-9s %-6s %-5s %-4s %-32s %s\n", (long long)db_i64(st, 0), db_text(st, 2),
               db_text(st, 3), db_i64(st, 6) > 0 ? "yes" : "no", db_i64(st, 4) ? "yes" : "no",
               db_text(st, 1), db_text(st, 5));
    db_done(st);
    if (rc)
        fprintf(stderr, "samverka user list: %s\n", err_str(rc));
    return rc ? 1 : 0;
}

/* The active account of --email, or a message and 0. */
static int64_t
account_of(struct db *db, const char *cmd, const char *email)
{
    int64_t id = 0;
    enum err rc;

    if (email == NULL) {
        fprintf(stderr, "samverka user %s: --email is required\n", cmd);
        return 0;
    }
    rc = user_find_active(db, email, &id);
    if (rc == ERR_NOTFOUND)
        fprintf(stderr, "samverka user %s: no active account has the address %s\n", cmd, email);
    else if (rc)
        fprintf(stderr, "samverka user %s: %s\n", cmd, err_str(rc));
    return rc ? 0 : id;
}

static int
user_disable_cmd(struct db *db, const char *email)
{
    int64_t id = account_of(db, "disable", email);
    enum err rc;

    if (id == 0)
        return 1;
    rc = user_disable(db, id, "cli", (int64_t)time(NULL));
    if (rc) {
        fprintf(stderr, "samverka user disable: %s\n", err_str(rc));
        return 1;
    }
    printf("account %lld (%s) disabled; its sessions have ended\n", (long long)id, email);
    return 0;
}

static int
user_totp_code(struct db *db, const char *email)
{
    int64_t id = account_of(db, "totp-code", email);
    char code[TOTP_DIGITS + 1];
    struct user u;
    struct arena a;
    enum err rc;
    bool demo;

    if (id == 0)
        return 1;
    arena_init(&a);
    rc = user_get(db, &a, id, &u);
    demo = rc == ERR_OK && u.is_demo;
    arena_free(&a);
    if (rc == ERR_OK && !demo) {
        /* a real account's code comes from its owner's authenticator, never from here */
        fprintf(stderr,
                "samverka user totp-code: %s is no demo account; its codes come only "
                "from its owner's authenticator\n",
                email);
        return 1;
    }
    if (rc == ERR_OK)
        rc = mfa_code_now(db, id, (int64_t)time(NULL), code);
    if (rc == ERR_NOTFOUND) {
        fprintf(stderr, "samverka user totp-code: %s has no second factor\n", email);
        return 1;
    }
    if (rc) {
        fprintf(stderr, "samverka user totp-code: %s\n", err_str(rc));
        return 1;
    }
    puts(code);
    return 0;
}

int
cmd_user(int argc, char **argv)
{
    static const char *const flags[] = {"--db", "--email", NULL}, *const bools[] = {NULL};
    const char *url;
    struct db *db;
    int rc;

    if (cli_wants_help(argc, argv)) {
        usage(stdout);
        return 0;
    }
    if (argc < 1) {
        usage(stderr);
        return 2;
    }
    if (strcmp(argv[0], "add") != 0 && strcmp(argv[0], "list") != 0 &&
        strcmp(argv[0], "disable") != 0 && strcmp(argv[0], "totp-code") != 0) {
        fprintf(stderr, "samverka user: unknown action \"%s\" (add, list, disable or totp-code)\n",
                argv[0]);
        return 2;
    }
    if (strcmp(argv[0], "add") != 0 &&
        (rc = cli_check_args("user", argc - 1, argv + 1, flags, bools)) != 0)
        return rc;
    url = cli_db_arg(argc, argv);
    if (url == NULL) {
        fputs("samverka user: --db URL is required\n", stderr);
        return 2;
    }
    if (db_open(url, NULL, &db) != ERR_OK)
        return 1;
    if (strcmp(argv[0], "add") == 0)
        rc = user_add(db, argc, argv);
    else if (strcmp(argv[0], "list") == 0)
        rc = user_list(db);
    else if (strcmp(argv[0], "disable") == 0)
        rc = user_disable_cmd(db, opt(argc, argv, "--email"));
    else
        rc = user_totp_code(db, opt(argc, argv, "--email"));
    db_close(db);
    return rc;
}
