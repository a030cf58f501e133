/*
 * formview.h — writing HTML forms (formview.c): every form a page shows goes through
 * form_begin, which adds the CSRF token the route flag RF_FORM checks, and its fields
 * through the field writers, which put each label, hint and error beside its field and
 * keep what was entered. A form that failed its checks starts with a summary of the errors
 * linking to each field (GOV.UK and Digitaliseringsmyndigheten's pattern), and its page
 * title says so.
 *
 * Field ids are "f-" and the field's name, so the summary's links and a label's for= agree.
 * A form repeated once per item on one page (the review queue: one per proposal) gives its
 * fields ids of their own, "f-NAME-ITEM", through the _of writers, and its summary links
 * to those (form_summary_of); the names posted stay the same.
 */
#ifndef WEB_FORMVIEW_H
#define WEB_FORMVIEW_H

#include <stdbool.h>

#include "web/html.h"
#include "web/web.h"

#define FORM_MAX_ERRORS 32

/* What was wrong with a posted form: one message (translated) per field at fault. */
struct form_errors {
    struct {
        const char *field;
        const char *msg;
    } v[FORM_MAX_ERRORS];
    int n;
};

/* Add an error for field (the first one of a field wins; past FORM_MAX_ERRORS: dropped). */
void form_error(struct form_errors *e, const char *field, const char *msg);
/* The message for field, or NULL. */
const char *form_error_of(const struct form_errors *e, const char *field);

/* The error summary (nothing when e has none): role=alert, a heading, a link per field. */
void form_summary(struct req *rq, struct html *h, const struct form_errors *e);
/* The summary of the errors of item's form, one of several alike on the page: its links go to
 * "#f-FIELD-ITEM" (item NULL: as form_summary). */
void form_summary_of(struct req *rq, struct html *h, const struct form_errors *e, const char *item);

/* <form method="post" action=action> with the hidden CSRF field; form_end closes it. */
void form_begin(struct req *rq, struct html *h, const char *action);
void form_end(struct html *h);

enum field_type {
    FT_TEXT,
    FT_EMAIL,
    FT_PASSWORD,
    FT_NEW_PASSWORD,
    FT_NUMBER,
    FT_DATE,
    FT_URL,
    FT_DATETIME, /* datetime-local: YYYY-MM-DDTHH:MM, no time zone */
};

/*
 * One <input> with its label (and hint, NULL: none), its error from e (NULL: none) and the
 * value to show (NULL: empty; a password field never shows one). autocomplete is the
 * HTML token (NULL: none).
 */
void form_input(struct html *h, const struct form_errors *e, const char *name, const char *label,
                const char *hint, enum field_type type, const char *value, bool required,
                const char *autocomplete);
/* A <textarea> of rows rows. */
void form_textarea(struct html *h, const struct form_errors *e, const char *name, const char *label,
                   const char *hint, const char *value, bool required, int rows);
/* form_textarea in item's form, one of several alike on the page: its id is "f-NAME-ITEM" (its
 * hint's and error's ids follow; item NULL: "f-NAME"), its name stays name. */
void form_textarea_of(struct html *h, const struct form_errors *e, const char *name,
                      const char *item, const char *label, const char *hint, const char *value,
                      bool required, int rows);
/* A hidden field. */
void form_hidden(struct html *h, const char *name, const char *value);
/* The submit button. */
void form_submit(struct html *h, const char *label);

/* ---- choices: selects for code sets and references, checkboxes in fieldsets */

/* One choice of a select: the value posted and the text shown (translated already). */
struct form_option {
    const char *value, *label;
};

/*
 * A <select> with its label, hint and error; the option whose value is value is selected.
 * empty (NULL: none) is the text of a first option of value "" (nothing chosen).
 */
void form_select(struct html *h, const struct form_errors *e, const char *name, const char *label,
                 const char *hint, const struct form_option *opts, int n, const char *value,
                 const char *empty);
/* A checkbox posting value under name, its label after it; id is "f-NAME-VALUE". */
void form_checkbox(struct html *h, const char *name, const char *value, const char *label,
                   bool checked);
/* <fieldset> with its legend (and the error of field name from e, if any); form_fieldset_end
 * closes it. The error's anchor is the fieldset's id "f-NAME". */
void form_fieldset_begin(struct html *h, const struct form_errors *e, const char *name,
                         const char *legend);
void form_fieldset_end(struct html *h);
/* ---- forms with a file (BODY_UPLOAD routes: web/upload.h) */
/* <form method="post" enctype="multipart/form-data"> whose first field is the CSRF token: the
 * dispatcher reads and checks it before any other part (upload_in). */
void form_begin_upload(struct req *rq, struct html *h, const char *action);
/* An <input type="file"> with its label, hint and error; accept lists the file types offered
 * (".csv,.json"). A file is never shown again: the form asks for it anew. */
void form_file(struct html *h, const struct form_errors *e, const char *name, const char *label,
               const char *hint, const char *accept);
/* A <select> of n options (values[i], shown as labels[i]), selected preselected. */
void form_select_list(struct html *h, const struct form_errors *e, const char *name,
                      const char *label, const char *hint, const char *const *values,
                      const char *const *labels, int n, const char *selected);

/* ---- the registry's forms (edit_*.c): checkbox groups, a yes/no field, more rows */

/* A fieldset (legend, error) of checkboxes all named name, one per option, checked when its
 * value is among values (form_fieldset_begin and form_checkbox). */
void form_checkboxes(struct html *h, const struct form_errors *e, const char *name,
                     const char *legend, const struct form_option *opts, int n,
                     const char *const *values, int n_values);
/* One yes/no field: a checkbox named name with value "1", its label after it and its hint
 * (NULL: none) below; its id is "f-NAME". */
void form_flag(struct html *h, const char *name, const char *label, const char *hint, bool checked);
/* A submit button that is not the form's main one (name=value is posted with the form:
 * "add more rows" and the like). */
void form_submit_as(struct html *h, const char *label, const char *name, const char *value);

#endif
