/*
 * copy.c — whole-database copy between backends (see copy.h). The table list
 * follows the foreign keys (a table comes after those it refers to); the
 * statements are in db/q_copy.def.
 *
 * Each value is bound with the type the source row reports for it (db_type):
 * an integer stays an integer and a double a double, with no text round trip.
 * The types come from the rows, not from a list kept here or from the API's
 * field tables: the copy moves stored tables, and half of them (page_view,
 * audit_log, api_token, positions, timestamps) are no API resource, while an
 * API resource is a view over several tables; so a column added by a migration
 * needs only its two statements in q_copy.def.
 */
#include "domain/copy.h"

#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "domain/mission.h"

struct copy_table {
    const char *name;
    enum q get, put, seq; /* seq: Q__MAX when the table has no identity column */
};

static const struct copy_table tables[] = {
    {"sdg_goal", Q_SDG_GOALS, Q_SDG_GOAL_ADD, Q__MAX},
    {"sdg_target", Q_COPY_SDG_TARGET_GET, Q_SDG_TARGET_ADD, Q__MAX},
    {"sdg_indicator", Q_COPY_SDG_INDICATOR_GET, Q_SDG_INDICATOR_ADD, Q__MAX},
    {"county", Q_COPY_COUNTY_GET, Q_COUNTY_ADD, Q__MAX},
    {"municipality", Q_COPY_MUNICIPALITY_GET, Q_MUNICIPALITY_ADD, Q__MAX},
    {"sni", Q_COPY_SNI_GET, Q_SNI_ADD, Q__MAX},
    {"actor", Q_COPY_ACTOR_GET, Q_COPY_ACTOR_PUT, Q_COPY_ACTOR_SEQ},
    {"actor_discipline", Q_COPY_ACTOR_DISCIPLINE_GET, Q_ACTOR_DISCIPLINE_ADD, Q__MAX},
    {"person", Q_COPY_PERSON_GET, Q_COPY_PERSON_PUT, Q_COPY_PERSON_SEQ},
    {"mission", Q_COPY_MISSION_GET, Q_COPY_MISSION_PUT, Q_COPY_MISSION_SEQ},
    {"mission_sdg_target", Q_COPY_MISSION_SDG_TARGET_GET, Q_MISSION_SDG_TARGET_ADD, Q__MAX},
    {"objective", Q_COPY_OBJECTIVE_GET, Q_COPY_OBJECTIVE_PUT, Q_COPY_OBJECTIVE_SEQ},
    {"indicator", Q_COPY_INDICATOR_GET, Q_COPY_INDICATOR_PUT, Q_COPY_INDICATOR_SEQ},
    {"indicator_dimension", Q_COPY_INDICATOR_DIMENSION_GET, Q_DIMENSION_ADD, Q__MAX},
    {"indicator_sdg", Q_COPY_INDICATOR_SDG_GET, Q_INDICATOR_SDG_ADD, Q__MAX},
    {"initiative", Q_COPY_INITIATIVE_GET, Q_COPY_INITIATIVE_PUT, Q_COPY_INITIATIVE_SEQ},
    {"initiative_actor", Q_COPY_INITIATIVE_ACTOR_GET, Q_INITIATIVE_ACTOR_ADD, Q__MAX},
    {"initiative_objective", Q_COPY_INITIATIVE_OBJECTIVE_GET, Q_INITIATIVE_OBJECTIVE_ADD, Q__MAX},
    {"initiative_sdg_target", Q_COPY_INITIATIVE_SDG_TARGET_GET, Q_INITIATIVE_SDG_TARGET_ADD,
     Q__MAX},
    {"team_member", Q_COPY_TEAM_MEMBER_GET, Q_TEAM_MEMBER_ADD, Q__MAX},
    {"page_view", Q_COPY_PAGE_VIEW_GET, Q_COPY_PAGE_VIEW_PUT, Q__MAX},
    {"audit_log", Q_COPY_AUDIT_LOG_GET, Q_COPY_AUDIT_LOG_PUT, Q_COPY_AUDIT_LOG_SEQ},
    {"api_token", Q_COPY_API_TOKEN_GET, Q_COPY_API_TOKEN_PUT, Q_COPY_API_TOKEN_SEQ},
    {"user_account", Q_COPY_USER_ACCOUNT_GET, Q_COPY_USER_ACCOUNT_PUT, Q_COPY_USER_ACCOUNT_SEQ},
    {"mission_coordinator", Q_COPY_MISSION_COORDINATOR_GET, Q_COORDINATOR_ADD, Q__MAX},
    {"actor_representative", Q_COPY_ACTOR_REPRESENTATIVE_GET, Q_REPRESENTATIVE_ADD, Q__MAX},
    {"user_session", Q_COPY_USER_SESSION_GET, Q_COPY_USER_SESSION_PUT, Q_COPY_USER_SESSION_SEQ},
    {"signin_failure", Q_COPY_SIGNIN_FAILURE_GET, Q_COPY_SIGNIN_FAILURE_PUT,
     Q_COPY_SIGNIN_FAILURE_SEQ},
    {"seminar_signup_log", Q_COPY_SEMINAR_SIGNUP_LOG_GET, Q_COPY_SEMINAR_SIGNUP_LOG_PUT,
     Q_COPY_SEMINAR_SIGNUP_LOG_SEQ},
    {"observation", Q_COPY_OBSERVATION_GET, Q_COPY_OBSERVATION_PUT, Q__MAX},
    {"mail_queue", Q_COPY_MAIL_QUEUE_GET, Q_COPY_MAIL_QUEUE_PUT, Q_COPY_MAIL_QUEUE_SEQ},
    {"user_totp", Q_COPY_USER_TOTP_GET, Q_COPY_USER_TOTP_PUT, Q__MAX},
    {"user_recovery_code", Q_COPY_USER_RECOVERY_CODE_GET, Q_COPY_USER_RECOVERY_CODE_PUT,
     Q_COPY_USER_RECOVERY_CODE_SEQ},
    {"signin_pending", Q_COPY_SIGNIN_PENDING_GET, Q_COPY_SIGNIN_PENDING_PUT,
     Q_COPY_SIGNIN_PENDING_SEQ},
    {"password_reset", Q_COPY_PASSWORD_RESET_GET, Q_COPY_PASSWORD_RESET_PUT,
     Q_COPY_PASSWORD_RESET_SEQ},
    {"user_token", Q_COPY_USER_TOKEN_GET, Q_COPY_USER_TOKEN_PUT, Q_COPY_USER_TOKEN_SEQ},
    {"deletion_request", Q_COPY_DELETION_REQUEST_GET, Q_COPY_DELETION_REQUEST_PUT,
     Q_COPY_DELETION_REQUEST_SEQ},
    {"proposal", Q_COPY_PROPOSAL_GET, Q_COPY_PROPOSAL_PUT, Q__MAX},
    {"proposal_step", Q_COPY_PROPOSAL_STEP_GET, Q_COPY_PROPOSAL_STEP_PUT, Q_COPY_PROPOSAL_STEP_SEQ},
    {"site", Q_COPY_SITE_GET, Q_COPY_SITE_PUT, Q__MAX},
    {"commitment", Q_COPY_COMMITMENT_GET, Q_COPY_COMMITMENT_PUT, Q_COPY_COMMITMENT_SEQ},
    {"commitment_step", Q_COPY_COMMITMENT_STEP_GET, Q_COPY_COMMITMENT_STEP_PUT,
     Q_COPY_COMMITMENT_STEP_SEQ},
    {"dialogue", Q_COPY_DIALOGUE_GET, Q_COPY_DIALOGUE_PUT, Q_COPY_DIALOGUE_SEQ},
    {"dialogue_actor", Q_COPY_DIALOGUE_ACTOR_GET, Q_DIALOGUE_ACTOR_ADD, Q__MAX},
    {"dialogue_objective", Q_COPY_DIALOGUE_OBJECTIVE_GET, Q_DIALOGUE_OBJECTIVE_ADD, Q__MAX},
    {"follow_up", Q_COPY_FOLLOW_UP_GET, Q_COPY_FOLLOW_UP_PUT, Q_COPY_FOLLOW_UP_SEQ},
    {"learning_entry", Q_COPY_LEARNING_ENTRY_GET, Q_COPY_LEARNING_ENTRY_PUT,
     Q_COPY_LEARNING_ENTRY_SEQ},
    {"learning_initiative", Q_COPY_LEARNING_INITIATIVE_GET, Q_LEARNING_INITIATIVE_ADD, Q__MAX},
    {"learning_objective", Q_COPY_LEARNING_OBJECTIVE_GET, Q_LEARNING_OBJECTIVE_ADD, Q__MAX},
    {"portfolio_review", Q_COPY_PORTFOLIO_REVIEW_GET, Q_COPY_PORTFOLIO_REVIEW_PUT,
     Q_COPY_PORTFOLIO_REVIEW_SEQ},
    {"portfolio_review_person", Q_COPY_PORTFOLIO_REVIEW_PERSON_GET, Q_REVIEW_PERSON_ADD, Q__MAX},
    {"seminar", Q_COPY_SEMINAR_GET, Q_COPY_SEMINAR_PUT, Q_COPY_SEMINAR_SEQ},
    {"seminar_registration", Q_COPY_SEMINAR_REGISTRATION_GET, Q_COPY_SEMINAR_REGISTRATION_PUT,
     Q_COPY_SEMINAR_REGISTRATION_SEQ},
    {"seminar_attendance", Q_COPY_SEMINAR_ATTENDANCE_GET, Q_COPY_SEMINAR_ATTENDANCE_PUT, Q__MAX},
    {"indicator_assessed", Q_COPY_INDICATOR_ASSESSED_GET, Q_ASSESSED_PUT, Q__MAX},
    {"progress_change", Q_COPY_PROGRESS_CHANGE_GET, Q_COPY_PROGRESS_CHANGE_PUT,
     Q_COPY_PROGRESS_CHANGE_SEQ},
};

static enum err
copy_table(struct db *from, struct db *to, const struct copy_table *t, long *rows)
{
    struct db_stmt *get, *put;
    enum err rc;
    bool row;
    int c, n;

    get = db_stmt(from, t->get);
    if (get == NULL)
        return ERR_DB;
    while ((rc = db_step(get, &row)) == ERR_OK && row) {
        put = db_stmt(to, t->put);
        if (put == NULL) {
            rc = ERR_DB;
            break;
        }
        n = db_columns(get);
        for (c = 0; c < n; c++) {
            switch (db_type(get, c)) {
            case DB_NULL:
                db_bind_null(put, c + 1);
                break;
            case DB_INTEGER:
                db_bind_i64(put, c + 1, db_i64(get, c));
                break;
            case DB_DOUBLE:
                db_bind_dbl(put, c + 1, db_dbl(get, c));
                break;
            case DB_TEXT:
                db_bind_text(put, c + 1, db_text(get, c));
                break;
            }
        }
        rc = db_run(put);
        if (rc)
            break;
        (*rows)++;
    }
    db_done(get);
    if (rc == ERR_OK && t->seq != Q__MAX) {
        put = db_stmt(to, t->seq);
        rc = put == NULL ? ERR_DB : db_run(put);
    }
    return rc;
}

enum err
copy_database(struct db *from, struct db *to, long *out_rows, const char **out_msg)
{
    static char msg[160];
    struct db_stmt *st;
    size_t i;
    bool row = false;
    enum err rc;

    *out_rows = 0;
    *out_msg = NULL;
    if (db_schema_version(from) != db_schema_version(to)) {
        snprintf(msg, sizeof(msg), "schema versions differ (%d and %d): run samverka migrate first",
                 db_schema_version(from), db_schema_version(to));
        *out_msg = msg;
        return ERR_INVALID;
    }
    st = db_stmt(to, Q_SDG_GOAL_COUNT);
    if (st == NULL)
        return ERR_DB;
    rc = db_step(st, &row);
    if (rc == ERR_OK && row && db_i64(st, 0) > 0) {
        db_done(st);
        *out_msg = "the target already holds data; copy only into a new database";
        return ERR_CONFLICT;
    }
    db_done(st);
    if (rc)
        return rc;
    db_bulk(to, true);
    rc = db_begin(to);
    for (i = 0; rc == ERR_OK && i < sizeof(tables) / sizeof(tables[0]); i++) {
        rc = copy_table(from, to, &tables[i], out_rows);
        if (rc) {
            snprintf(msg, sizeof(msg), "copying table %s failed (%s)", tables[i].name, err_str(rc));
            *out_msg = msg;
        }
    }
    if (rc == ERR_OK)
        rc = mission_counts_refresh(to);
    if (rc == ERR_OK)
        rc = db_commit(to);
    if (rc)
        db_rollback(to);
    db_bulk(to, false);
    if (rc == ERR_OK)
        db_optimize(to);
    return rc;
}
