/*
 * api.c — the read-only JSON API, /api/v1/... (routes in routes.c).
 *
 * Every handler loads through the domain loaders (mission.h, indicator.h, ...) and
 * writes through the streaming JSON writer (json.h), so every key and value
 * is escaped and invalid UTF-8 fails the response instead of leaking out.
 * ETags, 304s and the {"error": {...}} objects are web_handle's; a handler
 * returns ERR_NOTFOUND or req_invalid() and never writes an error itself.
 * Never runs SQL, never reads a parameter except through req_str / req_int.
 *
 * Shapes (api_openapi.c documents them and must change with this file):
 *   lists      {"items": [...], "page", "per_page", "total",
 *               "links": {"self", "next", "prev"}} — relative URLs, null at the ends;
 *              a page beyond the end has no items (not an error)
 *   resources  the object itself
 *   goal tree  {"mission": slug, "items": [objective...]}: a flat list in the
 *              mission's order, each objective naming its parent_id (null at the top)
 *   team       {"mission": slug, "items": [member...]}
 *   series     {"indicator_id": id, "items": [observation...]} (bounded, not paged)
 * Bilingual fields are {"sv": ..., "en": ...}; "en" is "" when not translated.
 */
#include <string.h>

#include "core/log.h"
#include "core/str.h"
#include "domain/actor.h"
#include "domain/assess.h"
#include "domain/indicator.h"
#include "domain/initiative.h"
#include "domain/mission.h"
#include "domain/person.h"
#include "domain/sdg.h"
#include "web/handlers.h"
#include "web/i18n.h"
#include "web/json.h"
#include "web/route.h"

#define API_PER_PAGE 20 /* the documented default of per_page */

/* ------------------------------------------------------------ links */

/* prefix + one percent-encoded segment + suffix, in the request's arena */
static const char *
link_seg(struct req *rq, const char *prefix, const char *seg, const char *suffix)
{
    struct buf b;
    const char *s;

    buf_init(&b, 0);
    buf_adds(&b, prefix);
    url_encode(&b, seg);
    if (suffix != NULL)
        buf_adds(&b, suffix);
    s = arena_strndup(rq->arena, b.data, b.len);
    buf_free(&b);
    return s;
}

static const char *
link_id(struct req *rq, const char *prefix, int64_t id, const char *suffix)
{
    return arena_printf(rq->arena, "%s%lld%s", prefix, (long long)id, suffix ? suffix : "");
}

/* ------------------------------------------------------------ paged lists */

struct listing {
    int64_t page, per_page, total;
};

static void
listing_read(struct req *rq, struct listing *ls, struct page *pg)
{
    ls->page = req_int(rq, "page", 1);
    ls->per_page = req_int(rq, "per_page", API_PER_PAGE);
    ls->total = 0;
    pg->limit = ls->per_page;
    pg->offset = (ls->page - 1) * ls->per_page;
}

/*
 * This list at another page: the route's pattern (list routes have no path
 * parameters) with every filter the request carried, percent-encoded, then
 * page and per_page if the route takes them.
 */
static const char *
list_link(struct req *rq, int64_t page, int64_t per_page)
{
    const struct route *r = rq->route;
    const struct pspec *ps;
    bool paged = false;
    const char *s;
    char sep = '?';
    struct buf b;
    int k;

    buf_init(&b, 0);
    buf_adds(&b, r->pattern);
    for (k = 0; k < WEB_MAX_PARAMS && r->params[k].name != NULL; k++) {
        ps = &r->params[k];
        if (ps->in != PIN_QUERY)
            continue;
        if (strcmp(ps->name, "page") == 0 || strcmp(ps->name, "per_page") == 0) {
            paged = true;
            continue;
        }
        if (!rq->params[k].present)
            continue;
        buf_addc(&b, sep);
        sep = '&';
        url_encode(&b, ps->name);
        buf_addc(&b, '=');
        url_encode(&b, rq->params[k].s);
    }
    if (paged)
        buf_printf(&b, "%cpage=%lld&per_page=%lld", sep, (long long)page, (long long)per_page);
    s = arena_strndup(rq->arena, b.data, b.len);
    buf_free(&b);
    return s;
}

static void
list_open(struct json *j, struct req *rq)
{
    json_init(j, &rq->resp.body);
    json_obj_open(j);
    json_key(j, "items");
    json_arr_open(j);
}

static void
list_close(struct json *j, struct req *rq, const struct listing *ls)
{
    int64_t last = ls->total > 0 ? (ls->total + ls->per_page - 1) / ls->per_page : 1;
    int64_t prev = ls->page - 1 < last ? ls->page - 1 : last;

    json_arr_close(j);
    json_kint(j, "page", ls->page);
    json_kint(j, "per_page", ls->per_page);
    json_kint(j, "total", ls->total);
    json_key(j, "links");
    json_obj_open(j);
    json_kstr(j, "self", list_link(rq, ls->page, ls->per_page));
    json_kstr(j, "next", ls->page < last ? list_link(rq, ls->page + 1, ls->per_page) : NULL);
    json_kstr(j, "prev", ls->page > 1 ? list_link(rq, prev, ls->per_page) : NULL);
    json_obj_close(j);
    json_obj_close(j);
}

/* The part of an in-memory list of n that the requested page shows: [*from, *to). */
static void
listing_slice(const struct listing *ls, int n, int *from, int *to)
{
    int64_t f = (ls->page - 1) * ls->per_page, t;

    if (f > n)
        f = n;
    t = f + ls->per_page;
    if (t > n)
        t = n;
    *from = (int)f;
    *to = (int)t;
}

/* ------------------------------------------------------------ small writers */

/*
 * The writer's verdict as a handler result. Its ERR_INVALID (text from the
 * database that is not UTF-8, or broken nesting) is our fault, never the
 * client's: it must give a logged 500, not the 400 that ERR_INVALID means
 * to web_handle.
 */
static enum err
finish(struct json *j, struct req *rq)
{
    enum err rc = json_finish(j);

    if (rc != ERR_INVALID)
        return rc;
    log_msg(LOG_ERROR, "msg=\"json writer refused the response\" route=\"%s\"",
            rq->route ? rq->route->pattern : "");
    return ERR_DB;
}

static void
put_text(struct json *j, const char *k, const char *sv, const char *en)
{
    json_key(j, k);
    json_obj_open(j);
    json_kstr(j, "sv", sv);
    json_kstr(j, "en", en ? en : "");
    json_obj_close(j);
}

static void
put_id_or_null(struct json *j, const char *k, int64_t id)
{
    if (id != 0)
        json_kint(j, k, id);
    else
        json_knull(j, k);
}

/* ------------------------------------------------------------ object writers */

/* "progress": {"status", "score"} — the roll-up of an objective or a mission */
static void
write_progress_summary(struct json *j, enum progress_status st, bool has_score, double score)
{
    json_key(j, "progress");
    json_obj_open(j);
    json_kstr(j, "status", progress_status_name(st));
    if (has_score)
        json_kdbl(j, "score", score);
    else
        json_knull(j, "score");
    json_obj_close(j);
}

static void
write_mission(struct json *j, struct req *rq, const struct mission *m, bool full,
              const struct sdg_target *targets, int n_targets, const struct mission_progress *mp)
{
    int i;

    json_obj_open(j);
    json_kint(j, "id", m->id);
    json_kstr(j, "slug", m->slug);
    put_text(j, "title", m->title_sv, m->title_en);
    put_text(j, "goal", m->goal_sv, m->goal_en);
    put_text(j, "description", m->description_sv, m->description_en);
    json_kstr(j, "deadline", m->deadline);
    json_kint(j, "deadline_year", m->deadline_year);
    json_kint(j, "start_year", m->start_year);
    json_kstr(j, "status", m->status);
    json_kstr(j, "page_owner", m->owner_name);
    json_kbool(j, "is_demo", m->is_demo);
    json_key(j, "counts");
    json_obj_open(j);
    json_kint(j, "objectives", m->n_objectives);
    json_kint(j, "indicators", m->n_indicators);
    json_kint(j, "initiatives", m->n_initiatives);
    json_kint(j, "actors", m->n_actors);
    json_obj_close(j);
    if (mp != NULL)
        write_progress_summary(j, mp->status, mp->has_score, mp->score);
    if (full) {
        json_key(j, "sdg_targets");
        json_arr_open(j);
        for (i = 0; i < n_targets; i++)
            json_str(j, targets[i].code);
        json_arr_close(j);
    }
    json_key(j, "links");
    json_obj_open(j);
    json_kstr(j, "self", link_seg(rq, "/api/v1/missions/", m->slug, NULL));
    json_kstr(j, "html", link_seg(rq, "/missions/", m->slug, NULL));
    json_kstr(j, "objectives", link_seg(rq, "/api/v1/missions/", m->slug, "/objectives"));
    json_kstr(j, "team", link_seg(rq, "/api/v1/missions/", m->slug, "/team"));
    json_kstr(j, "indicators", link_seg(rq, "/api/v1/indicators?mission=", m->slug, NULL));
    json_kstr(j, "initiatives", link_seg(rq, "/api/v1/initiatives?mission=", m->slug, NULL));
    json_obj_close(j);
    json_obj_close(j);
}

/* inds: the mission's indicators; those under o are listed by id */
static void
write_objective(struct json *j, struct req *rq, const struct objective *o, const char *mission_slug,
                const struct indicator *inds, int n_inds, const struct objective_progress *op)
{
    int i;

    json_obj_open(j);
    json_kint(j, "id", o->id);
    json_kstr(j, "mission", mission_slug);
    put_id_or_null(j, "parent_id", o->parent_id);
    json_kdbl(j, "weight", o->weight);
    put_text(j, "title", o->title_sv, o->title_en);
    put_text(j, "description", o->description_sv, o->description_en);
    json_key(j, "indicator_ids");
    json_arr_open(j);
    for (i = 0; i < n_inds; i++)
        if (inds[i].objective_id == o->id)
            json_int(j, inds[i].id);
    json_arr_close(j);
    if (op != NULL)
        write_progress_summary(j, op->status, op->has_score, op->score);
    json_key(j, "links");
    json_obj_open(j);
    json_kstr(j, "self", link_id(rq, "/api/v1/objectives/", o->id, NULL));
    json_kstr(j, "html", link_seg(rq, "/missions/", mission_slug, NULL));
    json_kstr(j, "mission", link_seg(rq, "/api/v1/missions/", mission_slug, NULL));
    json_obj_close(j);
    json_obj_close(j);
}

/* deadline_year: the mission's, for targets that leave their year to it (0: unknown) */
static void
write_indicator(struct json *j, struct req *rq, const struct indicator *ind, int deadline_year,
                const struct indicator_progress *ip)
{
    double abs_value;
    int i, year;

    json_obj_open(j);
    json_kint(j, "id", ind->id);
    json_kstr(j, "mission", ind->mission_slug);
    json_kint(j, "objective_id", ind->objective_id);
    put_text(j, "title", ind->title_sv, ind->title_en);
    put_text(j, "description", ind->description_sv, ind->description_en);
    put_text(j, "unit", ind->unit_sv, ind->unit_en);
    json_kstr(j, "direction", ind->direction);
    json_kint(j, "decimals", ind->decimals);
    json_key(j, "baseline");
    if (ind->has_base) {
        json_obj_open(j);
        json_kint(j, "year", ind->base_year);
        json_kdbl(j, "value", ind->base_value);
        json_obj_close(j);
    } else {
        json_nil(j);
    }
    json_key(j, "target");
    if (ind->has_target && strcmp(ind->target_kind, "none") != 0) {
        json_obj_open(j);
        json_kstr(j, "kind", ind->target_kind);
        json_kdbl(j, "value", ind->target_value);
        json_key(j, "absolute_value");
        if (indicator_target_abs(ind, &abs_value))
            json_dbl(j, abs_value);
        else
            json_nil(j);
        year = ind->target_year ? ind->target_year : deadline_year;
        if (year)
            json_kint(j, "year", year);
        else
            json_knull(j, "year");
        json_obj_close(j);
    } else {
        json_nil(j);
    }
    json_key(j, "limit");
    if (ind->has_limit)
        json_dbl(j, ind->limit_value);
    else
        json_nil(j);
    json_kstr(j, "source", ind->source);
    json_kstr(j, "source_url", ind->source_url);
    json_kdbl(j, "weight", ind->weight);
    json_key(j, "disaggregations");
    json_arr_open(j);
    for (i = 0; i < ind->n_dimensions; i++)
        json_str(j, ind->dimensions[i]);
    json_arr_close(j);
    json_key(j, "latest");
    if (ind->has_latest) {
        json_obj_open(j);
        json_kstr(j, "period", ind->latest_period);
        json_kint(j, "year", ind->latest_year);
        json_kdbl(j, "value", ind->latest_value);
        json_obj_close(j);
    } else {
        json_nil(j);
    }
    json_kint(j, "observation_count", ind->n_observations);
    if (ip != NULL) {
        json_key(j, "progress");
        indicator_progress_json(j, ip);
    }
    json_key(j, "links");
    json_obj_open(j);
    json_kstr(j, "self", link_id(rq, "/api/v1/indicators/", ind->id, NULL));
    json_kstr(j, "html", link_id(rq, "/indicators/", ind->id, NULL));
    json_kstr(j, "observations", link_id(rq, "/api/v1/indicators/", ind->id, "/observations"));
    json_kstr(j, "csv", link_id(rq, "/indicators/", ind->id, "/data.csv"));
    json_kstr(j, "json", link_id(rq, "/indicators/", ind->id, "/data.json"));
    json_obj_close(j);
    json_obj_close(j);
}

/* disagg: canonical "Field=Value" pairs joined by 0x1f ("" for the headline series) */
static void
write_disagg(struct json *j, struct req *rq, const char *disagg)
{
    const char *p = disagg, *end, *eq;

    json_obj_open(j);
    while (*p) {
        end = strchr(p, '\x1f');
        if (end == NULL)
            end = p + strlen(p);
        eq = memchr(p, '=', (size_t)(end - p));
        if (eq != NULL) {
            json_key(j, arena_strndup(rq->arena, p, (size_t)(eq - p)));
            json_str(j, arena_strndup(rq->arena, eq + 1, (size_t)(end - eq - 1)));
        } else if (end > p) {
            json_key(j, arena_strndup(rq->arena, p, (size_t)(end - p)));
            json_str(j, "");
        }
        p = *end ? end + 1 : end;
    }
    json_obj_close(j);
}

static void
write_observation(struct json *j, struct req *rq, const struct observation *o)
{
    json_obj_open(j);
    json_kstr(j, "period", o->period);
    json_kint(j, "year", o->year);
    json_kstr(j, "series", o->series);
    json_kstr(j, "unit", o->unit);
    json_key(j, "disaggregation");
    write_disagg(j, rq, o->disagg);
    json_kdbl(j, "value", o->value);
    json_kstr(j, "source", o->source);
    json_kstr(j, "note", o->note);
    json_obj_close(j);
}

/*
 * A person's fields, without the enclosing braces (team members add theirs).
 * show_contact false: email and phone come out as null (public data minimisation).
 */
static void
write_person_fields(struct json *j, struct req *rq, const struct person *p, bool show_contact)
{
    json_kint(j, "id", p->id);
    json_kstr(j, "name", p->name);
    put_text(j, "title", p->title_sv, p->title_en);
    json_key(j, "actor");
    if (p->actor_id != 0) {
        json_obj_open(j);
        json_kint(j, "id", p->actor_id);
        json_kstr(j, "name", p->actor_name);
        json_obj_close(j);
    } else {
        json_nil(j);
    }
    json_kstr(j, "email", show_contact ? p->email : NULL);
    json_kstr(j, "phone", show_contact ? p->phone : NULL);
    json_key(j, "links");
    json_obj_open(j);
    json_kstr(j, "self", link_id(rq, "/api/v1/people/", p->id, NULL));
    json_obj_close(j);
}

static void
write_person(struct json *j, struct req *rq, const struct person *p)
{
    json_obj_open(j);
    write_person_fields(j, rq, p, true);
    json_obj_close(j);
}

static void
write_actor(struct json *j, struct req *rq, const struct actor *x, bool full,
            const struct person *people, int n_people)
{
    int i;

    json_obj_open(j);
    json_kint(j, "id", x->id);
    json_kstr(j, "slug", x->slug);
    json_kstr(j, "name", x->name);
    json_kstr(j, "orgnr", x->orgnr);
    json_kstr(j, "sector", x->sector);
    json_key(j, "sni");
    if (x->sni != NULL) {
        json_obj_open(j);
        json_kstr(j, "code", x->sni);
        json_kstr(j, "label", x->sni_label);
        json_obj_close(j);
    } else {
        json_nil(j);
    }
    json_key(j, "municipality");
    if (x->municipality != NULL) {
        json_obj_open(j);
        json_kstr(j, "code", x->municipality);
        json_kstr(j, "name", x->municipality_name);
        json_kstr(j, "county", x->county_name);
        json_obj_close(j);
    } else {
        json_nil(j);
    }
    json_kstr(j, "website", x->website);
    put_text(j, "description", x->description_sv, x->description_en);
    json_kint(j, "initiative_count", x->n_initiatives);
    json_kbool(j, "is_demo", x->is_demo);
    if (full) {
        json_key(j, "disciplines");
        json_arr_open(j);
        for (i = 0; i < x->n_disciplines; i++)
            json_str(j, x->disciplines[i]);
        json_arr_close(j);
        json_key(j, "people");
        json_arr_open(j);
        for (i = 0; i < n_people; i++)
            write_person(j, rq, &people[i]);
        json_arr_close(j);
    }
    json_key(j, "links");
    json_obj_open(j);
    json_kstr(j, "self", link_id(rq, "/api/v1/actors/", x->id, NULL));
    json_kstr(j, "html", link_id(rq, "/actors/", x->id, NULL));
    json_obj_close(j);
    json_obj_close(j);
}

static void
write_initiative(struct json *j, struct req *rq, const struct initiative *n, bool full)
{
    int i;

    json_obj_open(j);
    json_kint(j, "id", n->id);
    json_kstr(j, "mission", n->mission_slug);
    json_kstr(j, "slug", n->slug);
    put_text(j, "title", n->title_sv, n->title_en);
    put_text(j, "summary", n->summary_sv, n->summary_en);
    json_kstr(j, "origin", n->origin);
    json_kstr(j, "status", n->status);
    json_key(j, "lead_actor");
    if (n->lead_actor_id != 0) {
        json_obj_open(j);
        json_kint(j, "id", n->lead_actor_id);
        json_kstr(j, "slug", n->lead_actor_slug);
        json_kstr(j, "name", n->lead_actor_name);
        json_obj_close(j);
    } else {
        json_nil(j);
    }
    json_kstr(j, "start_date", n->start_date);
    json_kstr(j, "end_date", n->end_date);
    if (n->has_budget)
        json_kint(j, "budget_sek", n->budget_sek);
    else
        json_knull(j, "budget_sek");
    json_kstr(j, "funding", n->funding);
    put_text(j, "hypotheses", n->hypotheses_sv, n->hypotheses_en);
    put_text(j, "learnings", n->learnings_sv, n->learnings_en);
    json_kbool(j, "is_demo", n->is_demo);
    if (full) {
        json_key(j, "actors");
        json_arr_open(j);
        for (i = 0; i < n->n_actors; i++) {
            json_obj_open(j);
            json_kint(j, "id", n->actors[i].actor_id);
            json_kstr(j, "slug", n->actors[i].actor_slug);
            json_kstr(j, "name", n->actors[i].actor_name);
            json_kstr(j, "sector", n->actors[i].sector);
            json_kstr(j, "role", n->actors[i].role);
            json_obj_close(j);
        }
        json_arr_close(j);
        json_key(j, "objective_ids");
        json_arr_open(j);
        for (i = 0; i < n->n_objectives; i++)
            json_int(j, n->objective_ids[i]);
        json_arr_close(j);
        json_key(j, "sdg_targets");
        json_arr_open(j);
        for (i = 0; i < n->n_sdg_targets; i++)
            json_str(j, n->sdg_targets[i]);
        json_arr_close(j);
    }
    json_key(j, "links");
    json_obj_open(j);
    json_kstr(j, "self", link_id(rq, "/api/v1/initiatives/", n->id, NULL));
    json_kstr(j, "html", link_id(rq, "/initiatives/", n->id, NULL));
    json_kstr(j, "mission", link_seg(rq, "/api/v1/missions/", n->mission_slug, NULL));
    json_obj_close(j);
    json_obj_close(j);
}

static void
write_sdg_goal(struct json *j, struct req *rq, const struct sdg_goal *g, bool full,
               const struct sdg_target *targets, int n_targets)
{
    int i;

    json_obj_open(j);
    json_kint(j, "code", g->code);
    put_text(j, "short", g->short_sv, g->short_en);
    json_kstr(j, "title_en", g->title_en);
    json_kstr(j, "colour", g->colour);
    if (full) {
        json_key(j, "targets");
        json_arr_open(j);
        for (i = 0; i < n_targets; i++) {
            json_obj_open(j);
            json_kstr(j, "code", targets[i].code);
            json_kstr(j, "title_en", targets[i].title_en);
            json_obj_close(j);
        }
        json_arr_close(j);
    }
    json_key(j, "links");
    json_obj_open(j);
    json_kstr(j, "self", link_id(rq, "/api/v1/sdg/goals/", g->code, NULL));
    json_kstr(j, "html", link_id(rq, "/sdg/", g->code, NULL));
    json_obj_close(j);
    json_obj_close(j);
}

/* ------------------------------------------------------------ missions */

/* A mission's goal tree and its progress roll-up. */
struct tree {
    struct objective *objs;
    int n_objs;
    struct indicator *inds;
    int n_inds;
    struct mission_progress mp;
};

static enum err
load_tree(struct req *rq, int64_t mission_id, struct tree *t)
{
    enum err rc;

    rc = mission_objectives(rq->db, rq->arena, mission_id, &t->objs, &t->n_objs);
    if (rc == ERR_OK)
        rc = mission_indicators(rq->db, rq->arena, mission_id, &t->inds, &t->n_inds);
    if (rc == ERR_OK)
        rc = mission_progress_load(rq->db, rq->arena, mission_id, t->objs, t->n_objs, t->inds,
                                   t->n_inds, &t->mp);
    return rc;
}

enum err
api_missions(struct req *rq)
{
    const char *status = req_str(rq, "status");
    struct mission *ms;
    struct listing ls;
    struct page pg;
    struct json j;
    int n, i, k = 0, from, to;
    enum err rc;

    listing_read(rq, &ls, &pg);
    rc = mission_list(rq->db, rq->arena, &ms, &n);
    if (rc)
        return rc;
    /* a handful of missions: filter and page in memory */
    for (i = 0; i < n; i++)
        if (status == NULL || strcmp(ms[i].status, status) == 0)
            ms[k++] = ms[i];
    ls.total = k;
    listing_slice(&ls, k, &from, &to);
    list_open(&j, rq);
    for (i = from; i < to; i++) {
        struct tree t;

        rc = load_tree(rq, ms[i].id, &t);
        if (rc)
            return rc;
        write_mission(&j, rq, &ms[i], false, NULL, 0, &t.mp);
    }
    list_close(&j, rq, &ls);
    return finish(&j, rq);
}

enum err
api_mission(struct req *rq)
{
    struct sdg_target *targets;
    struct mission m;
    struct tree t;
    struct json j;
    int n_targets;
    enum err rc;

    rc = mission_get(rq->db, rq->arena, req_str(rq, "slug"), &m);
    if (rc)
        return rc;
    rc = mission_sdg_targets(rq->db, rq->arena, m.id, &targets, &n_targets);
    if (rc)
        return rc;
    rc = load_tree(rq, m.id, &t);
    if (rc)
        return rc;
    json_init(&j, &rq->resp.body);
    write_mission(&j, rq, &m, true, targets, n_targets, &t.mp);
    return finish(&j, rq);
}

enum err
api_mission_objectives(struct req *rq)
{
    struct objective *objs;
    struct indicator *inds;
    struct mission m;
    struct tree t;
    struct json j;
    int n_objs, n_inds, i;
    enum err rc;

    rc = mission_get(rq->db, rq->arena, req_str(rq, "slug"), &m);
    if (rc)
        return rc;
    rc = load_tree(rq, m.id, &t);
    if (rc)
        return rc;
    objs = t.objs;
    n_objs = t.n_objs;
    inds = t.inds;
    n_inds = t.n_inds;
    json_init(&j, &rq->resp.body);
    json_obj_open(&j);
    json_kstr(&j, "mission", m.slug);
    write_progress_summary(&j, t.mp.status, t.mp.has_score, t.mp.score);
    json_key(&j, "items");
    json_arr_open(&j);
    for (i = 0; i < n_objs; i++)
        write_objective(&j, rq, &objs[i], m.slug, inds, n_inds, &t.mp.objs[i]);
    json_arr_close(&j);
    json_obj_close(&j);
    return finish(&j, rq);
}

enum err
api_mission_team(struct req *rq)
{
    struct team_member *team;
    struct mission m;
    struct json j;
    int n, i;
    enum err rc;

    rc = mission_get(rq->db, rq->arena, req_str(rq, "slug"), &m);
    if (rc)
        return rc;
    rc = mission_team(rq->db, rq->arena, m.id, &team, &n);
    if (rc)
        return rc;
    json_init(&j, &rq->resp.body);
    json_obj_open(&j);
    json_kstr(&j, "mission", m.slug);
    json_key(&j, "items");
    json_arr_open(&j);
    for (i = 0; i < n; i++) {
        json_obj_open(&j);
        write_person_fields(&j, rq, &team[i].person, team[i].is_contact);
        json_kstr(&j, "role", team[i].role);
        json_kbool(&j, "is_contact", team[i].is_contact);
        json_obj_close(&j);
    }
    json_arr_close(&j);
    json_obj_close(&j);
    return finish(&j, rq);
}

enum err
api_objective(struct req *rq)
{
    struct indicator *inds;
    struct objective o;
    struct mission m;
    struct tree t;
    struct json j;
    int n_inds, k;
    enum err rc;

    rc = objective_get(rq->db, rq->arena, req_int(rq, "id", 0), &o);
    if (rc)
        return rc;
    rc = mission_get_id(rq->db, rq->arena, o.mission_id, &m);
    if (rc)
        return rc;
    rc = load_tree(rq, m.id, &t);
    if (rc)
        return rc;
    inds = t.inds;
    n_inds = t.n_inds;
    for (k = 0; k < t.n_objs && t.objs[k].id != o.id; k++)
        ;
    json_init(&j, &rq->resp.body);
    write_objective(&j, rq, &o, m.slug, inds, n_inds, k < t.n_objs ? &t.mp.objs[k] : NULL);
    return finish(&j, rq);
}

/* ------------------------------------------------------------ indicators */

enum err
api_indicators(struct req *rq)
{
    const char *slug = req_str(rq, "mission");
    struct indicator *inds;
    struct mission m;
    struct listing ls;
    struct page pg;
    struct json j;
    int n, i;
    enum err rc;

    listing_read(rq, &ls, &pg);
    m.id = 0;
    if (slug != NULL) {
        rc = mission_get(rq->db, rq->arena, slug, &m);
        if (rc == ERR_NOTFOUND)
            return req_invalid(rq, "mission", _("There is no mission with this slug."));
        if (rc)
            return rc;
    }
    rc = indicator_list(rq->db, rq->arena, m.id, &pg, &inds, &n, &ls.total);
    if (rc)
        return rc;
    for (i = 0; i < n; i++) {
        rc = indicator_load_dimensions(rq->db, rq->arena, &inds[i]);
        if (rc)
            return rc;
    }
    list_open(&j, rq);
    for (i = 0; i < n; i++) {
        struct indicator_progress ip;

        rc = indicator_progress_load(rq->db, rq->arena, &inds[i], &ip);
        if (rc)
            return rc;
        write_indicator(&j, rq, &inds[i], inds[i].mission_deadline_year, &ip);
    }
    list_close(&j, rq, &ls);
    return finish(&j, rq);
}

enum err
api_indicator(struct req *rq)
{
    struct indicator_progress ip;
    struct indicator ind;
    struct json j;
    enum err rc;

    rc = indicator_get(rq->db, rq->arena, req_int(rq, "id", 0), &ind);
    if (rc)
        return rc;
    rc = indicator_progress_load(rq->db, rq->arena, &ind, &ip);
    if (rc)
        return rc;
    json_init(&j, &rq->resp.body);
    write_indicator(&j, rq, &ind, ind.mission_deadline_year, &ip);
    return finish(&j, rq);
}

enum err
api_indicator_observations(struct req *rq)
{
    struct observation *obs;
    struct indicator ind;
    struct json j;
    int n, i;
    enum err rc;

    rc = indicator_get(rq->db, rq->arena, req_int(rq, "id", 0), &ind);
    if (rc)
        return rc;
    rc = indicator_observations(rq->db, rq->arena, ind.id, &obs, &n);
    if (rc)
        return rc;
    json_init(&j, &rq->resp.body);
    json_obj_open(&j);
    json_kint(&j, "indicator_id", ind.id);
    json_key(&j, "items");
    json_arr_open(&j);
    for (i = 0; i < n; i++)
        write_observation(&j, rq, &obs[i]);
    json_arr_close(&j);
    json_obj_close(&j);
    return finish(&j, rq);
}

/* ------------------------------------------------------------ actors and people */

enum err
api_actors(struct req *rq)
{
    struct actor *xs;
    struct listing ls;
    struct page pg;
    struct json j;
    int n, i;
    enum err rc;

    listing_read(rq, &ls, &pg);
    rc = actor_list(rq->db, rq->arena, req_str(rq, "sector"), &pg, &xs, &n, &ls.total);
    if (rc)
        return rc;
    list_open(&j, rq);
    for (i = 0; i < n; i++)
        write_actor(&j, rq, &xs[i], false, NULL, 0);
    list_close(&j, rq, &ls);
    return finish(&j, rq);
}

enum err
api_actor(struct req *rq)
{
    struct person *people;
    struct actor x;
    struct json j;
    int n_people;
    enum err rc;

    rc = actor_get(rq->db, rq->arena, req_int(rq, "id", 0), &x);
    if (rc)
        return rc;
    rc = actor_people(rq->db, rq->arena, x.id, &people, &n_people);
    if (rc)
        return rc;
    json_init(&j, &rq->resp.body);
    write_actor(&j, rq, &x, true, people, n_people);
    return finish(&j, rq);
}

enum err
api_people(struct req *rq)
{
    struct person *ps;
    struct listing ls;
    struct page pg;
    struct json j;
    int n, i;
    enum err rc;

    listing_read(rq, &ls, &pg);
    rc = person_list(rq->db, rq->arena, &pg, &ps, &n, &ls.total);
    if (rc)
        return rc;
    list_open(&j, rq);
    for (i = 0; i < n; i++)
        write_person(&j, rq, &ps[i]);
    list_close(&j, rq, &ls);
    return finish(&j, rq);
}

enum err
api_person(struct req *rq)
{
    struct person p;
    struct json j;
    enum err rc;

    rc = person_get(rq->db, rq->arena, req_int(rq, "id", 0), &p);
    if (rc)
        return rc;
    json_init(&j, &rq->resp.body);
    write_person(&j, rq, &p);
    return finish(&j, rq);
}

/* ------------------------------------------------------------ initiatives */

enum err
api_initiatives(struct req *rq)
{
    const char *slug = req_str(rq, "mission");
    struct initiative_filter f;
    struct initiative *ns;
    struct listing ls;
    struct mission m;
    struct page pg;
    struct json j;
    int n, i;
    enum err rc;

    listing_read(rq, &ls, &pg);
    memset(&f, 0, sizeof(f));
    if (slug != NULL) {
        rc = mission_get(rq->db, rq->arena, slug, &m);
        if (rc == ERR_NOTFOUND)
            return req_invalid(rq, "mission", _("There is no mission with this slug."));
        if (rc)
            return rc;
        f.mission_id = m.id;
    }
    f.origin = req_str(rq, "origin");
    f.status = req_str(rq, "status");
    f.sector = req_str(rq, "sector");
    f.sdg_goal = (int)req_int(rq, "sdg", 0);
    rc = initiative_list(rq->db, rq->arena, &f, &pg, &ns, &n, &ls.total);
    if (rc)
        return rc;
    list_open(&j, rq);
    for (i = 0; i < n; i++)
        write_initiative(&j, rq, &ns[i], false);
    list_close(&j, rq, &ls);
    return finish(&j, rq);
}

enum err
api_initiative(struct req *rq)
{
    struct initiative n;
    struct json j;
    enum err rc;

    rc = initiative_get(rq->db, rq->arena, req_int(rq, "id", 0), &n);
    if (rc)
        return rc;
    json_init(&j, &rq->resp.body);
    write_initiative(&j, rq, &n, true);
    return finish(&j, rq);
}

/* ------------------------------------------------------------ SDG reference data */

enum err
api_sdg_goals(struct req *rq)
{
    struct sdg_goal *gs;
    struct listing ls;
    struct page pg;
    struct json j;
    int n, i, from, to;
    enum err rc;

    listing_read(rq, &ls, &pg);
    rc = sdg_goals(rq->db, rq->arena, &gs, &n);
    if (rc)
        return rc;
    ls.total = n;
    listing_slice(&ls, n, &from, &to);
    list_open(&j, rq);
    for (i = from; i < to; i++)
        write_sdg_goal(&j, rq, &gs[i], false, NULL, 0);
    list_close(&j, rq, &ls);
    return finish(&j, rq);
}

enum err
api_sdg_goal(struct req *rq)
{
    struct sdg_target *targets;
    struct sdg_goal g;
    struct json j;
    int n_targets;
    enum err rc;

    rc = sdg_goal_get(rq->db, rq->arena, (int)req_int(rq, "goal", 0), &g);
    if (rc)
        return rc;
    rc = sdg_goal_targets(rq->db, rq->arena, g.code, &targets, &n_targets);
    if (rc)
        return rc;
    json_init(&j, &rq->resp.body);
    write_sdg_goal(&j, rq, &g, true, targets, n_targets);
    return finish(&j, rq);
}

enum err
api_sdg_targets(struct req *rq)
{
    struct sdg_target *ts;
    struct listing ls;
    struct page pg;
    struct json j;
    int n, i;
    enum err rc;

    listing_read(rq, &ls, &pg);
    rc = sdg_target_list(rq->db, rq->arena, (int)req_int(rq, "goal", 0), &pg, &ts, &n, &ls.total);
    if (rc)
        return rc;
    list_open(&j, rq);
    for (i = 0; i < n; i++) {
        json_obj_open(&j);
        json_kstr(&j, "code", ts[i].code);
        json_kint(&j, "goal", ts[i].goal);
        json_kstr(&j, "title_en", ts[i].title_en);
        json_obj_close(&j);
    }
    list_close(&j, rq, &ls);
    return finish(&j, rq);
}

enum err
api_sdg_indicators(struct req *rq)
{
    struct sdg_indicator *xs;
    struct listing ls;
    struct page pg;
    struct json j;
    int n, i;
    enum err rc;

    listing_read(rq, &ls, &pg);
    rc =
        sdg_indicator_list(rq->db, rq->arena, (int)req_int(rq, "goal", 0), &pg, &xs, &n, &ls.total);
    if (rc)
        return rc;
    list_open(&j, rq);
    for (i = 0; i < n; i++) {
        json_obj_open(&j);
        json_kstr(&j, "code", xs[i].code);
        json_kstr(&j, "target", xs[i].target);
        json_kint(&j, "goal", xs[i].goal);
        json_kstr(&j, "title_en", xs[i].title_en);
        json_kstr(&j, "unsd_code", xs[i].unsd_code);
        json_kstr(&j, "status_2025", xs[i].status_2025);
        json_obj_close(&j);
    }
    list_close(&j, rq, &ls);
    return finish(&j, rq);
}
