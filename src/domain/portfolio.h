/*
 * portfolio.h — a mission's portfolio arithmetic (issue 13; docs/internals/domain.md): the
 * commitment gap of an indicator. Pure functions, no I/O.
 */
#ifndef DOMAIN_PORTFOLIO_H
#define DOMAIN_PORTFOLIO_H

#include <stdbool.h>

/* A commitment's state, in its order of life (code_commitment_status names them). */
enum commitment_state {
    CS_PLEDGED,     /* said by the actor, not yet confirmed by a coordinator */
    CS_CONFIRMED,   /* confirmed by a coordinator */
    CS_IN_PROGRESS, /* confirmed, and under way */
    CS_DELIVERED,   /* done: its effect is in the indicator's data from now on */
    CS_WITHDRAWN,
    CS__MAX
};

/* A quantified contribution to one indicator: amount in the indicator's unit, toward the
 * target (positive whichever way the indicator should move). */
struct contribution {
    double amount;
    enum commitment_state state;
};

struct commitment_gap {
    bool has_gap;     /* false: no latest value, no target, or the target reached */
    bool reached;     /* the latest value is at or past the target */
    double remaining; /* the distance left from the latest value to the target (> 0) */
    double covered;   /* the confirmed contributions not yet delivered */
    double pledged;   /* the contributions pledged and not yet confirmed */
    double gap;       /* remaining - covered; below 0 when more is committed than needed */
    double coverage;  /* covered / remaining (1 = all of it; may pass 1) */
};

/*
 * The commitment gap of an indicator whose latest value is latest (has_latest) and whose
 * target is target (has_target), direction +1 when it should rise, -1 when it should fall:
 * the distance left to the target less the confirmed contributions not yet delivered
 * (confirmed and in progress; a delivered one is in the data, a pledged one is not yet
 * counted on, a withdrawn one not at all). Contributions with an amount that is not a
 * finite number of at least 0 are left out.
 */
void commitment_gap(bool has_latest, double latest, bool has_target, double target, int direction,
                    const struct contribution *c, int n, struct commitment_gap *out);

#endif
