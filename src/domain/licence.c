/*
 * licence.c — the table of open-data licences (see licence.h). Names and identifiers
 * as in the SPDX licence list.
 */
#include "domain/licence.h"

#include <stddef.h>
#include <strings.h>

#include "core/buf.h"

static const struct licence licences[] = {
    {"CC0-1.0", "Creative Commons Zero v1.0 Universal",
     "https://creativecommons.org/publicdomain/zero/1.0/", "CC0 1.0"},
    {"CC-BY-4.0", "Creative Commons Attribution 4.0 International",
     "https://creativecommons.org/licenses/by/4.0/", "CC BY 4.0"},
    {"CC-BY-SA-4.0", "Creative Commons Attribution Share Alike 4.0 International",
     "https://creativecommons.org/licenses/by-sa/4.0/", "CC BY-SA 4.0"},
    {"PDDL-1.0", "Open Data Commons Public Domain Dedication & License 1.0",
     "https://opendatacommons.org/licenses/pddl/1-0/", "ODC PDDL 1.0"},
    {"ODC-By-1.0", "Open Data Commons Attribution License v1.0",
     "https://opendatacommons.org/licenses/by/1-0/", "ODC-By 1.0"},
    {"ODbL-1.0", "Open Data Commons Open Database License v1.0",
     "https://opendatacommons.org/licenses/odbl/1-0/", "ODbL 1.0"},
    {"OGL-UK-3.0", "Open Government Licence v3.0",
     "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/", "OGL v3.0"},
    {"DL-DE-BY-2.0", "Data licence Germany – attribution – version 2.0",
     "https://www.govdata.de/dl-de/by-2-0", "DL-DE BY 2.0"},
    {"etalab-2.0", "Etalab Open License 2.0",
     "https://github.com/etalab/licence-ouverte/blob/master/LO.md", "Licence Ouverte 2.0"},
};
#define N_LICENCES (sizeof(licences) / sizeof(licences[0]))

const struct licence *
licence_find(const char *spdx)
{
    size_t i;

    if (spdx == NULL)
        return NULL;
    for (i = 0; i < N_LICENCES; i++)
        if (strcasecmp(licences[i].spdx, spdx) == 0)
            return &licences[i];
    return NULL;
}

void
licence_known(struct buf *b)
{
    size_t i;

    for (i = 0; i < N_LICENCES; i++) {
        if (i > 0)
            buf_adds(b, ", ");
        buf_adds(b, licences[i].spdx);
    }
}
