/*
 * portfolio.c — a mission's portfolio arithmetic (see portfolio.h).
 */
#include "domain/portfolio.h"

#include <math.h>
#include <string.h>

void
commitment_gap(bool has_latest, double latest, bool has_target, double target, int direction,
               const struct contribution *c, int n, struct commitment_gap *out)
{
    int i;

    memset(out, 0, sizeof(*out));
    for (i = 0; i < n; i++) {
        if (!isfinite(c[i].amount) || c[i].amount < 0)
            continue;
        if (c[i].state == CS_CONFIRMED || c[i].state == CS_IN_PROGRESS)
            out->covered += c[i].amount;
        else if (c[i].state == CS_PLEDGED)
            out->pledged += c[i].amount;
    }
    if (!has_latest || !has_target || !isfinite(latest) || !isfinite(target) ||
        (direction != 1 && direction != -1))
        return;
    out->remaining = direction > 0 ? target - latest : latest - target;
    if (out->remaining <= 0) {
        /* at or past the target: nothing left to cover */
        out->reached = true;
        out->remaining = 0;
        return;
    }
    out->has_gap = true;
    out->gap = out->remaining - out->covered;
    out->coverage = out->covered / out->remaining;
}
