/*
 * seminar_mail.h — the web layer's side of seminar.h's mails and calendars: the texts of the
 * mails to the people registered, translated into each registration's language (gettext,
 * through the calling thread's locale: compose switches it), and the absolute addresses of
 * the seminar pages and cancel links they carry.
 *
 * A request builds its mailer from the site's address (auth_site_url); the server's mail
 * thread, which sends the reminders, from its public URL or its own host and port
 * (seminar_mail_setup). compose leaves the thread's language at the registration's: a
 * handler sets its own again (i18n_use) before it renders.
 */
#ifndef WEB_SEMINAR_MAIL_H
#define WEB_SEMINAR_MAIL_H

#include "domain/seminar.h"
#include "web/web.h"

struct seminar_mail_ctx {
    const char *base; /* http(s)://host[:port], without a slash at the end */
    struct seminar_ics_opts ics;
    char host[256]; /* the UID's right-hand side */
    char url[600];  /* the url callback's answer, until its next call */
};

/* Fill c and the mailer m around it for base (the site's origin); c outlives m's use. */
void seminar_mail_setup(struct seminar_mail_ctx *c, const char *base, struct seminar_mailer *m);
/* The same for a request, in its arena. */
void seminar_mailer_of(struct req *rq, struct seminar_mailer *m);
/* The calendar options of a request: its site's address. */
void seminar_ics_opts_of(struct req *rq, struct seminar_ics_opts *o);

#endif
