/*
 * backends.c — the storage backends db_open may use, asked in this order: PostgreSQL
 * claims postgres:// and postgresql:// URLs, SQLite claims sqlite:PATH and plain paths.
 */
#include "db/backend.h"

const struct db_backend *const db_backends[] = {&db_pg_backend, &db_sqlite_backend, NULL};
