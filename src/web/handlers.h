/*
 * handlers.h — every request handler named in the route table (routes.c).
 * A handler writes rq->resp (status 200 and body by default) and returns
 * ERR_OK, or returns an error for web_handle to render: ERR_NOTFOUND -> 404,
 * ERR_INVALID -> the refusal set by req_invalid (400) or req_refuse (401, 403,
 * 404, 413, 422; see enum refusal), ERR_BUSY -> 503, anything else -> 500 (logged,
 * generic page). A handler never writes an error response itself.
 */
#ifndef WEB_HANDLERS_H
#define WEB_HANDLERS_H

#include "web/web.h"

/* pages (page_*.c) */
enum err page_index(struct req *rq);
enum err page_mission(struct req *rq);
enum err page_indicator(struct req *rq);
enum err page_initiative(struct req *rq);
enum err page_initiatives(struct req *rq);
enum err page_actor(struct req *rq);
enum err page_actors(struct req *rq);
enum err page_sdg_index(struct req *rq);
enum err page_sdg_goal(struct req *rq);
/* accounts (page_account.c) */
enum err page_sign_in(struct req *rq);
enum err post_sign_in(struct req *rq);
enum err page_sign_in_code(struct req *rq);
enum err post_sign_in_code(struct req *rq);
enum err post_sign_in_new_key(struct req *rq);
enum err page_sign_up(struct req *rq);
enum err post_sign_up(struct req *rq);
enum err post_sign_out(struct req *rq);
enum err page_account(struct req *rq);
enum err page_password(struct req *rq);
enum err post_password(struct req *rq);
/* missions and their goal trees, edited (edit_mission.c, edit_indicator.c) */
enum err page_mission_new(struct req *rq);
enum err post_mission_new(struct req *rq);
enum err page_mission_edit(struct req *rq);
enum err post_mission_edit(struct req *rq);
enum err page_mission_archive(struct req *rq);
enum err post_mission_archive(struct req *rq);
enum err page_mission_sdg(struct req *rq);
enum err post_mission_sdg(struct req *rq);
enum err page_team(struct req *rq);
enum err post_team_add(struct req *rq);
enum err post_team_update(struct req *rq);
enum err post_team_remove(struct req *rq);
enum err page_objective_new(struct req *rq);
enum err post_objective_new(struct req *rq);
enum err page_objective_edit(struct req *rq);
enum err post_objective_edit(struct req *rq);
enum err page_objective_archive(struct req *rq);
enum err post_objective_archive(struct req *rq);
enum err page_indicator_new(struct req *rq);
enum err post_indicator_new(struct req *rq);
enum err page_indicator_edit(struct req *rq);
enum err post_indicator_edit(struct req *rq);
enum err page_indicator_settings(struct req *rq);
enum err post_indicator_settings(struct req *rq);
enum err page_indicator_archive(struct req *rq);
enum err post_indicator_archive(struct req *rq);
/* an indicator's observations in the browser (page_data.c) */
enum err page_data_edit(struct req *rq);
enum err post_data_value(struct req *rq);
enum err post_data_remove(struct req *rq);
enum err post_data_upload(struct req *rq);
struct html;
struct indicator;
/* On the indicator page, for who may write its data only: the link to the data page, and
 * after an upload (?stored=N) how many observations were stored. */
void data_offer(struct req *rq, struct html *h, const struct indicator *ind);
/* the registry's forms: actors (edit_actor.c) */
enum err page_actor_new(struct req *rq);
enum err post_actor_new(struct req *rq);
enum err page_actor_edit(struct req *rq);
enum err post_actor_edit(struct req *rq);
enum err page_actor_archive(struct req *rq);
enum err post_actor_archive(struct req *rq);
/* ... people (edit_person.c, with their public page) */
enum err page_person(struct req *rq);
enum err page_person_new(struct req *rq);
enum err post_person_new(struct req *rq);
enum err page_person_edit(struct req *rq);
enum err post_person_edit(struct req *rq);
enum err page_person_archive(struct req *rq);
enum err post_person_archive(struct req *rq);
/* ... top-down initiatives (edit_initiative.c) */
enum err page_initiative_choose(struct req *rq);
enum err page_initiative_new(struct req *rq);
enum err post_initiative_new(struct req *rq);
enum err page_initiative_edit(struct req *rq);
enum err post_initiative_edit(struct req *rq);
enum err page_initiative_archive(struct req *rq);
enum err post_initiative_archive(struct req *rq);
/* ... commitments (page_commitment.c, with their public pages) */
enum err page_commitments(struct req *rq);
enum err page_commitment(struct req *rq);
enum err page_commitment_new(struct req *rq);
enum err post_commitment_new(struct req *rq);
enum err page_commitment_edit(struct req *rq);
enum err post_commitment_edit(struct req *rq);
enum err post_commitment_status(struct req *rq);
/* ... a mission's portfolio (page_portfolio.c, api_portfolio.c) */
enum err page_portfolio(struct req *rq);
enum err file_portfolio_matrix(struct req *rq);
enum err file_portfolio_gaps(struct req *rq);
enum err api_mission_portfolio(struct req *rq);
enum err page_reset(struct req *rq);
/* ... and in the API (api_commitment.c) */
enum err api_mission_commitments(struct req *rq);
enum err api_mission_commitment_gaps(struct req *rq);
enum err api_commitment(struct req *rq);
enum err api_commitment_create(struct req *rq);
enum err api_commitment_update(struct req *rq);
enum err api_commitment_status(struct req *rq);

/* ... the learning log and the portfolio reviews (page_learning.c) */
enum err page_learning(struct req *rq);
enum err page_learning_entry(struct req *rq);
enum err page_learning_new(struct req *rq);
enum err post_learning_new(struct req *rq);
enum err page_learning_edit(struct req *rq);
enum err post_learning_edit(struct req *rq);
enum err page_review_new(struct req *rq);
enum err post_review_new(struct req *rq);
enum err page_review_edit(struct req *rq);
enum err post_review_edit(struct req *rq);

/* ... and in the API (api_learning.c) */
enum err api_mission_learning(struct req *rq);
enum err api_learning_entry(struct req *rq);
enum err api_mission_reviews(struct req *rq);
enum err api_review(struct req *rq);
enum err api_learning_create(struct req *rq);
enum err api_learning_update(struct req *rq);
enum err api_review_create(struct req *rq);
enum err api_review_update(struct req *rq);
enum err post_reset(struct req *rq);
enum err page_reset_link(struct req *rq);
enum err post_reset_link(struct req *rq);
/* two-factor sign-in (page_mfa.c) */
enum err page_two_factor(struct req *rq);
enum err post_two_factor_begin(struct req *rq);
enum err post_two_factor_confirm(struct req *rq);
enum err post_two_factor_recovery(struct req *rq);
enum err post_two_factor_disable(struct req *rq);
/* the user's own API tokens (page_tokens.c) */
enum err page_tokens(struct req *rq);
enum err post_tokens(struct req *rq);
enum err post_token_revoke(struct req *rq);
/* roles (page_roles.c) */
enum err post_actor_represent(struct req *rq);
enum err page_admin_requests(struct req *rq);
enum err post_representative_confirm(struct req *rq);
enum err post_representative_revoke(struct req *rq);
/* the admins' account pages (page_admin.c) */
enum err page_admin_users(struct req *rq);
enum err page_admin_user(struct req *rq);
enum err post_admin_grant(struct req *rq);
enum err post_admin_revoke(struct req *rq);
enum err post_coordinator_assign(struct req *rq);
enum err post_coordinator_remove(struct req *rq);
enum err page_admin_disable(struct req *rq);
enum err post_admin_disable(struct req *rq);
/* the site's own pages and their settings (page_site.c) */
enum err page_about(struct req *rq);
enum err page_contact(struct req *rq);
enum err page_site_edit(struct req *rq);
enum err post_site_edit(struct req *rq);
/* JSON API, the site's settings (api_site.c) */
enum err api_site(struct req *rq);
enum err api_site_update(struct req *rq);
/* personal data (page_privacy.c) */
enum err page_account_data(struct req *rq);
enum err file_account_data(struct req *rq);
enum err post_account_data_delete(struct req *rq);
enum err page_admin_erase(struct req *rq);
enum err post_admin_erase(struct req *rq);
/* proposals (page_proposal.c) and history (page_history.c) */
enum err page_proposal_new(struct req *rq);
enum err post_proposal_new(struct req *rq);
enum err page_proposals_mine(struct req *rq);
enum err page_proposal_resubmit(struct req *rq);
enum err post_proposal_resubmit(struct req *rq);
enum err page_review_queue(struct req *rq);
enum err post_review_changes(struct req *rq);
enum err page_review_accept(struct req *rq);
enum err post_review_accept(struct req *rq);
enum err page_review_decline(struct req *rq);
enum err post_review_decline(struct req *rq);
enum err page_mission_history(struct req *rq);
enum err page_initiative_history(struct req *rq);
/* Not a handler: whether a mission's public page offers its "Propose an initiative" (a
 * signed-in representative of an actor the table lets propose to mission_id); reads
 * nothing for a visitor without a session. */
bool proposal_offers_submit(struct req *rq, int64_t mission_id);
/* Not handlers, shared by the proposals' forms and API (api_proposal.c): the e-mail of a
 * step (what: the step in words, such as "Changes were asked for"; comment: NULL or ""
 * for none), translated in the request's language, in its arena: to the proposer and the
 * mission's coordinators (the domain sends it); and for a proposal that names no lead
 * actor, the first actor the caller may propose for to mission_id (0: none), so that who
 * asks is told whether they may propose at all before being asked which actor. */
struct proposal_notice;
void proposal_notice_for(struct req *rq, struct proposal_notice *n, const char *title,
                         const char *mission_title, const char *what, const char *comment);
/* downloads (page_indicator.c) */
enum err file_indicator_csv(struct req *rq);
enum err file_indicator_json(struct req *rq);
/* The indicator's mission is the one the response shows (req_shows_mission); ERR_NOTFOUND
 * for no such indicator. */
enum err shows_mission_of(struct req *rq, int64_t indicator_id);
/* file_describe.c */
enum err file_indicator_datapackage(struct req *rq);
/* downloads.c: the open-data page and the bulk package (domain/bulk.h) */
enum err page_open_data(struct req *rq);
enum err file_bulk_zip(struct req *rq);
/* the collaboration network (page_network.c): pages and GraphML, per mission and the
 * platform's */
enum err page_mission_network(struct req *rq);
enum err page_network(struct req *rq);
enum err file_mission_graphml(struct req *rq);
enum err file_network_graphml(struct req *rq);
/* the Atom feeds (file_feed.c, domain/feed.h): a mission's and the platform's */
enum err file_mission_feed(struct req *rq);
enum err file_platform_feed(struct req *rq);
/* operations and assets (ops.c) */
enum err ops_health_probe(struct req *rq);
enum err file_style_css(struct req *rq);
enum err ops_robots_txt(struct req *rq);

/* JSON API, read: one file per entity (their shapes: api.h) */
enum err api_missions(struct req *rq); /* api_mission.c */
enum err api_mission(struct req *rq);
enum err api_mission_team(struct req *rq);
enum err api_mission_network(struct req *rq); /* api_network.c */
enum err api_network(struct req *rq);
enum err api_mission_objectives(struct req *rq); /* api_indicator.c */
enum err api_objective(struct req *rq);
enum err api_indicators(struct req *rq);
enum err api_indicator(struct req *rq);
enum err api_indicator_observations(struct req *rq);
enum err api_actors(struct req *rq); /* api_actor.c */
enum err api_actor(struct req *rq);
enum err api_people(struct req *rq); /* api_person.c */
enum err api_person(struct req *rq);
enum err api_initiatives(struct req *rq); /* api_initiative.c */
enum err api_initiative(struct req *rq);
/* JSON API, the goal tree's writes (api_edit_mission.c) */
enum err api_mission_create(struct req *rq);
enum err api_mission_update(struct req *rq);
enum err api_mission_archive(struct req *rq);
enum err api_mission_sdg(struct req *rq);
enum err api_team_add(struct req *rq);
enum err api_team_update(struct req *rq);
enum err api_team_remove(struct req *rq);
enum err api_objective_create(struct req *rq);
enum err api_objective_update(struct req *rq);
enum err api_objective_archive(struct req *rq);
enum err api_indicator_create(struct req *rq);
enum err api_indicator_update(struct req *rq);
enum err api_indicator_archive(struct req *rq);
enum err api_sdg_goals(struct req *rq); /* api_sdg.c */
enum err api_sdg_goal(struct req *rq);
enum err api_sdg_targets(struct req *rq);
enum err api_sdg_indicators(struct req *rq);
enum err api_openapi(struct req *rq); /* api_openapi.c */
enum err api_me(struct req *rq);      /* api_principal.c */

/* JSON API, the registry's writes (api_edit.c) */
enum err api_actor_create(struct req *rq);
enum err api_actor_update(struct req *rq);
enum err api_actor_archive(struct req *rq);
enum err api_person_create(struct req *rq);
enum err api_person_update(struct req *rq);
enum err api_person_archive(struct req *rq);
enum err api_initiative_create(struct req *rq);
enum err api_initiative_update(struct req *rq);
enum err api_initiative_archive(struct req *rq);
/* JSON API, proposals and their review (api_proposal.c) */
enum err api_proposal_create(struct req *rq);
enum err api_mission_proposals(struct req *rq);
enum err api_proposals_mine(struct req *rq);
enum err api_proposal_get(struct req *rq);
enum err api_proposal_update(struct req *rq);
enum err api_proposal_review(struct req *rq);

/* JSON API, write (api_write.c) */
enum err api_indicator_data_post(struct req *rq);
enum err api_indicator_patch(struct req *rq);

/* page_dialogue.c: a mission's dialogues, one dialogue, their forms; an actor's history */
enum err page_mission_dialogues(struct req *rq);
enum err page_dialogue(struct req *rq);
enum err page_dialogue_new(struct req *rq);
enum err post_dialogue_new(struct req *rq);
enum err page_dialogue_edit(struct req *rq);
enum err post_dialogue_edit(struct req *rq);
enum err post_follow_up_done(struct req *rq);
void page_dialogue_history(struct req *rq, struct html *h, int64_t actor_id);
/* page_seminar.c: seminars across missions and of one, a seminar, registration and its
 * cancel link, the coordinators' forms, registrations, attendance and CSV; the iCalendar
 * feeds; the mission page's current seminars and an actor's attendance */
enum err page_seminars(struct req *rq);
enum err page_seminars_past(struct req *rq);
enum err page_mission_seminars(struct req *rq);
enum err page_seminar(struct req *rq);
enum err page_seminar_register(struct req *rq);
enum err post_seminar_register(struct req *rq);
enum err page_seminar_cancel(struct req *rq);
enum err post_seminar_cancel(struct req *rq);
enum err page_seminar_new(struct req *rq);
enum err post_seminar_new(struct req *rq);
enum err page_seminar_edit(struct req *rq);
enum err post_seminar_edit(struct req *rq);
enum err page_seminar_registrations(struct req *rq);
enum err post_seminar_attendance(struct req *rq);
enum err file_seminar_registrations(struct req *rq);
enum err file_seminar_ics(struct req *rq);
enum err file_mission_seminars_ics(struct req *rq);
enum err file_seminars_ics(struct req *rq);
void page_seminar_current(struct req *rq, struct html *h, int64_t mission_id, const char *slug);
void page_seminar_history(struct req *rq, struct html *h, int64_t actor_id);
/* api_seminar.c */
enum err api_seminars(struct req *rq);
enum err api_seminar(struct req *rq);
enum err api_seminar_create(struct req *rq);
enum err api_seminar_update(struct req *rq);
/* api_dialogue.c */
enum err api_mission_dialogues(struct req *rq);
enum err api_dialogue(struct req *rq);
enum err api_dialogue_create(struct req *rq);
enum err api_dialogue_update(struct req *rq);

#endif
