/*
 * cli.h — the subcommands and the argument helpers they share. Each
 * subcommand takes the arguments after its name and returns the exit status
 * (0, 1 failure, 2 usage).
 */
#ifndef CLI_CLI_H
#define CLI_CLI_H

#include <stdbool.h>

int cmd_assess(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_indicator(int argc, char **argv);
int cmd_token(int argc, char **argv);
int cmd_mail(int argc, char **argv);
int cmd_seminar(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_copy(int argc, char **argv);
int cmd_routes(int argc, char **argv);

/* args.c. True when --help or -h is among the arguments. */
bool cli_wants_help(int argc, char **argv);
/* The value of --db, else $SAMVERKA_DB, else NULL (borrowed from argv or the environment). */
const char *cli_db_arg(int argc, char **argv);
/* 0 when every argument is one of `flags` (each followed by its value) or `bools` (both
 * NULL-terminated); else says which one is unexpected on stderr and returns 2. */
int cli_check_args(const char *cmd, int argc, char **argv, const char *const *flags,
                   const char *const *bools);

#endif
