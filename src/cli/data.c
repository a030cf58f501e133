/*
 * data.c — `samverka import` and `samverka export`: indicator data in and out
 * as Open SDG-style tidy CSV or JSON, from the command line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/str.h"
#include "domain/copy.h"
#include "domain/export.h"
#include "domain/import.h"

struct data_args {
    const char *db, *file, *format;
    int64_t indicator;
    int64_t max_rows;        /* import only; 0: IMPORT_MAX_ROWS */
    struct import_opts opts; /* import only */
};

static int
parse(const char *cmd, int argc, char **argv, struct data_args *d, bool want_file)
{
    int i;

    memset(d, 0, sizeof(*d));
    d->db = getenv("SAMVERKA_DB");
    for (i = 0; i < argc; i++) {
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;

        if (strcmp(argv[i], "--db") == 0 && v != NULL) {
            d->db = v;
            i++;
        } else if (strcmp(argv[i], "--indicator") == 0 && v != NULL) {
            if (str_to_i64(v, &d->indicator) != ERR_OK || d->indicator < 1) {
                fprintf(stderr,
                        "samverka %s: --indicator needs an indicator id (a positive number)\n",
                        cmd);
                return 2;
            }
            i++;
        } else if (want_file && strcmp(argv[i], "--max-rows") == 0 && v != NULL) {
            if (str_to_i64(v, &d->max_rows) != ERR_OK || d->max_rows < 1 ||
                d->max_rows > IMPORT_MAX_ROWS) {
                fprintf(stderr, "samverka %s: --max-rows is a number from 1 to %ld\n", cmd,
                        IMPORT_MAX_ROWS);
                return 2;
            }
            i++;
        } else if (want_file && strcmp(argv[i], "--merge") == 0) {
            d->opts.mode = IMPORT_MERGE;
        } else if (want_file && strcmp(argv[i], "--allow-empty") == 0) {
            d->opts.allow_empty = true;
        } else if (strcmp(argv[i], "--format") == 0 && v != NULL) {
            if (strcmp(v, "csv") != 0 && strcmp(v, "json") != 0) {
                fprintf(stderr, "samverka %s: --format is csv or json\n", cmd);
                return 2;
            }
            d->format = v;
            i++;
        } else if (want_file && d->file == NULL &&
                   (argv[i][0] != '-' || strcmp(argv[i], "-") == 0)) {
            d->file = argv[i];
        } else {
            fprintf(stderr, "samverka %s: unexpected argument \"%s\" (see samverka %s --help)\n",
                    cmd, argv[i], cmd);
            return 2;
        }
    }
    if (d->db == NULL || d->indicator == 0 || (want_file && d->file == NULL)) {
        fprintf(stderr, "samverka %s: --db, --indicator%s are required\n", cmd,
                want_file ? " and a file" : "");
        return 2;
    }
    return 0;
}

static enum import_format
format_of(const struct data_args *d)
{
    size_t n;

    if (d->format != NULL)
        return strcmp(d->format, "json") == 0 ? IMPORT_JSON : IMPORT_CSV;
    n = d->file ? strlen(d->file) : 0;
    return n > 5 && strcmp(d->file + n - 5, ".json") == 0 ? IMPORT_JSON : IMPORT_CSV;
}

int
cmd_import(int argc, char **argv)
{
    struct import_result ir;
    struct data_args d;
    struct tidy_error te;
    struct db *db;
    enum err rc;
    int r, i;

    if (cli_wants_help(argc, argv)) {
        printf("usage: samverka import --db URL --indicator ID [--format csv|json] [--merge]\n"
               "                       [--allow-empty] [--max-rows N] FILE\n\n"
               "Replace the indicator's observations with FILE (\"-\" for standard input), all "
               "or\n"
               "nothing. FILE is Open SDG-style tidy CSV (Year, optional Series and Units,\n"
               "disaggregation columns, Source, Note, Value; periods as published: 2015-16,\n"
               "2013 Q1, 1993 01) or the equivalent JSON array of records; the format follows\n"
               "the .json extension unless given. A replace takes the file's disaggregation\n"
               "columns too; --merge inserts or updates by period and disaggregation and removes\n"
               "nothing. Without a Source (Note) column, a value that stays the same keeps its\n"
               "source (note). A file with no data rows is refused unless --allow-empty.\n"
               "Problems are reported as FILE:LINE:COLUMN: message, and nothing is changed;\n"
               "what was accepted but should be known as FILE:LINE:COLUMN: notice: message.\n"
               "--max-rows refuses a file with more data rows (records) than N (default: %ld,\n"
               "the most any import takes; the limits are in docs/limits.md).\n",
               IMPORT_MAX_ROWS);
        return 0;
    }
    if ((r = parse("import", argc, argv, &d, true)) != 0)
        return r;
    if (db_open(d.db, NULL, &db) != ERR_OK)
        return 1;
    rc = import_file(db, d.indicator, format_of(&d), d.file, "cli", (long)d.max_rows, &d.opts, &ir,
                     &te);
    db_close(db);
    if (rc) {
        if (te.line > 0 && te.column > 0)
            fprintf(stderr, "%s:%ld:%d: %s\n", d.file, te.line, te.column, te.msg);
        else if (te.line > 0)
            fprintf(stderr, "%s:%ld: %s\n", d.file, te.line, te.msg);
        else
            fprintf(stderr, "%s: %s\n", d.file, te.msg);
        fputs("samverka import: nothing was changed\n", stderr);
        return 1;
    }
    for (i = 0; i < ir.n_notices; i++) {
        if (ir.notices[i].line > 0 && ir.notices[i].column > 0)
            fprintf(stderr, "%s:%ld:%d: notice: %s\n", d.file, ir.notices[i].line,
                    ir.notices[i].column, ir.notices[i].msg);
        else if (ir.notices[i].line > 0)
            fprintf(stderr, "%s:%ld: notice: %s\n", d.file, ir.notices[i].line, ir.notices[i].msg);
        else
            fprintf(stderr, "%s: notice: %s\n", d.file, ir.notices[i].msg);
    }
    if (ir.total_notices > ir.n_notices)
        fprintf(stderr, "%s: notice: %ld more notices not shown\n", d.file,
                ir.total_notices - ir.n_notices);
    printf("imported %ld observations into indicator %lld\n", ir.rows, (long long)d.indicator);
    return 0;
}

int
cmd_export(int argc, char **argv)
{
    struct data_args d;
    struct arena a;
    struct buf out;
    struct db *db;
    enum err rc;
    int r;

    if (cli_wants_help(argc, argv)) {
        puts("usage: samverka export --db URL --indicator ID [--format csv|json]\n\n"
             "Write the indicator's observations to standard output as Open SDG-style tidy\n"
             "CSV (default) or JSON. Importing the output again gives the same export.");
        return 0;
    }
    if ((r = parse("export", argc, argv, &d, false)) != 0)
        return r;
    if (db_open(d.db, NULL, &db) != ERR_OK)
        return 1;
    arena_init(&a);
    buf_init(&out, 0);
    rc = indicator_export(db, &a, d.indicator, format_of(&d), &out);
    db_close(db);
    if (rc == ERR_OK)
        fwrite(out.data ? out.data : "", 1, out.len, stdout);
    else
        fprintf(stderr, "samverka export: %s\n",
                rc == ERR_NOTFOUND ? "no indicator has this id" : err_str(rc));
    buf_free(&out);
    arena_free(&a);
    return rc ? 1 : 0;
}

int
cmd_copy(int argc, char **argv)
{
    struct db_opts create = {.create = true};
    const char *from_url = NULL, *to_url = NULL, *msg;
    struct db *from, *to;
    long rows = 0;
    enum err rc;
    int i;

    if (cli_wants_help(argc, argv)) {
        puts("usage: samverka copy --from URL --to URL\n\n"
             "Copy a whole samverka database to a new one, between SQLite files and\n"
             "PostgreSQL in either direction. The target is created (SQLite) and migrated;\n"
             "it must hold no data yet. The copy is one transaction: all or nothing.");
        return 0;
    }
    for (i = 0; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--from") == 0)
            from_url = argv[i + 1];
        else if (strcmp(argv[i], "--to") == 0)
            to_url = argv[i + 1];
        else
            break;
    }
    if (i != argc || from_url == NULL || to_url == NULL) {
        fputs("samverka copy: give --from URL and --to URL (see samverka copy --help)\n", stderr);
        return 2;
    }
    if (db_open(from_url, NULL, &from) != ERR_OK)
        return 1;
    if (db_open(to_url, &create, &to) != ERR_OK) {
        db_close(from);
        return 1;
    }
    rc = db_migrate(to, NULL);
    if (rc == ERR_OK)
        rc = copy_database(from, to, &rows, &msg);
    else
        msg = "the target could not be migrated";
    db_close(from);
    db_close(to);
    if (rc) {
        fprintf(stderr, "samverka copy: %s; nothing was copied\n", msg ? msg : err_str(rc));
        return 1;
    }
    printf("copied %ld rows\n", rows);
    return 0;
}
