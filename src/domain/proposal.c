/*
 * proposal.c — bottom-up proposals: submit, resubmit, review, and their lists (see
 * proposal.h). Each write is one transaction of its own: the initiative's create or
 * update (initiative.c's checks and audit entry), the proposal's state, its step, an
 * audit entry for the step, and the e-mails; a refusal anywhere leaves nothing.
 *
 * Never: change a state without checking the one read is still stored (the UPDATE names
 * it), or queue an e-mail outside the transaction of its step.
 */
#include "domain/proposal.h"

#include <stdio.h>
#include <string.h>

#include "domain/audit.h"
#include "domain/load.h"
#include "domain/mail.h"
#include "domain/mission.h"

#define SLUG_BASE_MAX 56 /* leaves room for "-" and a number within a slug's 64 */

static void
proposal_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct proposal *p = item;

    memset(p, 0, sizeof(*p));
    p->initiative_id = db_i64(st, 0);
    p->mission_id = db_i64(st, 1);
    p->mission_slug = ld_str(st, 2, a);
    p->mission_title_sv = ld_str(st, 3, a);
    p->mission_title_en = ld_str(st, 4, a);
    p->proposer_id = db_i64(st, 5);
    p->proposer_email = ld_str(st, 6, a);
    p->proposer_name = ld_str(st, 7, a);
    p->state = ld_str(st, 8, a);
    p->created_at = db_i64(st, 9);
    p->updated_at = db_i64(st, 10);
    p->title_sv = ld_str(st, 11, a);
    p->title_en = ld_str(st, 12, a);
    p->lead_actor_id = db_i64(st, 13);
    p->lead_actor_name = ld_text(st, 14, a);
}

static void
step_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct proposal_step *s = item;

    s->id = db_i64(st, 0);
    s->at = db_i64(st, 1);
    s->user_id = db_i64(st, 2);
    s->name = ld_str(st, 3, a);
    s->email = ld_str(st, 4, a);
    s->action = ld_str(st, 5, a);
    s->comment = ld_str(st, 6, a);
}

/* ------------------------------------------------------------ the steps' parts */

/*
 * A slug for a proposal from its title: ASCII letters and digits lowered, å ä → a, ö → o,
 * é → e, anything else a single '-'; "forslag" when nothing is left. Unique in the mission
 * with "-2", "-3" ... (the first free). The proposer never types an address: the page of an
 * initiative is addressed by its id.
 */
static enum err
make_slug(struct db *db, struct arena *a, int64_t mission_id, const char *title, const char **out)
{
    char base[SLUG_BASE_MAX + 1], cand[SLUG_BASE_MAX + 16];
    const unsigned char *s = (const unsigned char *)(title != NULL ? title : "");
    struct db_stmt *st;
    size_t n = 0;
    enum err rc;
    bool row;
    int k;

    while (*s != '\0' && n < SLUG_BASE_MAX) {
        char c = 0;

        if ((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9'))
            c = (char)*s;
        else if (*s >= 'A' && *s <= 'Z')
            c = (char)(*s - 'A' + 'a');
        else if (s[0] == 0xc3 && s[1] != '\0') {
            /* the Swedish letters, upper or lower case */
            if (s[1] == 0xa5 || s[1] == 0xa4 || s[1] == 0x85 || s[1] == 0x84)
                c = 'a';
            else if (s[1] == 0xb6 || s[1] == 0x96)
                c = 'o';
            else if (s[1] == 0xa9 || s[1] == 0x89)
                c = 'e';
            s++;
        }
        s++;
        if (c != 0)
            base[n++] = c;
        else if (n > 0 && base[n - 1] != '-')
            base[n++] = '-';
    }
    while (n > 0 && base[n - 1] == '-')
        n--;
    base[n] = '\0';
    if (n == 0)
        snprintf(base, sizeof(base), "forslag");
    for (k = 1; k < 1000; k++) {
        if (k == 1)
            snprintf(cand, sizeof(cand), "%s", base);
        else
            snprintf(cand, sizeof(cand), "%s-%d", base, k);
        st = db_stmt(db, Q_INITIATIVE_ID_BY_SLUG);
        if (st == NULL)
            return ERR_DB;
        db_bind_i64(st, 1, mission_id);
        db_bind_text(st, 2, cand);
        rc = db_step(st, &row);
        db_done(st);
        if (rc)
            return rc;
        if (!row) {
            *out = arena_strdup(a, cand);
            return ERR_OK;
        }
    }
    return ERR_CONFLICT;
}

static enum err
add_step(struct db *db, int64_t id, int64_t now, int64_t user, const char *action,
         const char *comment)
{
    struct db_stmt *st = db_stmt(db, Q_PROPOSAL_STEP_ADD);

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, id);
    db_bind_i64(st, 2, now);
    db_bind_i64(st, 3, user);
    db_bind_text(st, 4, action);
    db_bind_text(st, 5, comment != NULL ? comment : "");
    return db_run(st);
}

/* Move proposal id from state `from` to `to`; ERR_CONFLICT when it is no longer in `from`. */
static enum err
set_state(struct db *db, int64_t id, const char *from, const char *to, int64_t now)
{
    struct db_stmt *st = db_stmt(db, Q_PROPOSAL_SET_STATE);
    enum err rc;
    bool row;

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, id);
    db_bind_text(st, 2, to);
    db_bind_text(st, 3, from);
    db_bind_i64(st, 4, now);
    rc = db_step(st, &row);
    db_done(st);
    if (rc == ERR_OK && !row)
        rc = ERR_CONFLICT;
    return rc;
}

/* The initiative's status, with the audit entry that names its change. */
static enum err
set_status(struct db *db, int64_t id, int64_t mission_id, const char *to, const char *who,
           int64_t now)
{
    struct db_stmt *st = db_stmt(db, Q_PROPOSAL_SET_STATUS);
    char changes[96];
    enum err rc;

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, id);
    db_bind_text(st, 2, to);
    rc = db_run(st);
    if (rc)
        return rc;
    /* to is a code (static, plain ASCII): no escaping is needed */
    snprintf(changes, sizeof(changes), "{\"status\":[\"proposed\",\"%s\"]}", to);
    return audit_write(db, now, who, to, "initiative", id, mission_id, NULL, changes);
}

/* One e-mail to the proposer and to each coordinator of the mission (active accounts). */
static enum err
notify(struct db *db, int64_t mission_id, int64_t proposer, const struct proposal_notice *n,
       int64_t now)
{
    const char **to = NULL;
    struct db_stmt *st;
    struct arena a;
    enum err rc;
    int i, count = 0;

    if (n == NULL)
        return ERR_INVALID;
    st = db_stmt(db, Q_PROPOSAL_RECIPIENTS);
    if (st == NULL)
        return ERR_DB;
    arena_init(&a);
    db_bind_i64(st, 1, mission_id);
    db_bind_i64(st, 2, proposer);
    rc = ld_rows(st, &a, sizeof(*to), ld_str_row, &to, &count);
    for (i = 0; rc == ERR_OK && i < count; i++)
        rc = mail_enqueue(db, to[i], n->subject, n->body, (time_t)now, NULL);
    arena_free(&a);
    return rc;
}

static enum err
check_comment(const char *comment, bool required, struct write_error *err)
{
    return write_text(err, "comment", comment, PROPOSAL_MAX_COMMENT, required, true);
}

/* ------------------------------------------------------------ the writes */

enum err
proposal_submit(struct db *db, const struct initiative_new *in, int64_t proposer, const char *who,
                int64_t now, const struct proposal_notice *notice, int64_t *out_id,
                struct write_error *err)
{
    struct initiative_new x = *in;
    struct db_stmt *st;
    struct arena a;
    int64_t id = 0;
    enum err rc;
    bool live;

    *out_id = 0;
    if (in->lead_actor_id == 0)
        return write_refuse(err, "lead_actor_id",
                            "is required: the actor whose representative proposes");
    arena_init(&a);
    rc = db_begin(db);
    if (rc)
        goto done;
    rc = write_exists_id(db, Q_PROPOSAL_MISSION_LIVE, in->mission_id, &live);
    if (rc == ERR_OK && !live)
        rc = ERR_NOTFOUND;
    x.origin = "bottom_up";
    x.status = "proposed";
    x.is_demo = false;
    if (rc == ERR_OK && x.slug == NULL)
        rc = make_slug(db, &a, in->mission_id, in->title_sv, &x.slug);
    if (rc == ERR_OK)
        rc = initiative_create(db, &x, who, &id, err);
    if (rc == ERR_OK) {
        st = db_stmt(db, Q_PROPOSAL_ADD);
        if (st == NULL) {
            rc = ERR_DB;
        } else {
            db_bind_i64(st, 1, id);
            db_bind_i64(st, 2, in->mission_id);
            db_bind_i64(st, 3, proposer);
            db_bind_i64(st, 4, now);
            rc = db_run(st);
        }
    }
    if (rc == ERR_OK)
        rc = add_step(db, id, now, proposer, "submitted", NULL);
    if (rc == ERR_OK)
        rc = audit_write(db, now, who, "propose", "initiative", id, in->mission_id, NULL, NULL);
    if (rc == ERR_OK)
        rc = notify(db, in->mission_id, proposer, notice, now);
    rc = mission_counts_commit(db, rc);
    if (rc == ERR_OK)
        *out_id = id;
done:
    arena_free(&a);
    return rc;
}

enum err
proposal_resubmit(struct db *db, int64_t id, const struct initiative_new *in, int64_t proposer,
                  const char *who, int64_t now, const struct proposal_notice *notice,
                  struct write_error *err)
{
    struct initiative_new x = *in;
    struct initiative stored;
    struct proposal p;
    struct arena a;
    enum err rc;

    arena_init(&a);
    rc = db_begin(db);
    if (rc)
        goto done;
    rc = ld_one_id(db, Q_PROPOSAL_GET, id, &a, proposal_row, &p);
    if (rc == ERR_OK && p.proposer_id != proposer)
        rc = ERR_NOTFOUND;
    if (rc == ERR_OK && strcmp(p.state, "changes_requested") != 0)
        rc = ERR_CONFLICT;
    if (rc == ERR_OK)
        rc = initiative_get(db, &a, id, &stored);
    if (rc == ERR_OK && in->lead_actor_id != stored.lead_actor_id)
        rc = write_refuse(err, "lead_actor_id",
                          "is the actor that proposes and cannot change; propose anew instead");
    if (rc == ERR_OK && in->mission_id != 0 && in->mission_id != stored.mission_id)
        rc = write_refuse(err, "mission_id",
                          "is the mission the proposal is made to and cannot change");
    if (rc == ERR_OK) {
        x.mission_id = 0;
        x.slug = stored.slug;
        x.origin = stored.origin;
        x.status = stored.status;
        x.is_demo = false;
        rc = initiative_update(db, id, &x, who, now, NULL, err);
    }
    if (rc == ERR_OK)
        rc = set_state(db, id, "changes_requested", "submitted", now);
    if (rc == ERR_OK)
        rc = add_step(db, id, now, proposer, "resubmitted", NULL);
    if (rc == ERR_OK)
        rc = audit_write(db, now, who, "resubmit", "initiative", id, p.mission_id, NULL, NULL);
    if (rc == ERR_OK)
        rc = notify(db, p.mission_id, p.proposer_id, notice, now);
    rc = mission_counts_commit(db, rc);
done:
    arena_free(&a);
    return rc;
}

enum err
proposal_review(struct db *db, int64_t id, enum proposal_decision d, const char *comment,
                int64_t reviewer, const char *who, int64_t now,
                const struct proposal_notice *notice, struct write_error *err)
{
    static const char *const to_state[] = {
        [PROPOSAL_ACCEPT] = "accepted",
        [PROPOSAL_CHANGES] = "changes_requested",
        [PROPOSAL_DECLINE] = "declined",
    };
    struct proposal p;
    struct arena a;
    enum err rc;

    if (d != PROPOSAL_ACCEPT && d != PROPOSAL_CHANGES && d != PROPOSAL_DECLINE)
        return ERR_INVALID;
    rc = check_comment(comment, d != PROPOSAL_ACCEPT, err);
    if (rc)
        return rc;
    arena_init(&a);
    rc = db_begin(db);
    if (rc)
        goto done;
    rc = ld_one_id(db, Q_PROPOSAL_GET, id, &a, proposal_row, &p);
    if (rc == ERR_OK && strcmp(p.state, "submitted") != 0)
        rc = ERR_CONFLICT;
    if (rc == ERR_OK)
        rc = set_state(db, id, "submitted", to_state[d], now);
    /* the initiative's own status follows only a final decision: while changes are asked
     * for it is still proposed */
    if (rc == ERR_OK && d != PROPOSAL_CHANGES)
        rc = set_status(db, id, p.mission_id, to_state[d], who, now);
    if (rc == ERR_OK && d == PROPOSAL_CHANGES)
        rc = audit_write(db, now, who, "changes_requested", "initiative", id, p.mission_id, NULL,
                         NULL);
    if (rc == ERR_OK)
        rc = add_step(db, id, now, reviewer, to_state[d], comment);
    if (rc == ERR_OK)
        rc = notify(db, p.mission_id, p.proposer_id, notice, now);
    rc = mission_counts_commit(db, rc);
done:
    arena_free(&a);
    return rc;
}

/* ------------------------------------------------------------ the reads */

enum err
proposal_get(struct db *db, struct arena *a, int64_t id, struct proposal *out)
{
    enum err rc;

    rc = ld_one_id(db, Q_PROPOSAL_GET, id, a, proposal_row, out);
    if (rc)
        return rc;
    return ld_rows_id(db, Q_PROPOSAL_STEPS, id, a, sizeof(*out->steps), step_row, &out->steps,
                      &out->n_steps);
}

enum err
proposal_list_mission(struct db *db, struct arena *a, int64_t mission_id, const char *state,
                      const struct page *pg, struct proposal **out, int *out_n, int64_t *out_total)
{
    struct db_stmt *st;
    enum err rc;

    *out = NULL;
    *out_n = 0;
    st = db_stmt(db, Q_PROPOSAL_MISSION_COUNT);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, mission_id);
    db_bind_text(st, 2, state != NULL ? state : "");
    rc = ld_count(st, out_total);
    if (rc)
        return rc;
    st = db_stmt(db, Q_PROPOSAL_MISSION_PAGE);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, mission_id);
    db_bind_text(st, 2, state != NULL ? state : "");
    db_bind_i64(st, 3, pg->limit);
    db_bind_i64(st, 4, pg->offset);
    return ld_rows(st, a, sizeof(**out), proposal_row, out, out_n);
}

enum err
proposal_list_mine(struct db *db, struct arena *a, int64_t proposer, const struct page *pg,
                   struct proposal **out, int *out_n, int64_t *out_total)
{
    return ld_page(db, a, Q_PROPOSAL_MINE_COUNT, Q_PROPOSAL_MINE_PAGE, proposer, pg, sizeof(**out),
                   proposal_row, out, out_n, out_total);
}

enum err
proposal_is_hidden(struct db *db, int64_t id, bool *out)
{
    return write_exists_id(db, Q_PROPOSAL_HIDDEN, id, out);
}
