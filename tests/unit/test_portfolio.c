/*
 * test_portfolio.c — src/domain/portfolio.c: the commitment gap on cases worked out by
 * hand (each says how): an indicator that should rise and one that should fall, which
 * states of a commitment count, a target reached, more committed than needed, and the
 * inputs that give no gap.
 */
#include <math.h>

#include "domain/portfolio.h"
#include "tap.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static bool
near(double a, double b)
{
    return fabs(a - b) < 1e-12;
}

static void
test_gap(void)
{
    /* organic share should rise from 38 (latest) to 60 (target): 22 left; confirmed 5, in
     * progress 3.7 count (8.7); pledged 4 is shown apart; delivered 2 is in the data
     * already; withdrawn 10 not at all: gap 22 - 8.7 = 13.3, coverage 8.7 / 22 */
    static const struct contribution rise[] = {
        {5, CS_CONFIRMED}, {3.7, CS_IN_PROGRESS}, {4, CS_PLEDGED},
        {2, CS_DELIVERED}, {10, CS_WITHDRAWN},
    };
    /* food waste should fall from 55 to 40 (15 left); confirmed 6 and 9 cover exactly */
    static const struct contribution fall[] = {{6, CS_CONFIRMED}, {9, CS_IN_PROGRESS}};
    static const struct contribution over[] = {{20, CS_CONFIRMED}};
    static const struct contribution bad[] = {
        {-3, CS_CONFIRMED}, {NAN, CS_CONFIRMED}, {INFINITY, CS_CONFIRMED}, {1, CS_CONFIRMED}};
    struct commitment_gap g;

    commitment_gap(true, 38, true, 60, 1, rise, (int)N(rise), &g);
    ok(g.has_gap && !g.reached && near(g.remaining, 22) && near(g.covered, 8.7) &&
           near(g.pledged, 4) && near(g.gap, 13.3) && near(g.coverage, 8.7 / 22),
       "rise 38 -> 60: 22 left, 8.7 covered (confirmed, in progress), 4 pledged apart, gap "
       "13.3, coverage 39.5 %%");

    commitment_gap(true, 55, true, 40, -1, fall, (int)N(fall), &g);
    ok(g.has_gap && near(g.remaining, 15) && near(g.covered, 15) && near(g.gap, 0) &&
           near(g.coverage, 1),
       "fall 55 -> 40: 15 left, covered exactly: gap 0, coverage 100 %%");

    commitment_gap(true, 55, true, 40, -1, over, (int)N(over), &g);
    ok(g.has_gap && near(g.gap, -5) && near(g.coverage, 20.0 / 15),
       "more committed than needed: gap -5, coverage 133 %%");

    commitment_gap(true, 61, true, 60, 1, rise, (int)N(rise), &g);
    ok(!g.has_gap && g.reached && g.remaining == 0 && near(g.covered, 8.7),
       "rise, latest 61 past the target 60: reached, no gap (the contributions still summed)");
    commitment_gap(true, 40, true, 40, -1, fall, (int)N(fall), &g);
    ok(!g.has_gap && g.reached, "fall, latest at the target: reached");

    commitment_gap(false, 0, true, 60, 1, rise, (int)N(rise), &g);
    ok(!g.has_gap && !g.reached && near(g.covered, 8.7), "no latest value: no gap");
    commitment_gap(true, 38, false, 0, 1, rise, (int)N(rise), &g);
    ok(!g.has_gap && !g.reached, "no target: no gap");
    commitment_gap(true, 38, true, 60, 0, rise, (int)N(rise), &g);
    ok(!g.has_gap, "no direction: no gap");

    commitment_gap(true, 0, true, 10, 1, bad, (int)N(bad), &g);
    ok(g.has_gap && near(g.covered, 1) && near(g.gap, 9),
       "amounts below 0, not a number or infinite are left out: 1 covered of 10");
    commitment_gap(true, 0, true, 10, 1, NULL, 0, &g);
    ok(g.has_gap && g.covered == 0 && near(g.gap, 10) && g.coverage == 0,
       "no commitments: the gap is the whole distance");
}

int
main(void)
{
    test_gap();
    return done_testing();
}
