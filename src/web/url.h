/*
 * url.h — URL builders. Every href and src a view writes comes from here:
 * each path segment and query value is percent-encoded, and the language
 * chosen with ?lang= is carried on. Results live in the request's arena.
 */
#ifndef WEB_URL_H
#define WEB_URL_H

#include <stdbool.h>
#include <stdint.h>

#include "web/web.h"

char *url_home(const struct req *rq);
char *url_mission(const struct req *rq, const char *slug);
char *url_indicator(const struct req *rq, int64_t id);
char *url_indicator_data(const struct req *rq, int64_t id, const char *ext); /* "csv" | "json" */
/* the CSV's Frictionless Data Package descriptor (file_describe.c) */
char *url_indicator_datapackage(const struct req *rq, int64_t id);
/* The data page of an indicator and its three forms' addresses (page_data.c); the
 * indicator page after an upload, saying how many rows were stored. */
char *url_indicator_data_edit(const struct req *rq, int64_t id);
char *url_indicator_data_value(const struct req *rq, int64_t id);
char *url_indicator_data_remove(const struct req *rq, int64_t id);
char *url_indicator_data_upload(const struct req *rq, int64_t id);
char *url_indicator_stored(const struct req *rq, int64_t id, long rows);
char *url_initiative(const struct req *rq, int64_t id);
char *url_initiatives(const struct req *rq, const char *mission_slug, const char *origin);
char *url_actor(const struct req *rq, int64_t id);
char *url_actors(const struct req *rq, const char *sector);
char *url_sdg_index(const struct req *rq);
/* The site's own pages (page_site.c): "About missions", the contact, and their admins' form. */
char *url_about(const struct req *rq);
char *url_contact(const struct req *rq);
char *url_site_edit(const struct req *rq);
/* The open-data page (downloads.c): the licence, the bulk package, the API. */
char *url_open_data(const struct req *rq);
/* The bulk package (downloads.c, file_bulk_zip): one file whatever the page's language, so
 * a fixed address without ?lang= (which would make a second cached copy of it). */
#define DATA_BULK_PATH "/data/samverka-data.zip"
char *url_sdg_goal(const struct req *rq, int goal);
/* The API resource behind a page: no ?lang= (the API is bilingual); the slug encoded. */
char *url_api_mission(const struct req *rq, const char *slug);
char *url_api_indicator(const struct req *rq, int64_t id);
/* The account pages. url_sign_in: next (NULL: none) is a path of this site to return to
 * after signing in, ended says that a session has ended (the page says so). */
char *url_sign_in(const struct req *rq, const char *next, bool ended);
char *url_sign_up(const struct req *rq);
/* The second step of a sign-in, and its "new key" form. */
char *url_sign_in_code(const struct req *rq);
char *url_sign_in_new_key(const struct req *rq);
char *url_sign_out(const struct req *rq);
char *url_account(const struct req *rq);
char *url_password(const struct req *rq);
/* The editing pages of a mission and its goal tree (edit_mission.c, edit_indicator.c). */
char *url_mission_new(const struct req *rq);
char *url_mission_edit(const struct req *rq, const char *slug);
char *url_mission_archive(const struct req *rq, const char *slug);
char *url_mission_sdg(const struct req *rq, const char *slug);
char *url_objective_new(const struct req *rq, const char *mission_slug);
char *url_objective_edit(const struct req *rq, int64_t id);
char *url_objective_archive(const struct req *rq, int64_t id);
char *url_indicator_new(const struct req *rq, const char *mission_slug);
char *url_indicator_edit(const struct req *rq, int64_t id);
char *url_indicator_archive(const struct req *rq, int64_t id);
char *url_indicator_settings(const struct req *rq, int64_t id);
char *url_team(const struct req *rq, const char *mission_slug);
char *url_team_member(const struct req *rq, const char *mission_slug, int64_t person_id);
char *url_team_remove(const struct req *rq, const char *mission_slug, int64_t person_id);
/* The registry's forms (edit_actor.c, edit_person.c, edit_initiative.c): adding, editing
 * and archiving actors, people and initiatives. url_initiative_new: the form of the mission
 * mission_slug (NULL: the page choosing a mission). */
char *url_actor_new(const struct req *rq);
char *url_actor_edit(const struct req *rq, int64_t id);
char *url_actor_archive(const struct req *rq, int64_t id);
char *url_person(const struct req *rq, int64_t id);
char *url_person_new(const struct req *rq, int64_t actor_id);
char *url_person_edit(const struct req *rq, int64_t id);
char *url_person_archive(const struct req *rq, int64_t id);
char *url_initiative_new(const struct req *rq, const char *mission_slug);
char *url_initiative_edit(const struct req *rq, int64_t id);
char *url_initiative_archive(const struct req *rq, int64_t id);
/* The account's self-service (page_account.c, page_mfa.c, page_tokens.c, page_roles.c,
 * page_privacy.c). url_reset: the "forgot your password" form (sent: its "link sent" page);
 * url_reset_link: a reset link's page; url_sign_in_reset: sign-in saying the password was
 * reset; url_two_factor: the two-factor page, or one of its steps (a path segment);
 * url_admin_user: an account's page for admins, or one of its actions (NULL: none; a
 * literal path tail such as "admin/revoke", never user input);
 * url_account_data: "/account/data" and suffix (".json", "/delete"; NULL: none). */
char *url_reset(const struct req *rq, bool sent);
char *url_reset_link(const struct req *rq, const char *token);
char *url_sign_in_reset(const struct req *rq);
char *url_two_factor(const struct req *rq, const char *step);
char *url_tokens(const struct req *rq);
char *url_token_revoke(const struct req *rq, int64_t id);
char *url_actor_represent(const struct req *rq, int64_t actor_id);
char *url_admin_requests(const struct req *rq);
char *url_admin_users(const struct req *rq, int64_t page);
char *url_admin_user(const struct req *rq, int64_t user_id, const char *action);
char *url_admin_coordinator_remove(const struct req *rq, int64_t user_id, int64_t mission_id);
char *url_account_data(const struct req *rq, const char *suffix);
/* A decision on a request to represent an actor: action "confirm" or "revoke". */
char *url_representative(const struct req *rq, int64_t actor_id, int64_t user_id,
                         const char *action);
/* Proposals and history (page_proposal.c, page_history.c): a mission's proposal form,
 * review queue and history; an initiative's resubmission form, review steps (what:
 * "changes", "accept" or "decline") and history; the account's own proposals. */
char *url_propose(const struct req *rq, const char *mission_slug);
char *url_review_queue(const struct req *rq, const char *mission_slug);
char *url_mission_history(const struct req *rq, const char *mission_slug);
char *url_resubmit(const struct req *rq, int64_t initiative_id);
char *url_review(const struct req *rq, int64_t initiative_id, const char *what);
char *url_initiative_history(const struct req *rq, int64_t initiative_id);
char *url_my_proposals(const struct req *rq);
/* A path of this site that a sign-in may return to: starts with one '/', no "//", no
 * backslash or control character (never another site: no open redirect). */
bool url_is_local_path(const char *s);
/* The current page in another language. */
char *url_lang(const struct req *rq, enum lang lang);
/* A page of a paged list: path with page=N, keeping the given (name, value) pairs, NULL-terminated.
 */
char *url_paged(const struct req *rq, const char *path, int64_t page, ...)
    __attribute__((sentinel));

/* "mailto:local@domain", both parts percent-encoded, or NULL unless addr is exactly one
 * address (one @, text on both sides, no space, quote, angle bracket or control). */
char *url_mailto(const struct req *rq, const char *addr);

/* Commitments (page_commitment.c): a mission's list (url_commitments_page: of one status,
 * NULL any, and a page past the first), its form to commit, one commitment, its edit form
 * and the post of a status move. */
char *url_commitments(const struct req *rq, const char *mission_slug);
char *url_commitments_page(const struct req *rq, const char *mission_slug, const char *status,
                           int64_t page);
char *url_commitment_new(const struct req *rq, const char *mission_slug);
char *url_commitment(const struct req *rq, int64_t id);
char *url_commitment_edit(const struct req *rq, int64_t id);
char *url_commitment_status(const struct req *rq, int64_t id);
/* The collaboration network (page_network.c): a mission's page and GraphML file, the
 * platform's. */
char *url_mission_network(const struct req *rq, const char *mission_slug);
char *url_mission_graphml(const struct req *rq, const char *mission_slug);
char *url_network(const struct req *rq);
char *url_network_graphml(const struct req *rq);
/* The Atom feeds (file_feed.c): a mission's (mission_slug; NULL: the platform's), ?lang=
 * carried on as every link; url_feed_subscribe the same with the page's language always
 * named (?lang=sv or en): the address a feed reader keeps, which sends no Accept-Language
 * of its reader's choosing, so the feed stays in the language it was found in. */
char *url_feed(const struct req *rq, const char *mission_slug);
char *url_feed_subscribe(const struct req *rq, const char *mission_slug);

/* A mission's portfolio (page_portfolio.c): the page, its two CSV files, its API resource. */
char *url_portfolio(const struct req *rq, const char *mission_slug);
char *url_portfolio_matrix_csv(const struct req *rq, const char *mission_slug);
char *url_portfolio_gaps_csv(const struct req *rq, const char *mission_slug);
char *url_api_portfolio(const struct req *rq, const char *mission_slug);

/* The learning log (page_learning.c): a mission's log (url_learning_page: a page past the
 * first), the forms of a new entry and a new portfolio review, one entry, the edit forms. */
char *url_learning(const struct req *rq, const char *mission_slug);
char *url_learning_page(const struct req *rq, const char *mission_slug, int64_t page);
char *url_learning_new(const struct req *rq, const char *mission_slug);
char *url_learning_entry(const struct req *rq, int64_t id);
char *url_learning_edit(const struct req *rq, int64_t id);
char *url_review_new(const struct req *rq, const char *mission_slug);
char *url_review_edit(const struct req *rq, int64_t id);

/* True if s is an absolute http(s) URL safe to link to (user-supplied links). */
bool url_is_http(const char *s);

/* seminars (page_seminar.c): across missions, the archive, a mission's, one, its forms,
 * the coordinators' list and CSV, the cancel link's page, the iCalendar feeds */
char *url_seminars(const struct req *rq);
char *url_seminars_past(const struct req *rq);
char *url_seminars_ics(const struct req *rq);
char *url_mission_seminars(const struct req *rq, const char *slug);
char *url_mission_seminars_ics(const struct req *rq, const char *slug);
char *url_seminar_new(const struct req *rq, const char *slug);
char *url_seminar(const struct req *rq, int64_t id);
char *url_seminar_register(const struct req *rq, int64_t id);
char *url_seminar_edit(const struct req *rq, int64_t id);
char *url_seminar_registrations(const struct req *rq, int64_t id);
char *url_seminar_registrations_csv(const struct req *rq, int64_t id);
char *url_seminar_attendance(const struct req *rq, int64_t id);
char *url_seminar_ics(const struct req *rq, int64_t id);
char *url_seminar_cancel(const struct req *rq, int64_t id, const char *token);
/* dialogues (page_dialogue.c): a mission's list, the form to add one, one dialogue, its
 * edit form, a follow-up's done/reopen form */
char *url_mission_dialogues(const struct req *rq, const char *slug);
char *url_dialogue_new(const struct req *rq, const char *slug);
char *url_dialogue(const struct req *rq, int64_t id);
char *url_dialogue_edit(const struct req *rq, int64_t id);
char *url_follow_up_done(const struct req *rq, int64_t id);

#endif
