/*
 * test_codes.c — src/domain/codes.c: every code set equals the CHECK (... IN
 * (...)) list of its column in the migrations, parsed from the SQL text
 * (src/db/migrations/NNNN-name.sql, read from the repository root as the other
 * suites read their data; MIGRATIONS_DIR overrides), and every such list has
 * a set, so a code added on one side only fails here. Also: codes are
 * unique, labels are present and translated (po/sv.po), the lookups, and the
 * progress statuses against the progress engine's enum.
 */
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/codes.h"
#include "domain/progress.h"
#include "tap.h"

#define MAX_LISTS 64
#define MAX_CODES 32
#define MAX_FILES 64
#define MAX_SQL   (1 << 20)

/* one CHECK (column IN ('a', 'b', ...)) list, as the migrations leave it */
struct check_list {
    char table[64], column[64];
    char codes[MAX_CODES][64];
    int n;
};

static struct check_list lists[MAX_LISTS];
static int n_lists;

static struct check_list *
list_find(const char *table, const char *column)
{
    int i;

    for (i = 0; i < n_lists; i++)
        if (strcmp(lists[i].table, table) == 0 &&
            (column == NULL || strcmp(lists[i].column, column) == 0))
            return &lists[i];
    return NULL;
}

static void
list_drop(int i)
{
    lists[i] = lists[--n_lists];
}

/* Copy the identifier at *p (letters, digits, _) into out; advance past it. */
static bool
ident(const char **p, char *out, size_t size)
{
    size_t n = 0;

    while (isalnum((unsigned char)**p) || **p == '_') {
        if (n + 1 >= size)
            return false;
        out[n++] = *(*p)++;
    }
    out[n] = '\0';
    return n > 0;
}

static void
skip_space(const char **p)
{
    while (isspace((unsigned char)**p))
        (*p)++;
}

/* Whether *p starts with the keyword kw (case-insensitive, then not an identifier
 * character); advance past it and the spaces after. */
static bool
keyword(const char **p, const char *kw)
{
    size_t n = strlen(kw);

    if (strncasecmp(*p, kw, n) != 0 || isalnum((unsigned char)(*p)[n]) || (*p)[n] == '_')
        return false;
    *p += n;
    skip_space(p);
    return true;
}

/* The quoted list at p ("('a', 'b')"); false if it is not one. */
static bool
quoted_list(const char *p, struct check_list *l)
{
    size_t k;

    if (*p++ != '(')
        return false;
    for (;;) {
        skip_space(&p);
        if (*p++ != '\'' || l->n >= MAX_CODES)
            return false;
        for (k = 0; *p != '\'' && *p != '\0' && k + 1 < sizeof(l->codes[0]); k++)
            l->codes[l->n][k] = *p++;
        if (*p++ != '\'')
            return false;
        l->codes[l->n++][k] = '\0';
        skip_space(&p);
        if (*p == ')')
            return true;
        if (*p++ != ',')
            return false;
    }
}

/* Record the CHECK (column IN (...)) lists of table in the statement s. */
static void
checks(const char *s, const char *table)
{
    char column[64];
    struct check_list *l;
    const char *p, *q;

    for (p = s; (p = strstr(p, "CHECK")) != NULL; p++) {
        q = p + strlen("CHECK");
        skip_space(&q);
        if (*q++ != '(')
            continue;
        skip_space(&q);
        if (!ident(&q, column, sizeof(column)))
            continue;
        skip_space(&q);
        if (!keyword(&q, "IN"))
            continue;
        l = list_find(table, column);
        if (l == NULL) {
            if (n_lists >= MAX_LISTS)
                bail_out("more than %d CHECK lists", MAX_LISTS);
            l = &lists[n_lists++];
        }
        memset(l, 0, sizeof(*l));
        snprintf(l->table, sizeof(l->table), "%s", table);
        snprintf(l->column, sizeof(l->column), "%s", column);
        if (!quoted_list(q, l))
            bail_out("%s.%s: a CHECK ... IN list this test cannot read", table, column);
    }
}

/* Read one statement (comments already removed): CREATE TABLE and ALTER TABLE ... ADD
 * record their lists, RENAME TO moves them, DROP TABLE forgets them. */
static void
statement(const char *s)
{
    char table[64], to[64];
    struct check_list *l;
    const char *p = s;
    int i;

    skip_space(&p);
    if (keyword(&p, "CREATE")) {
        if (!keyword(&p, "TABLE"))
            return;
        if (keyword(&p, "IF") && keyword(&p, "NOT"))
            keyword(&p, "EXISTS");
        if (ident(&p, table, sizeof(table)))
            checks(s, table);
    } else if (keyword(&p, "ALTER")) {
        if (!keyword(&p, "TABLE") || !ident(&p, table, sizeof(table)))
            return;
        skip_space(&p);
        if (!keyword(&p, "RENAME")) {
            checks(s, table);
            return;
        }
        if (keyword(&p, "TO") && ident(&p, to, sizeof(to)))
            for (i = 0; i < n_lists; i++)
                if (strcmp(lists[i].table, table) == 0)
                    snprintf(lists[i].table, sizeof(lists[i].table), "%s", to);
    } else if (keyword(&p, "DROP")) {
        if (!keyword(&p, "TABLE"))
            return;
        if (keyword(&p, "IF"))
            keyword(&p, "EXISTS");
        if (ident(&p, table, sizeof(table)))
            while ((l = list_find(table, NULL)) != NULL)
                list_drop((int)(l - lists));
    }
}

/* Split a migration into statements at the semicolons outside quotes, leaving out
 * -- comments, and read each. */
static void
parse_sql(const char *sql)
{
    static char stmt[MAX_SQL];
    size_t n = 0;
    bool quoted = false;

    for (; *sql != '\0'; sql++) {
        if (!quoted && sql[0] == '-' && sql[1] == '-') {
            while (*sql != '\n' && *sql != '\0')
                sql++;
            if (*sql == '\0')
                break;
        }
        if (*sql == '\'')
            quoted = !quoted;
        if (!quoted && *sql == ';') {
            stmt[n] = '\0';
            statement(stmt);
            n = 0;
            continue;
        }
        if (n + 1 < sizeof(stmt))
            stmt[n++] = *sql;
    }
    stmt[n] = '\0';
    statement(stmt);
}

static int
by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *
slurp(const char *path)
{
    static char data[MAX_SQL];
    FILE *fp = fopen(path, "rb");
    size_t n;

    if (fp == NULL)
        bail_out("cannot open %s (run from the repository root)", path);
    n = fread(data, 1, sizeof(data) - 1, fp);
    fclose(fp);
    data[n] = '\0';
    return data;
}

static void
read_migrations(void)
{
    const char *dir = getenv("MIGRATIONS_DIR");
    char *names[MAX_FILES], path[1024];
    struct dirent *e;
    DIR *d;
    int n = 0, i;
    size_t len;

    if (dir == NULL)
        dir = "src/db/migrations";
    d = opendir(dir);
    if (d == NULL)
        bail_out("cannot open %s (run from the repository root)", dir);
    while ((e = readdir(d)) != NULL) {
        len = strlen(e->d_name);
        if (len > 4 && strcmp(e->d_name + len - 4, ".sql") == 0 && n < MAX_FILES)
            names[n++] = strdup(e->d_name);
    }
    closedir(d);
    /* in the order they apply: a later migration's list replaces an earlier one's */
    qsort(names, (size_t)n, sizeof(names[0]), by_name);
    ok(n >= 1, "read %d migrations from %s", n, dir);
    for (i = 0; i < n; i++) {
        snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
        parse_sql(slurp(path));
        free(names[i]);
    }
}

/* ------------------------------------------------------------ the parser itself */

static void
test_parser(void)
{
    struct check_list *l;

    parse_sql("-- a comment with a quote ' and CHECK (x IN ('no'))\n"
              "CREATE TABLE t (\n"
              "    a TEXT NOT NULL CHECK (a IN ('one','two', 'three')), -- it's\n"
              "    b INTEGER CHECK (b >= 0),\n"
              "    c TEXT DEFAULT 'x;y' CHECK (c IN ('x;y'))\n"
              ");\n"
              "CREATE TABLE IF NOT EXISTS u (a TEXT CHECK (a IN ('p')));\n"
              "ALTER TABLE t RENAME TO t2;\n");
    l = list_find("t2", "a");
    ok(l != NULL && l->n == 3 && strcmp(l->codes[0], "one") == 0 &&
           strcmp(l->codes[2], "three") == 0,
       "parser: a CHECK list with its three codes, under the table's new name");
    l = list_find("t2", "c");
    ok(l != NULL && l->n == 1 && strcmp(l->codes[0], "x;y") == 0,
       "parser: a semicolon inside quotes does not end the statement");
    ok(list_find("t2", "b") == NULL, "parser: a CHECK that is not an IN list is not one");
    ok(list_find("u", "a") != NULL, "parser: CREATE TABLE IF NOT EXISTS");
    parse_sql("DROP TABLE t2; DROP TABLE IF EXISTS u;");
    ok(list_find("t2", NULL) == NULL && list_find("u", NULL) == NULL,
       "parser: a dropped table's lists are gone");
    ok(n_lists == 0, "parser: nothing else was recorded (%d lists)", n_lists);
    n_lists = 0;
}

/* ------------------------------------------------------------ sets against the schema */

static const char *
set_name(const struct code_set *s)
{
    static char name[160];

    if (s->table == NULL)
        return "code_progress_status";
    snprintf(name, sizeof(name), "%s.%s", s->table, s->column);
    return name;
}

static bool
in_list(const struct check_list *l, const char *code)
{
    int i;

    for (i = 0; i < l->n; i++)
        if (strcmp(l->codes[i], code) == 0)
            return true;
    return false;
}

static void
test_schema(void)
{
    const struct code_set *const *s;
    const struct check_list *l;
    bool same, found;
    int i;

    read_migrations();
    for (s = code_sets; *s != NULL; s++) {
        if ((*s)->table == NULL)
            continue;
        l = list_find((*s)->table, (*s)->column);
        if (!ok(l != NULL, "%s: the migrations have its CHECK ... IN list", set_name(*s)))
            continue;
        same = l->n == (*s)->n;
        for (i = 0; i < (*s)->n; i++)
            if (!in_list(l, (*s)->codes[i].code)) {
                diag("%s: \"%s\" is in the code set, not in the CHECK list", set_name(*s),
                     (*s)->codes[i].code);
                same = false;
            }
        for (i = 0; i < l->n; i++)
            if (!code_is(*s, l->codes[i])) {
                diag("%s: \"%s\" is in the CHECK list, not in the code set", set_name(*s),
                     l->codes[i]);
                same = false;
            }
        ok(same, "%s: the code set and the CHECK list hold the same %d codes", set_name(*s),
           (*s)->n);
    }
    /* the other way: an enumerated column without a set fails too */
    for (i = 0; i < n_lists; i++) {
        found = false;
        for (s = code_sets; *s != NULL; s++)
            found |= (*s)->table != NULL && strcmp((*s)->table, lists[i].table) == 0 &&
                     strcmp((*s)->column, lists[i].column) == 0;
        ok(found, "%s.%s: its CHECK ... IN list has a code set in codes.c", lists[i].table,
           lists[i].column);
    }
}

/* ------------------------------------------------------------ the sets themselves */

/* Whether po/sv.po translates msgid (a plain string: no quotes or escapes) to something. */
static bool
translated(const char *po, const char *msgid)
{
    char want[256];
    const char *p;

    snprintf(want, sizeof(want), "\nmsgid \"%s\"\nmsgstr \"", msgid);
    p = strstr(po, want);
    return p != NULL && p[strlen(want)] != '"';
}

static void
test_sets(void)
{
    const struct code_set *const *s;
    const char *po = slurp("po/sv.po");
    bool good, labelled;
    int i, k, n_sets = 0;

    for (s = code_sets; *s != NULL; s++) {
        n_sets++;
        good = (*s)->n > 0;
        for (i = 0; i < (*s)->n; i++)
            for (k = 0; k < i; k++)
                if (strcmp((*s)->codes[i].code, (*s)->codes[k].code) == 0) {
                    diag("%s: \"%s\" twice", set_name(*s), (*s)->codes[i].code);
                    good = false;
                }
        ok(good, "%s: %d codes, each once", set_name(*s), (*s)->n);

        /* labelled throughout (non-empty, distinct, translated) or not at all */
        labelled = (*s)->codes[0].label != NULL;
        good = true;
        for (i = 0; i < (*s)->n; i++) {
            const char *label = (*s)->codes[i].label;

            if ((label != NULL) != labelled || (label != NULL && *label == '\0')) {
                diag("%s: \"%s\" has %s label", set_name(*s), (*s)->codes[i].code,
                     label == NULL ? "no" : "an empty");
                good = false;
                continue;
            }
            for (k = 0; label != NULL && k < i; k++)
                if ((*s)->codes[k].label != NULL && strcmp(label, (*s)->codes[k].label) == 0) {
                    diag("%s: \"%s\" and \"%s\" have the same label", set_name(*s),
                         (*s)->codes[k].code, (*s)->codes[i].code);
                    good = false;
                }
            if (label != NULL && !translated(po, label)) {
                diag("%s: po/sv.po does not translate \"%s\"", set_name(*s), label);
                good = false;
            }
        }
        ok(good, "%s: %s", set_name(*s),
           labelled ? "every code has its own non-empty label, translated in po/sv.po"
                    : "no code has a label (never shown by name)");
    }
    is_int(n_sets, 22, "twenty-two code sets");
    ok(code_target_kind.codes[0].label == NULL && code_token_role.codes[0].label == NULL &&
           code_actor_sector.codes[0].label != NULL,
       "only target kinds and token roles are unlabelled");
}

static void
test_lookups(void)
{
    ok(code_is(&code_actor_sector, "civil_society"), "code_is: a code of the set");
    ok(!code_is(&code_actor_sector, "top_down"), "code_is: another set's code is not one");
    ok(!code_is(&code_actor_sector, "Public"), "code_is: codes are case-sensitive");
    ok(!code_is(&code_actor_sector, "public "), "code_is: no trimming");
    ok(!code_is(&code_actor_sector, ""), "code_is: empty is not a code");
    ok(!code_is(&code_actor_sector, NULL), "code_is: NULL is not a code");
    is_str(code_label(&code_initiative_role, "financier"), "Co-financier",
           "code_label: the msgid of the code's display name");
    is_str(code_label(&code_direction, "decrease"), "Lower is better", "code_label: direction");
    ok(code_label(&code_direction, "sideways") == NULL, "code_label: NULL for a stranger");
    ok(code_label(&code_direction, NULL) == NULL, "code_label: NULL for NULL");
    ok(code_label(&code_token_role, "admin") == NULL, "code_label: NULL in an unlabelled set");
}

/* The progress statuses are the engine's: one code per enum value, best first. */
static void
test_progress_statuses(void)
{
    enum progress_status st, back;
    bool good = true;
    int i;

    is_int(code_progress_status.n, PS__MAX, "one progress status code per enum value");
    for (i = 0; i < PS__MAX; i++) {
        st = (enum progress_status)i;
        if (!code_is(&code_progress_status, progress_status_name(st)) ||
            !progress_status_parse(progress_status_name(st), &back) || back != st) {
            diag("PS %d: \"%s\" does not round-trip", i, progress_status_name(st));
            good = false;
        }
    }
    ok(good, "every status's name is a code, and parses back to the status");
    is_str(code_progress_status.codes[0].code, progress_status_name(PS_TARGET_ACHIEVED),
           "the set is best first: target achieved");
    is_str(code_progress_status.codes[1].code, progress_status_name(PS_SUBSTANTIAL),
           "then substantial progress");
    is_str(code_progress_status.codes[PS__MAX - 1].code, progress_status_name(PS_NOT_AVAILABLE),
           "and not available last");
    is_str(progress_status_name((enum progress_status)PS__MAX), "not_available",
           "an out-of-range status is not available");
    ok(!progress_status_parse("on_track", &back), "a label is not a status name");
}

int
main(void)
{
    test_parser();
    test_schema();
    test_sets();
    test_lookups();
    test_progress_statuses();
    return done_testing();
}
