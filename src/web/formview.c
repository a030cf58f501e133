/*
 * formview.c — HTML forms (see formview.h).
 */
#include "web/formview.h"

#include <string.h>

#include "web/auth.h"
#include "web/i18n.h"

/* A field's id: "f-NAME", or "f-NAME-ITEM" in a form repeated once per item on a page. */
static const char *
field_id(struct arena *a, const char *name, const char *item)
{
    return item != NULL ? arena_printf(a, "f-%s-%s", name, item) : arena_printf(a, "f-%s", name);
}

void
form_error(struct form_errors *e, const char *field, const char *msg)
{
    if (form_error_of(e, field) != NULL || e->n >= FORM_MAX_ERRORS)
        return;
    e->v[e->n].field = field;
    e->v[e->n].msg = msg;
    e->n++;
}

const char *
form_error_of(const struct form_errors *e, const char *field)
{
    int i;

    for (i = 0; e != NULL && i < e->n; i++)
        if (strcmp(e->v[i].field, field) == 0)
            return e->v[i].msg;
    return NULL;
}

void
form_summary(struct req *rq, struct html *h, const struct form_errors *e)
{
    form_summary_of(rq, h, e, NULL);
}

void
form_summary_of(struct req *rq, struct html *h, const struct form_errors *e, const char *item)
{
    int i;

    if (e == NULL || e->n == 0)
        return;
    html_open(h, "div", "class", "error-summary", "role", "alert", "aria-labelledby",
              "error-summary-h", "tabindex", "-1", NULL);
    html_elem_attr(h, "h2", _("There is a problem"), "id", "error-summary-h", NULL);
    html_open(h, "ul", NULL);
    for (i = 0; i < e->n; i++) {
        html_open(h, "li", NULL);
        html_elem_attr(h, "a", e->v[i].msg, "href",
                       arena_printf(rq->arena, "#%s", field_id(rq->arena, e->v[i].field, item)),
                       NULL);
        html_close(h, "li");
    }
    html_close(h, "ul");
    html_close(h, "div");
}

void
form_begin(struct req *rq, struct html *h, const char *action)
{
    html_open(h, "form", "method", "post", "action", action, "novalidate", "", NULL);
    form_hidden(h, "csrf", auth_csrf_token(rq));
}

void
form_end(struct html *h)
{
    html_close(h, "form");
}

static const char *
type_attr(enum field_type t)
{
    switch (t) {
    case FT_EMAIL:
        return "email";
    case FT_PASSWORD:
    case FT_NEW_PASSWORD:
        return "password";
    case FT_NUMBER:
        return "text"; /* a Swedish decimal comma is accepted (type=number refuses it); no
                        * inputmode: HTML Tidy 5.6, which the suite checks pages with, calls it
                        * proprietary */
    case FT_DATE:
        return "date";
    case FT_DATETIME:
        return "datetime-local";
    case FT_URL:
        return "url";
    case FT_TEXT:
        break;
    }
    return "text";
}

/* The label, hint and error of a field, and the ids its control points to. */
static const char *
field_head(struct html *h, const struct form_errors *e, const char *name, const char *label,
           const char *hint, const char *id)
{
    const char *err = form_error_of(e, name);

    html_elem_attr(h, "label", label, "for", id, NULL);
    if (hint != NULL)
        html_elem_attr(h, "p", hint, "class", "hint", "id", arena_printf(h->a, "%s-hint", id),
                       NULL);
    if (err != NULL) {
        html_open(h, "p", "class", "field-error", "id", arena_printf(h->a, "%s-error", id), NULL);
        html_elem_attr(h, "span", _("Error:"), "class", "visually-hidden", NULL);
        html_text(h, " ");
        html_text(h, err);
        html_close(h, "p");
    }
    if (hint == NULL && err == NULL)
        return NULL;
    return arena_printf(h->a, "%s%s%s", hint ? arena_printf(h->a, "%s-hint", id) : "",
                        hint && err ? " " : "", err ? arena_printf(h->a, "%s-error", id) : "");
}

void
form_input(struct html *h, const struct form_errors *e, const char *name, const char *label,
           const char *hint, enum field_type type, const char *value, bool required,
           const char *autocomplete)
{
    const char *id = arena_printf(h->a, "f-%s", name), *described;
    bool err = form_error_of(e, name) != NULL;

    html_open(h, "div", "class", err ? "field field-with-error" : "field", NULL);
    described = field_head(h, e, name, label, hint, id);
    html_void(h, "input", "type", type_attr(type), "id", id, "name", name, "value",
              type == FT_PASSWORD || type == FT_NEW_PASSWORD ? NULL : value, "required",
              required ? "" : NULL, "aria-describedby", described, "aria-invalid",
              err ? "true" : NULL, "autocomplete", autocomplete, "spellcheck",
              type == FT_EMAIL || type == FT_URL ? "false" : NULL, NULL);
    html_close(h, "div");
}

void
form_textarea(struct html *h, const struct form_errors *e, const char *name, const char *label,
              const char *hint, const char *value, bool required, int rows)
{
    form_textarea_of(h, e, name, NULL, label, hint, value, required, rows);
}

void
form_textarea_of(struct html *h, const struct form_errors *e, const char *name, const char *item,
                 const char *label, const char *hint, const char *value, bool required, int rows)
{
    const char *id = field_id(h->a, name, item), *described;
    bool err = form_error_of(e, name) != NULL;

    html_open(h, "div", "class", err ? "field field-with-error" : "field", NULL);
    described = field_head(h, e, name, label, hint, id);
    html_open(h, "textarea", "id", id, "name", name, "rows", arena_printf(h->a, "%d", rows),
              "required", required ? "" : NULL, "aria-describedby", described, "aria-invalid",
              err ? "true" : NULL, NULL);
    if (value != NULL)
        html_text(h, value);
    html_close(h, "textarea");
    html_close(h, "div");
}

void
form_hidden(struct html *h, const char *name, const char *value)
{
    html_void(h, "input", "type", "hidden", "name", name, "value", value ? value : "", NULL);
}

void
form_submit(struct html *h, const char *label)
{
    html_elem_attr(h, "button", label, "type", "submit", "class", "button", NULL);
}

/* ---- choices */

void
form_select(struct html *h, const struct form_errors *e, const char *name, const char *label,
            const char *hint, const struct form_option *opts, int n, const char *value,
            const char *empty)
{
    const char *id = arena_printf(h->a, "f-%s", name), *described;
    bool err = form_error_of(e, name) != NULL;
    int i;

    html_open(h, "div", "class", err ? "field field-with-error" : "field", NULL);
    described = field_head(h, e, name, label, hint, id);
    html_open(h, "select", "id", id, "name", name, "aria-describedby", described, "aria-invalid",
              err ? "true" : NULL, NULL);
    if (empty != NULL)
        html_elem_attr(h, "option", empty, "value", "", NULL);
    for (i = 0; i < n; i++)
        html_elem_attr(h, "option", opts[i].label, "value", opts[i].value, "selected",
                       value != NULL && strcmp(value, opts[i].value) == 0 ? "" : NULL, NULL);
    html_close(h, "select");
    html_close(h, "div");
}

void
form_checkbox(struct html *h, const char *name, const char *value, const char *label, bool checked)
{
    const char *id = arena_printf(h->a, "f-%s-%s", name, value);

    html_open(h, "div", "class", "checkbox", NULL);
    html_void(h, "input", "type", "checkbox", "id", id, "name", name, "value", value, "checked",
              checked ? "" : NULL, NULL);
    html_elem_attr(h, "label", label, "for", id, NULL);
    html_close(h, "div");
}

void
form_fieldset_begin(struct html *h, const struct form_errors *e, const char *name,
                    const char *legend)
{
    const char *err = form_error_of(e, name);

    /* the error is the group's description, so a screen reader says it with the group's
     * name when focus enters it (a checkbox inside has no label of its own for it) */
    html_open(h, "fieldset", "id", arena_printf(h->a, "f-%s", name), "class",
              err ? "field field-with-error" : "field", "tabindex", err ? "-1" : NULL,
              "aria-describedby", err ? arena_printf(h->a, "f-%s-error", name) : NULL, NULL);
    html_elem(h, "legend", legend);
    if (err != NULL) {
        html_open(h, "p", "class", "field-error", "id", arena_printf(h->a, "f-%s-error", name),
                  NULL);
        html_elem_attr(h, "span", _("Error:"), "class", "visually-hidden", NULL);
        html_text(h, " ");
        html_text(h, err);
        html_close(h, "p");
    }
}

void
form_fieldset_end(struct html *h)
{
    html_close(h, "fieldset");
}

/* ------------------------------------------------------------ forms with a file */

void
form_begin_upload(struct req *rq, struct html *h, const char *action)
{
    html_open(h, "form", "method", "post", "action", action, "enctype", "multipart/form-data",
              "novalidate", "", NULL);
    form_hidden(h, "csrf", auth_csrf_token(rq));
}

void
form_file(struct html *h, const struct form_errors *e, const char *name, const char *label,
          const char *hint, const char *accept)
{
    const char *id = arena_printf(h->a, "f-%s", name), *described;
    bool err = form_error_of(e, name) != NULL;

    html_open(h, "div", "class", err ? "field field-with-error" : "field", NULL);
    described = field_head(h, e, name, label, hint, id);
    html_void(h, "input", "type", "file", "id", id, "name", name, "accept", accept,
              "aria-describedby", described, "aria-invalid", err ? "true" : NULL, NULL);
    html_close(h, "div");
}

void
form_select_list(struct html *h, const struct form_errors *e, const char *name, const char *label,
                 const char *hint, const char *const *values, const char *const *labels, int n,
                 const char *selected)
{
    struct form_option *opts = arena_alloc(h->a, sizeof(*opts) * (size_t)(n > 0 ? n : 1));
    int i;

    for (i = 0; i < n; i++) {
        opts[i].value = values[i];
        opts[i].label = labels[i];
    }
    form_select(h, e, name, label, hint, opts, n, selected, NULL);
}

/* ---- the registry's forms */

static bool
among(const char *v, const char *const *values, int n)
{
    int i;

    for (i = 0; i < n; i++)
        if (values[i] != NULL && strcmp(values[i], v) == 0)
            return true;
    return false;
}

void
form_checkboxes(struct html *h, const struct form_errors *e, const char *name, const char *legend,
                const struct form_option *opts, int n, const char *const *values, int n_values)
{
    int i;

    form_fieldset_begin(h, e, name, legend);
    for (i = 0; i < n; i++)
        form_checkbox(h, name, opts[i].value, opts[i].label,
                      among(opts[i].value, values, n_values));
    form_fieldset_end(h);
}

void
form_flag(struct html *h, const char *name, const char *label, const char *hint, bool checked)
{
    const char *id = arena_printf(h->a, "f-%s", name);

    html_open(h, "div", "class", "field checkbox", NULL);
    html_void(h, "input", "type", "checkbox", "id", id, "name", name, "value", "1", "checked",
              checked ? "" : NULL, "aria-describedby",
              hint ? arena_printf(h->a, "%s-hint", id) : NULL, NULL);
    html_elem_attr(h, "label", label, "for", id, NULL);
    if (hint != NULL)
        html_elem_attr(h, "p", hint, "class", "hint", "id", arena_printf(h->a, "%s-hint", id),
                       NULL);
    html_close(h, "div");
}

void
form_submit_as(struct html *h, const char *label, const char *name, const char *value)
{
    html_elem_attr(h, "button", label, "type", "submit", "name", name, "value", value, "class",
                   "button secondary", NULL);
}
