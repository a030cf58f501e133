/*
 * history.c — who a public history names (see history.h). One read per entry shown; a
 * history page shows at most one page of entries.
 */
#include "domain/history.h"

#include <string.h>

#include "domain/load.h"

enum err
history_who(struct db *db, struct arena *a, const char *who, int64_t mission_id,
            const char **out_name, enum history_staff *out_kind)
{
    struct db_stmt *st;
    enum err rc;
    bool row;

    *out_name = NULL;
    *out_kind = HISTORY_NOT_STAFF;
    /* only an address can be an account's: "cli", "demo" and token names are not */
    if (who == NULL || strchr(who, '@') == NULL)
        return ERR_OK;
    st = db_stmt(db, Q_HISTORY_WHO);
    if (st == NULL)
        return ERR_DB;
    db_bind_text(st, 1, who);
    db_bind_i64(st, 2, mission_id);
    rc = db_step(st, &row);
    if (rc == ERR_OK && row) {
        if (strcmp(db_text(st, 1), "admin") == 0)
            *out_kind = HISTORY_ADMIN;
        else if (db_i64(st, 2) > 0)
            *out_kind = HISTORY_COORDINATOR;
        if (*out_kind != HISTORY_NOT_STAFF)
            *out_name = ld_str(st, 0, a);
    }
    db_done(st);
    return rc;
}
