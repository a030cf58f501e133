/*
 * paging.h — which rows of a list a loader returns. Every paged list loader
 * (indicator_list, actor_list, person_list, initiative_list, sdg_*_list)
 * takes one and also returns the total count, so the caller can say how
 * many pages there are.
 */
#ifndef DOMAIN_PAGING_H
#define DOMAIN_PAGING_H

#include <stdint.h>

struct page {
    int64_t limit;  /* rows per page */
    int64_t offset; /* rows skipped */
};

#endif
