/*
 * queries.c — builds the query table from the q_*.def files (see queries.h).
 */
#include "db/queries.h"

#include "db/db.h"

struct query {
    const char *name;
    const char *sql;
    const char *pg; /* NULL: same as sql */
};

static const struct query queries[Q__MAX] = {
#define Q(n, s)     [n] = {#n, s, NULL},
#define QP(n, s, p) [n] = {#n, s, p},
#include "db/q_all.def"
#undef Q
#undef QP
};

const char *
query_sql(enum q q, enum db_kind kind)
{
    if (kind == DB_PG && queries[q].pg != NULL)
        return queries[q].pg;
    return queries[q].sql;
}

const char *
query_name(enum q q)
{
    return queries[q].name;
}
