/*
 * args.c — the argument helpers every subcommand shares: --help, --db and a
 * check that nothing unexpected was given. Never exits: each returns what it
 * found and the subcommand decides.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

bool
cli_wants_help(int argc, char **argv)
{
    int i;

    for (i = 0; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return true;
    return false;
}

const char *
cli_db_arg(int argc, char **argv)
{
    int i;

    for (i = 0; i + 1 < argc; i++)
        if (strcmp(argv[i], "--db") == 0)
            return argv[i + 1];
    return getenv("SAMVERKA_DB");
}

int
cli_check_args(const char *cmd, int argc, char **argv, const char *const *flags,
               const char *const *bools)
{
    int i, k;
    bool ok;

    for (i = 0; i < argc; i++) {
        ok = false;
        for (k = 0; flags[k] != NULL; k++)
            if (strcmp(argv[i], flags[k]) == 0 && i + 1 < argc) {
                ok = true;
                i++;
                break;
            }
        for (k = 0; !ok && bools[k] != NULL; k++)
            if (strcmp(argv[i], bools[k]) == 0)
                ok = true;
        if (!ok) {
            fprintf(stderr, "samverka %s: unexpected argument \"%s\" (see samverka %s --help)\n",
                    cmd, argv[i], cmd);
            return 2;
        }
    }
    return 0;
}
