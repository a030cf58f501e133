/*
 * routes.c — `samverka routes`: the route table (src/web/routes.c) as text, so
 * that scripts and tests read the table the binary serves instead of parsing
 * the C source. One route a line, in table order, fields separated by one tab,
 * no header (samverka(1) documents the columns):
 *
 *   METHOD  PATTERN  KIND  FLAGS  SCHEMA  QUERY
 *
 * FLAGS, SCHEMA and QUERY are comma-separated lists; "-" stands for an empty
 * one, so that every line has six non-empty fields. Needs no database.
 */
#include <stdio.h>

#include "cli/cli.h"
#include "web/route.h"

static void
print_flags(unsigned flags)
{
    unsigned bit;
    const char *name;
    int n = 0;

    for (bit = 1; bit != 0 && bit <= flags; bit <<= 1) {
        if (!(flags & bit))
            continue;
        name = route_flag_name(bit);
        printf("%s%s", n++ ? "," : "", name ? name : "?");
    }
    if (n == 0)
        fputs("-", stdout);
}

static void
print_query(const struct route *r)
{
    int i, n = 0;

    for (i = 0; i < WEB_MAX_PARAMS && r->params[i].name != NULL; i++)
        if (r->params[i].in == PIN_QUERY)
            printf("%s%s", n++ ? "," : "", r->params[i].name);
    if (n == 0)
        fputs("-", stdout);
}

int
cmd_routes(int argc, char **argv)
{
    static const char *const flags[] = {NULL}, *const bools[] = {NULL};
    const struct route *r;
    int i, rc;

    if (cli_wants_help(argc, argv)) {
        puts("usage: samverka routes\n\n"
             "Print the route table the server answers from, one route a line, seven fields\n"
             "separated by tabs: method, path pattern, kind (html, api or file), flags\n"
             "(cache, count, write, import, personal, form, open), the API response schema,\n"
             "the query parameters and a write's rule in the authorization table\n"
             "(mission.edit ...); \"-\" for none. Scripts and tests read it (samverka(1)).");
        return 0;
    }
    if ((rc = cli_check_args("routes", argc, argv, flags, bools)) != 0)
        return rc;
    for (i = 0; i < n_routes; i++) {
        r = &routes[i];
        printf("%s\t%s\t%s\t", r->method, r->pattern, route_kind_name(r->kind));
        print_flags(r->flags);
        printf("\t%s\t", r->schema ? r->schema : "-");
        print_query(r);
        printf("\t%s\n", r->authz ? r->authz : "-");
    }
    return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
}
