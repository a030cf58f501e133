/* api.c — placeholder until its issue-2 work is merged. */
#include "web/handlers.h"

enum err
api_missions(struct req *rq)
{
    (void)rq;
    return ERR_NOTFOUND;
}

enum err
api_mission(struct req *rq)
{
    (void)rq;
    return ERR_NOTFOUND;
}

enum err
api_mission_objectives(struct req *rq)
{
    (void)rq;
    return ERR_NOTFOUND;
}

enum err
api_mission_team(struct req *rq)
{
    (void)rq;
    return ERR_NOTFOUND;
}

enum err
api_objective(struct req *rq)
{
    (void)rq;
    return ERR_NOTFOUND;
}

enum err
api_indicators(struct req *rq)
{
    (void)rq;
    return ERR_NOTFOUND;
}

enum err
api_indicator(struct req *rq)
{
    (void)rq;
    return ERR_NOTFOUND;
}

enum err
api_indicator_observations(struct req *rq)
{
    (void)rq;
    return ERR_NOTFOUND;
}

enum err
api_actors(struct req *rq)
{
    (void)rq;
    return ERR_NOTFOUND;
}

enum err
api_actor(struct req *rq)
{
    (void)rq;
    return ERR_NOTFOUND;
}

enum err
api_people(struct req *rq)
{
    (void)rq;
    return ERR_NOTFOUND;
}

enum err
api_person(struct req *rq)
{
    (void)rq;
    return ERR_NOTFOUND;
}

enum err
api_initiatives(struct req *rq)
{
    (void)rq;
    return ERR_NOTFOUND;
}

enum err
api_initiative(struct req *rq)
{
    (void)rq;
    return ERR_NOTFOUND;
}

enum err
api_sdg_goals(struct req *rq)
{
    (void)rq;
    return ERR_NOTFOUND;
}

enum err
api_sdg_goal(struct req *rq)
{
    (void)rq;
    return ERR_NOTFOUND;
}

enum err
api_sdg_targets(struct req *rq)
{
    (void)rq;
    return ERR_NOTFOUND;
}

enum err
api_sdg_indicators(struct req *rq)
{
    (void)rq;
    return ERR_NOTFOUND;
}

