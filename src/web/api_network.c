/*
 * api_network.c — the collaboration network in the JSON API (domain/collab.h):
 * /api/v1/missions/{slug}/network and /api/v1/network, each the whole network at once (its
 * actors with their metrics, its ties with their weights, and the network's figures). The
 * numbers are the page's and the GraphML file's: the same load.
 */
#include "domain/collab.h"
#include "domain/mission.h"
#include "web/api.h"
#include "web/handlers.h"
#include "web/route.h"
#include "web/url.h"

struct network_view {
    const char *mission; /* slug; NULL: the platform */
    const char *graphml; /* the same network as GraphML */
    struct collab_net g;
    double cross_share;
};

/* clang-format off */
static const struct res_field actor_fields[] = {
    R_INT("id", struct collab_actor, id, 0, "The actor's id (/api/v1/actors/{id})"),
    R_STR("slug", struct collab_actor, slug, 0, NULL),
    R_STR("name", struct collab_actor, name, 0, NULL),
    R_ENUM("sector", struct collab_actor, sector, &code_actor_sector, 0, NULL),
    R_INT("degree", struct collab_actor, degree, 0, "How many actors it has ties with"),
    R_NUM("weighted_degree", struct collab_actor, strength, 0, "The sum of its ties' weights"),
    R_NUM("betweenness", struct collab_actor, betweenness, 0,
          "Betweenness centrality, normalised as networkx.betweenness_centrality"),
    R_NUM("betweenness_weighted", struct collab_actor, betweenness_w, 0,
          "The same with each tie's length 1 / weight"),
    R_INT("component", struct collab_actor, component, 0,
          "Its connected component, numbered from 0 in the order of each one's smallest id"),
    R_INT("sectors_reached", struct collab_actor, reach, 0,
          "How many sectors other than its own its ties reach"),
    R_BOOL("bridges_sectors", struct collab_actor, bridges, 0, "It has a tie to another sector"),
    R_END,
};

static const struct resource actor_res = {
    .name = "NetworkActor",
    .desc = "An actor of the collaboration network with its metrics",
    .fields = actor_fields,
    .size = sizeof(struct collab_actor),
};

static const struct res_field tie_fields[] = {
    R_INT("source", struct collab_tie, source, 0, "One actor's id (the smaller)"),
    R_INT("target", struct collab_tie, target, 0, "The other actor's id"),
    R_INT("weight", struct collab_tie, weight, 0, "How many things the two share"),
    R_INT("initiatives", struct collab_tie, initiatives, 0, "Initiatives both take part in"),
    R_INT("objectives", struct collab_tie, objectives, 0, "Objectives both have commitments to"),
    R_INT("dialogues", struct collab_tie, dialogues, 0, "Dialogues both took part in"),
    R_INT("seminars", struct collab_tie, seminars, 0, "Seminars people of both attended"),
    R_END,
};

static const struct resource tie_res = {
    .name = "NetworkTie",
    .desc = "A tie between two actors, weighted by what they share",
    .fields = tie_fields,
    .size = sizeof(struct collab_tie),
};

#define T struct network_view
static const struct res_field network_fields[] = {
    R_STR("mission", T, mission, RES_NULL, "The mission's slug; null for the whole platform"),
    R_OBJ("summary", R_FIELDS(
        R_INT("actors", T, g.n, 0, NULL),
        R_INT("ties", T, g.m, 0, NULL),
        R_INT("components", T, g.components, 0, "Connected components (an isolated actor is one)"),
        R_INT("cross_sector_ties", T, g.cross, 0, "Ties between actors of two sectors"),
        R_NUM("cross_sector_share", T, cross_share, 0, "Their share of the ties, 0 to 1"),
        R_INT("bridging_actors", T, g.bridging, 0, "Actors with a tie to another sector"),
        R_INT("isolated_actors", T, g.isolated, 0, "Actors without a tie"),
        R_BOOL("betweenness_estimated", T, g.estimated, 0,
               "Betweenness is estimated from some actors' shortest paths rather than all"),
        R_INT("betweenness_sources", T, g.sources, 0, "How many actors the paths are counted from")),
        0, NULL),
    R_ARR("actors", T, g.nodes, g.n, struct collab_actor, R_ITEM_RES(&actor_res), 0, "By id"),
    R_ARR("ties", T, g.ties, g.m, struct collab_tie, R_ITEM_RES(&tie_res), 0, "By source, target"),
    R_STR("graphml", T, graphml, 0, "The same network as GraphML"),
    R_END,
};
#undef T
/* clang-format on */

static const struct resource network_res = {
    .name = "Network",
    .desc = "A collaboration network: actors tied by shared initiatives, commitments to the "
            "same objective, dialogues and seminars together",
    .fields = network_fields,
    .size = sizeof(struct network_view),
};

const struct resource *const api_network_resources[] = {&network_res, &actor_res, &tie_res, NULL};

static enum err
respond(struct req *rq, const struct mission *m)
{
    struct network_view v = {0};
    enum err rc;

    rc = collab_load(rq->db, rq->arena, m != NULL ? m->id : 0, &v.g);
    if (rc)
        return rc;
    v.mission = m != NULL ? m->slug : NULL;
    v.graphml = m != NULL ? url_mission_graphml(rq, m->slug) : url_network_graphml(rq);
    v.cross_share = collab_cross_share(&v.g);
    return res_respond(rq, &network_res, &v);
}

enum err
api_mission_network(struct req *rq)
{
    struct mission m;
    enum err rc;

    rc = mission_get(rq->db, rq->arena, req_str(rq, "slug"), &m);
    if (rc)
        return rc;
    req_shows_mission(rq, m.id);
    return respond(rq, &m);
}

enum err
api_network(struct req *rq)
{
    return respond(rq, NULL);
}
