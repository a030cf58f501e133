/*
 * sqltext.c — helpers on SQL text that backends share. Names no backend (backend.h).
 */
#include "db/db.h"

#include <stdlib.h>

#include "db/backend.h"

const char *
db_sql_placeholder(const char *sql)
{
    char quote = 0;

    for (; *sql; sql++) {
        if (quote) {
            if (*sql == quote)
                quote = 0;
        } else if (*sql == '\'' || *sql == '"') {
            quote = *sql;
        } else if (*sql == '$' && sql[1] >= '1' && sql[1] <= '9') {
            return sql;
        }
    }
    return NULL;
}

void
db_sql_rewrite(const char *sql, char *out)
{
    const char *p;

    /* $1 -> ?1: only the '$' changes */
    while ((p = db_sql_placeholder(sql)) != NULL) {
        while (sql < p)
            *out++ = *sql++;
        *out++ = '?';
        sql++;
    }
    while (*sql)
        *out++ = *sql++;
    *out = '\0';
}

int
db_sql_max_param(const char *sql)
{
    const char *p;
    int max = 0, n;

    while ((p = db_sql_placeholder(sql)) != NULL) {
        n = (int)strtol(p + 1, NULL, 10);
        if (n > max)
            max = n;
        sql = p + 1;
    }
    return max;
}
