/*
 * queries.h — the one table of SQL statements.
 *
 * Statements are declared in the q_*.def files listed in q_all.def, as
 *     Q(Q_NAME, "SQL for both backends")
 *     QP(Q_NAME, "SQLite SQL", "PostgreSQL SQL")   where the dialects differ
 * and become one enum (Q_NAME) and one array. Placeholders are $1, $2, ...
 * No SQL is ever built from runtime strings.
 */
#ifndef DB_QUERIES_H
#define DB_QUERIES_H

enum q {
#define Q(name, sql)      name,
#define QP(name, sql, pg) name,
#include "db/q_all.def"
#undef Q
#undef QP
    Q__MAX
};

enum db_kind;
/* The statement's SQL text for the backend; static storage. */
const char *query_sql(enum q q, enum db_kind kind);
/* "Q_NAME", for logs and test output. */
const char *query_name(enum q q);

#endif
