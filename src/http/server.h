/*
 * server.h — the HTTP server (libmicrohttpd glue).
 */
#ifndef HTTP_SERVER_H
#define HTTP_SERVER_H

#include <stdbool.h>

struct serve_conf {
    const char *db_url;
    const char *host;
    int port;            /* 0: any free port (printed) */
    int threads;         /* worker threads; 0: two per core */
    int max_connections; /* in total */
    int max_per_ip;      /* per client address */
    int timeout;         /* seconds of inactivity before a connection is closed */
    int cache_entries;   /* rendered-response cache size; 0 disables it */
    int flush_interval;  /* seconds between page-view flushes */
    int view_count_lag;  /* seconds the view counts pages show may lag (see http.md) */
    int drain_seconds;   /* at shutdown, how long in-flight requests may take */
    int max_imports;     /* data uploads processed at once; more get 429 */
    bool access_log;
    bool warm_connections; /* open and prepare the workers' connections before listening */
    bool sync_normal;      /* SQLite synchronous=NORMAL */
    const char *locale_dir;
    const char *smtp_url;   /* "": no mail is sent (it stays queued) */
    const char *smtp_from;  /* the sender's address, required with smtp_url */
    const char *public_url; /* https://...: secure cookies and the origin writes must come from */
    int session_idle;       /* seconds a signed-in session may go unused */
    const char *trusted_proxy;  /* "": none; else IP addresses whose X-Forwarded-For counts */
    const char *security_log;   /* "": standard error (core/seclog.h; opened by cli serve) */
    const char *data_licence;   /* SPDX identifier of the data's licence (domain/licence.h) */
    int seminar_retention_days; /* days after a seminar its registrations are kept */
};

/* Serve until SIGTERM or SIGINT, then drain and return 0; non-zero on a startup failure. */
int http_serve(const struct serve_conf *conf);

#endif
