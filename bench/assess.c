/*
 * assess.c — benchmark of the progress engine: assess N generated series
 * (default 100,000) of 5-20 yearly points each, with and without targets and
 * limits, and print series per second. The data is generated up front so only
 * the engine is timed.
 *
 *   build/bench/assess [N]
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "domain/progress.h"

struct series {
    struct progress_point pts[20];
    int n;
    struct progress_config cfg;
};

static unsigned long long rng = 88172645463325252ULL;

static double
rnd(void)
{
    /* xorshift64*: fast and reproducible */
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return (double)((rng * 2685821657736338717ULL) >> 11) / 9007199254740992.0;
}

int
main(int argc, char **argv)
{
    long n = argc > 1 ? strtol(argv[1], NULL, 10) : 100000, i, k;
    struct series *s;
    struct progress_result r;
    struct timespec t0, t1;
    double secs, v, sum = 0;

    if (n < 1)
        n = 100000;
    s = calloc((size_t)n, sizeof(*s));
    if (s == NULL)
        return 1;
    for (i = 0; i < n; i++) {
        progress_config_default(&s[i].cfg);
        s[i].n = 5 + (int)(rnd() * 16);
        v = 10 + rnd() * 1000;
        for (k = 0; k < s[i].n; k++) {
            s[i].pts[k].year = 2010 + (int)k;
            s[i].pts[k].value = v;
            v *= 0.95 + rnd() * 0.1;
        }
        s[i].cfg.direction = rnd() < 0.5 ? 1 : -1;
        if (rnd() < 0.6) {
            s[i].cfg.has_target = true;
            s[i].cfg.target = s[i].pts[0].value * (0.5 + rnd());
        } else if (rnd() < 0.3) {
            s[i].cfg.has_limit = true;
            s[i].cfg.limit = s[i].pts[0].value * (1 + rnd());
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (i = 0; i < n; i++) {
        progress_assess(s[i].pts, s[i].n, &s[i].cfg, &r);
        if (r.has_score)
            sum += r.score;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("assess: %ld series in %.3f s = %.0f series/s (checksum %.3f)\n", n, secs, n / secs,
           sum);
    free(s);
    return 0;
}
