/*
 * collab.h — the collaboration network (samverkansnätverk, issue 13) loaded from the
 * database: live actors are nodes; two actors are tied by each shown initiative both take
 * part in (as lead or participant), each objective both have live commitments to, each
 * dialogue both took part in, and each seminar both attended (issue 14), the tie's weight being how
 * many such things they share. For one mission (its content alone; its nodes the actors involved in
 * it in any of those ways) or for the platform (every live mission; every live actor a node, so
 * isolated actors show). The metrics are network.h's: degree, weighted degree, betweenness
 * unweighted and weighted (a tie's length 1 / weight), components, the sectors ties cross.
 */
#ifndef DOMAIN_COLLAB_H
#define DOMAIN_COLLAB_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"

/* Up to this many actors betweenness is exact (from every actor); past it, the estimate
 * from COLLAB_SOURCES actors spread evenly over the id order (the same sources for the same
 * data, so the same figures). */
#define COLLAB_EXACT_MAX 2000
#define COLLAB_SOURCES   200

struct collab_actor {
    int64_t id;
    const char *slug, *name, *sector;  /* sector: code_actor_sector */
    int sector_ix;                     /* its index in code_actor_sector, -1 if none */
    int degree;                        /* how many actors it has ties with */
    double strength;                   /* weighted degree: the sum of its ties' weights */
    double betweenness, betweenness_w; /* networkx-normalised; _w: lengths 1 / weight */
    int component;                     /* 0, 1, ... by each component's smallest id */
    int reach;                         /* other sectors its ties reach */
    bool bridges;                      /* reach >= 1: its ties cross to another sector */
};

struct collab_tie {
    int a, b;                               /* node indexes, a < b */
    int64_t source, target;                 /* their actors' ids */
    int initiatives, objectives, dialogues; /* what the two share, by kind */
    int seminars;                           /* seminars both attended */
    int weight;                             /* their sum */
};

struct collab_net {
    struct collab_actor *nodes; /* by id */
    int n;
    struct collab_tie *ties; /* by (a, b) */
    int m;
    int components;
    int cross;      /* ties between actors of two sectors */
    int bridging;   /* actors whose ties reach another sector */
    int isolated;   /* actors without a tie */
    bool estimated; /* betweenness from `sources` actors rather than all */
    int sources;
};

/* Load and compute mission_id's network (0: the platform's) into out, in a. */
enum err collab_load(struct db *db, struct arena *a, int64_t mission_id, struct collab_net *out);

/* The metrics of out's nodes and ties as loaded (collab_load calls it; a test may too). */
enum err collab_compute(struct arena *a, struct collab_net *out);

/*
 * The network as GraphML (http://graphml.graphdrawing.org/), as networkx.read_graphml and
 * Gephi read it: an undirected graph, a node per actor (id "a" and its id) with its name,
 * slug and sector, an edge per tie with its weight and what the two share by kind. Text
 * goes through an XML escaper; characters XML 1.0 cannot carry are left out. Appends to b.
 */
struct buf;
void collab_graphml(const struct collab_net *g, struct buf *b);

/* The share of ties that cross sectors, 0 .. 1 (0 without ties). */
double collab_cross_share(const struct collab_net *g);

#endif
