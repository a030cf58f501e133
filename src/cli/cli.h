/*
 * cli.h — subcommands implemented outside main.c. Each takes the arguments
 * after its name and returns the exit status (0, 1 failure, 2 usage).
 */
#ifndef CLI_CLI_H
#define CLI_CLI_H

int cmd_assess(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_indicator(int argc, char **argv);
int cmd_token(int argc, char **argv);
int cmd_copy(int argc, char **argv);

#endif
