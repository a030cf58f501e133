/*
 * embed.c — lookup in the table scripts/embed.sh generates.
 */
#include "core/embed.h"

#include <string.h>

const struct embed_file *
embed_get(const char *name)
{
    const struct embed_file *f;

    for (f = embedded; f->name != NULL; f++)
        if (strcmp(f->name, name) == 0)
            return f;
    return NULL;
}
