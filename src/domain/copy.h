/*
 * copy.h — move a whole samverka database between backends (SQLite <->
 * PostgreSQL, either direction): every table's rows in key order, in one
 * transaction on the target, typed values (no text round trip for numbers),
 * identity sequences moved past the copied ids. The target must be at the
 * same schema version and hold no data yet.
 */
#ifndef DOMAIN_COPY_H
#define DOMAIN_COPY_H

#include "db/db.h"

/* Errors: ERR_INVALID (schema versions differ) and ERR_CONFLICT (target not
 * empty) with *out_msg; ERR_DB / ERR_BUSY from either side, with the table. */
enum err copy_database(struct db *from, struct db *to, long *out_rows, const char **out_msg);

#endif
