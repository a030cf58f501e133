/*
 * indicator.c — `samverka indicator show|set`: an indicator's progress
 * settings and assessment from the command line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/json.h"
#include "core/str.h"
#include "domain/assess.h"
#include "domain/codes.h"
#include "domain/settings.h"

static void
usage(FILE *f)
{
    fputs("usage: samverka indicator show --db URL --id ID\n"
          "       samverka indicator set --db URL --id ID [--base-year Y|none] [--base-value V]\n"
          "            [--target V | --target-change PERCENT | --no-target] [--target-year "
          "Y|mission]\n"
          "            [--direction increase|decrease] [--limit L|none]\n"
          "            [--thresholds HIGH,MED,LOW|none] [--headline FIELD=VALUE,...|none]\n"
          "            [--headline-part FIELD=VALUE]... [--bounds LOW,HIGH|default]\n\n"
          "show prints the indicator's settings and its assessment as JSON.\n"
          "set changes only the settings given; the others keep their values. The base\n"
          "year defaults to the mission's start, the target year to its deadline\n"
          "(docs/progress.md). --target-change -50 means 50 % below the base value.\n"
          "--thresholds replaces the status thresholds of the rate-ratio method (the\n"
          "score keeps the standard lines); --headline picks which disaggregation is\n"
          "assessed (none: samverka chooses, the rows with every disaggregation cell\n"
          "empty when there are any, else the series with the fewest breakdowns, then the\n"
          "most periods). A comma ends a pair only before another FIELD=, so values may\n"
          "hold commas; --headline-part FIELD=VALUE gives one pair (repeat it), whatever\n"
          "the value holds. --bounds gives the values the indicator can take (either side\n"
          "may be empty: no bound); projections stop at them. default: 0 to 100 for a\n"
          "percentage unit, else none.\n",
          f);
}

static bool
num(const char *flag, const char *v, double *out)
{
    if (v == NULL || str_to_double(v, out) != ERR_OK) {
        fprintf(stderr, "samverka indicator: %s needs a number\n", flag);
        return false;
    }
    return true;
}

static bool
year(const char *flag, const char *v, int *out)
{
    int64_t y;

    if (v == NULL || str_to_i64(v, &y) != ERR_OK || y < 1900 || y > 2200) {
        fprintf(stderr, "samverka indicator: %s needs a year from 1900 to 2200\n", flag);
        return false;
    }
    *out = (int)y;
    return true;
}

/* "LOW,HIGH" with either side empty (no bound), or "default" */
static bool
bounds(const char *v, struct indicator_settings *s)
{
    const char *comma;
    char low[64];
    size_t n;

    if (v == NULL)
        return false;
    if (strcmp(v, "default") == 0) {
        s->bounds_set = s->has_lower = s->has_upper = false;
        return true;
    }
    comma = strchr(v, ',');
    if (comma == NULL || strchr(comma + 1, ',') != NULL)
        return false;
    n = (size_t)(comma - v);
    if (n >= sizeof(low))
        return false;
    memcpy(low, v, n);
    low[n] = '\0';
    s->bounds_set = true;
    s->has_lower = n > 0;
    s->has_upper = comma[1] != '\0';
    return (!s->has_lower || str_to_double(low, &s->lower) == ERR_OK) &&
           (!s->has_upper || str_to_double(comma + 1, &s->upper) == ERR_OK);
}

/* "HIGH,MED,LOW": three numbers and nothing else (spaces may lead each) */
static bool
thresholds(const char *v, double th[3])
{
    char part[64];
    const char *end;
    size_t n;
    int i;

    for (i = 0; i < 3; i++) {
        end = strchr(v, ',');
        if ((end == NULL) != (i == 2))
            return false;
        n = end != NULL ? (size_t)(end - v) : strlen(v);
        while (n > 0 && *v == ' ') {
            v++;
            n--;
        }
        if (n == 0 || n >= sizeof(part))
            return false;
        memcpy(part, v, n);
        part[n] = '\0';
        if (str_to_double(part, &th[i]) != ERR_OK)
            return false;
        v += n + 1;
    }
    return true;
}

static int
show(struct db *db, struct arena *a, int64_t id)
{
    struct indicator ind;
    struct indicator_progress ip;
    struct buf out;
    struct json j;
    enum err rc;

    rc = indicator_get(db, a, id, &ind);
    if (rc == ERR_OK)
        rc = indicator_progress_load(db, a, &ind, &ip);
    if (rc) {
        fprintf(stderr, "samverka indicator: %s\n",
                rc == ERR_NOTFOUND ? "no indicator has this id" : err_str(rc));
        return 1;
    }
    buf_init(&out, 0);
    json_init(&j, &out);
    json_obj_open(&j);
    json_kint(&j, "id", ind.id);
    json_kstr(&j, "title", ind.title_sv);
    json_kstr(&j, "headline", ind.headline);
    json_kbool(&j, "headline_chosen", ind.headline_chosen);
    json_key(&j, "progress");
    indicator_progress_json(&j, &ip);
    json_obj_close(&j);
    if (json_finish(&j) == ERR_OK)
        printf("%s\n", out.data);
    buf_free(&out);
    return 0;
}

int
cmd_indicator(int argc, char **argv)
{
    struct indicator_settings s;
    struct indicator ind;
    struct arena a;
    struct db *db;
    const char *url = getenv("SAMVERKA_DB"), *field, *msg, *v, *headline = NULL;
    const char *part_f[SETTINGS_MAX_HEADLINE], *part_v[SETTINGS_MAX_HEADLINE];
    int64_t id = 0;
    int i, rc = 0, n_parts = 0;
    bool set, changed = false;
    double th[3];

    if (cli_wants_help(argc, argv)) {
        usage(stdout);
        return 0;
    }
    if (argc < 1) {
        usage(stderr);
        return 2;
    }
    if (strcmp(argv[0], "show") != 0 && strcmp(argv[0], "set") != 0) {
        fprintf(stderr, "samverka indicator: unknown action \"%s\" (show or set)\n", argv[0]);
        return 2;
    }
    set = strcmp(argv[0], "set") == 0;
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
            url = argv[++i];
        else if (strcmp(argv[i], "--id") == 0 && i + 1 < argc) {
            if (str_to_i64(argv[++i], &id) != ERR_OK || id < 1) {
                fputs("samverka indicator: --id needs an indicator id\n", stderr);
                return 2;
            }
        }
    }
    if (url == NULL || id == 0) {
        fputs("samverka indicator: --db and --id are required\n", stderr);
        return 2;
    }
    if (db_open(url, NULL, &db) != ERR_OK)
        return 1;
    arena_init(&a);
    if (!set) {
        rc = show(db, &a, id);
        goto out;
    }
    if (indicator_get(db, &a, id, &ind) != ERR_OK) {
        fputs("samverka indicator: no indicator has this id\n", stderr);
        rc = 1;
        goto out;
    }
    settings_from_indicator(&ind, &s);
    for (i = 1; i < argc && rc == 0; i++) {
        v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(argv[i], "--db") == 0 || strcmp(argv[i], "--id") == 0) {
            i++;
            continue;
        }
        changed = true;
        if (strcmp(argv[i], "--base-year") == 0) {
            if (v != NULL && strcmp(v, "none") == 0) {
                s.has_base_year = s.has_base_value = false;
            } else if (!year(argv[i], v, &s.base_year)) {
                rc = 2;
            } else {
                s.has_base_year = true;
            }
        } else if (strcmp(argv[i], "--base-value") == 0) {
            rc = num(argv[i], v, &s.base_value) ? 0 : 2;
            s.has_base_value = true;
        } else if (strcmp(argv[i], "--target") == 0) {
            rc = num(argv[i], v, &s.target_value) ? 0 : 2;
            s.target_kind = "absolute";
            s.has_target_value = true;
        } else if (strcmp(argv[i], "--target-change") == 0) {
            rc = num(argv[i], v, &s.target_value) ? 0 : 2;
            s.target_kind = "relative";
            s.has_target_value = true;
        } else if (strcmp(argv[i], "--no-target") == 0) {
            s.target_kind = "none";
            s.has_target_value = false;
            continue;
        } else if (strcmp(argv[i], "--target-year") == 0) {
            if (v != NULL && strcmp(v, "mission") == 0)
                s.target_year = 0;
            else if (!year(argv[i], v, &s.target_year))
                rc = 2;
        } else if (strcmp(argv[i], "--direction") == 0) {
            if (!code_is(&code_direction, v)) {
                fputs("samverka indicator: --direction is increase or decrease\n", stderr);
                rc = 2;
            }
            s.direction = v;
        } else if (strcmp(argv[i], "--limit") == 0) {
            if (v != NULL && strcmp(v, "none") == 0)
                s.has_limit = false;
            else
                rc = num(argv[i], v, &s.limit) ? 0 : 2, s.has_limit = true;
        } else if (strcmp(argv[i], "--thresholds") == 0) {
            if (v != NULL && strcmp(v, "none") == 0) {
                s.has_thresholds = false;
            } else if (v == NULL || !thresholds(v, th)) {
                fputs("samverka indicator: --thresholds takes HIGH,MED,LOW\n", stderr);
                rc = 2;
            } else {
                s.has_thresholds = true;
                s.high = th[0];
                s.med = th[1];
                s.low = th[2];
            }
        } else if (strcmp(argv[i], "--headline") == 0) {
            headline = v ? v : "";
        } else if (strcmp(argv[i], "--headline-part") == 0) {
            const char *eq = v != NULL ? strchr(v, '=') : NULL;

            if (eq == NULL || eq == v || n_parts == SETTINGS_MAX_HEADLINE) {
                fputs("samverka indicator: --headline-part takes FIELD=VALUE\n", stderr);
                rc = 2;
            } else {
                part_f[n_parts] = arena_strndup(&a, v, (size_t)(eq - v));
                part_v[n_parts++] = eq + 1;
            }
        } else if (strcmp(argv[i], "--bounds") == 0) {
            if (!bounds(v, &s)) {
                fputs("samverka indicator: --bounds takes LOW,HIGH (either may be empty) or "
                      "default\n",
                      stderr);
                rc = 2;
            }
        } else {
            fprintf(stderr, "samverka indicator: unknown option \"%s\" (see --help)\n", argv[i]);
            rc = 2;
            break;
        }
        i++;
    }
    if (rc)
        goto out;
    if (!changed) {
        fputs("samverka indicator set: nothing to change\n", stderr);
        rc = 2;
        goto out;
    }
    if (headline != NULL && n_parts > 0) {
        fputs("samverka indicator: --headline and --headline-part do not go together\n", stderr);
        rc = 2;
        goto out;
    }
    if (headline != NULL && !settings_parse_headline(&a, &ind, headline, &s.headline, &msg)) {
        fprintf(stderr, "samverka indicator: --headline %s\n", msg);
        rc = 2;
        goto out;
    }
    if (n_parts > 0 &&
        !settings_headline_from_pairs(&a, &ind, part_f, part_v, n_parts, &s.headline, &msg)) {
        fprintf(stderr, "samverka indicator: --headline-part %s\n", msg);
        rc = 2;
        goto out;
    }
    switch (settings_apply(db, &a, id, &s, "cli", &field, &msg)) {
    case ERR_OK:
        rc = show(db, &a, id);
        break;
    case ERR_INVALID:
        fprintf(stderr, "samverka indicator: %s %s; nothing was changed\n", field, msg);
        rc = 1;
        break;
    default:
        fputs("samverka indicator: the settings could not be stored\n", stderr);
        rc = 1;
    }
out:
    arena_free(&a);
    db_close(db);
    return rc;
}
