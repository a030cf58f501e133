/*
 * config.h — the option table for `samverka serve`: each option's name, type,
 * default, range, target and help text (samverka.conf(5) documents them).
 * Sources, later wins: defaults, the config file (`key value` lines),
 * environment (SAMVERKA_DB, SAMVERKA_LISTEN), command-line flags.
 */
#ifndef CLI_CONFIG_H
#define CLI_CONFIG_H

#include <stdio.h>

#include "http/server.h"

/* Parse argv (after the subcommand) into conf. Returns 0, or 2 after printing why. */
int config_serve(int argc, char **argv, struct serve_conf *conf, char *listen_buf,
                 size_t listen_len);
void config_help(FILE *f);
void config_print(FILE *f, const struct serve_conf *conf);

#endif
