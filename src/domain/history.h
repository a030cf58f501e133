/*
 * history.h — what the public history of a mission or an initiative (audit.h's
 * audit_history) may say of who made a change: the name of a staff member (an admin, or a
 * coordinator of the mission), never an address, and nothing of anyone else.
 */
#ifndef DOMAIN_HISTORY_H
#define DOMAIN_HISTORY_H

#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"

enum history_staff {
    HISTORY_NOT_STAFF, /* a representative, another account, the CLI, the demo loader */
    HISTORY_COORDINATOR,
    HISTORY_ADMIN,
};

/*
 * The audit entry's who (an account's address as the web layer writes it; "cli", "demo" ...
 * otherwise): *out_kind whether it is staff of mission_id (0: of any mission), and for staff
 * the name of the account's person in *out_name (in a; NULL otherwise). ERR_DB, ERR_BUSY.
 */
enum err history_who(struct db *db, struct arena *a, const char *who, int64_t mission_id,
                     const char **out_name, enum history_staff *out_kind);

#endif
