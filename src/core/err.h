/*
 * err.h — the error codes every layer returns. 0 is success.
 * The mapping to HTTP status lives in web: web_handle (web/routes.c) for these
 * codes, web/resp.c for a handler's refusals (ERR_INVALID with a kind: 400,
 * 401, 403, 413, 422); the CLI maps them to exit codes in cli/main.c. Nothing
 * here knows about either.
 */
#ifndef CORE_ERR_H
#define CORE_ERR_H

enum err {
    ERR_OK = 0,
    ERR_INVALID,  /* bad input: the caller's fault, nothing changed */
    ERR_NOTFOUND, /* the thing named does not exist */
    ERR_CONFLICT, /* it exists already, or a constraint refused it */
    ERR_LIMIT,    /* a size or count limit was hit */
    ERR_DB,       /* the database failed */
    ERR_BUSY,     /* the database is busy or unreachable: try again */
    ERR_IO,       /* file or network I/O failed */
    ERR__MAX
};

/* A short English name for logs ("invalid", "not found", ...); static storage. */
const char *err_str(enum err e);

#endif
