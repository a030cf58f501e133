/*
 * refdata.h — the reference data compiled into the binary (data/README.md):
 * the SDG framework with Swedish goal names and colours, Swedish counties and
 * municipalities, SNI 2007.
 */
#ifndef DOMAIN_REFDATA_H
#define DOMAIN_REFDATA_H

#include "core/err.h"
#include "db/db.h"

/* Insert all of it; runs inside the caller's transaction. Errors: ERR_NOTFOUND (a file
 * missing from the build), else the first error of a row or of the database (logged). */
enum err refdata_load(struct db *db);

#endif
