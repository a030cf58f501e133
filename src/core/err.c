/*
 * err.c — names for error codes.
 */
#include "core/err.h"

static const char *const names[ERR__MAX] = {
    [ERR_OK] = "ok",
    [ERR_INVALID] = "invalid",
    [ERR_NOTFOUND] = "not found",
    [ERR_CONFLICT] = "conflict",
    [ERR_LIMIT] = "limit exceeded",
    [ERR_DB] = "database error",
    [ERR_BUSY] = "busy",
    [ERR_IO] = "i/o error",
};

const char *
err_str(enum err e)
{
    if ((unsigned)e >= ERR__MAX)
        return "unknown";
    return names[e];
}
