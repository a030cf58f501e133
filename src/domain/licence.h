/*
 * licence.h — the open-data licences a site may publish its data under, by SPDX
 * identifier, each with its full name and the address of its text. The `data-licence`
 * setting (samverka.conf(5)) picks one; the downloads' descriptors name it (describe.h).
 * A fixed table: a licence is something a reader must be able to look up, so an
 * identifier that is not in it is refused when the server starts, never passed on.
 */
#ifndef DOMAIN_LICENCE_H
#define DOMAIN_LICENCE_H

#include "core/buf.h"

struct licence {
    const char *spdx; /* "CC0-1.0" */
    const char *name; /* SPDX's full name: "Creative Commons Zero v1.0 Universal" */
    const char *url;  /* the licence's text */
    /* as its publisher writes it for people ("CC0 1.0", "CC BY 4.0"): the pages' footer */
    const char *label;
};

/* The default when nothing is set: CC0-1.0. */
#define LICENCE_DEFAULT "CC0-1.0"

/* The licence with that SPDX identifier (matched without regard to case, as SPDX
 * identifiers are), or NULL. Static storage. */
const struct licence *licence_find(const char *spdx);
/* Append the identifiers licence_find knows to b, comma-separated (for a message). */
void licence_known(struct buf *b);

#endif
