/*
 * pg.c — the PostgreSQL backend entry point.
 *
 * The libpq backend is the subject of issue 4 (docs/deployment.md); until it
 * lands, a postgres:// URL is refused with a clear message rather than
 * half-working.
 */
#include "core/log.h"
#include "db/backend.h"

enum err
db_pg_open(const char *conninfo, const struct db_opts *opts, struct db **out)
{
    (void)conninfo;
    (void)opts;
    *out = NULL;
    log_msg(LOG_ERROR, "msg=\"this build of samverka supports SQLite databases only\"");
    return ERR_INVALID;
}
