/*
 * sqltext.c — helpers on SQL text that backends share. Names no backend (backend.h).
 */
#include "db/db.h"

void
db_sql_rewrite(const char *sql, char *out)
{
    char quote = 0;

    for (; *sql; sql++) {
        if (quote) {
            if (*sql == quote)
                quote = 0;
        } else if (*sql == '\'' || *sql == '"') {
            quote = *sql;
        } else if (*sql == '$' && sql[1] >= '1' && sql[1] <= '9') {
            *out++ = '?';
            continue;
        }
        *out++ = *sql;
    }
    *out = '\0';
}
