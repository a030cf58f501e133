/*
 * limits.h — the limits at the HTTP boundary. Everything a client can make
 * us hold is bounded here or in the configuration (samverka.conf(5)).
 */
#ifndef HTTP_LIMITS_H
#define HTTP_LIMITS_H

/* per-connection memory for the request line and headers (libmicrohttpd) */
#define HTTP_CONN_MEMORY (32u * 1024)
/* largest request body accepted (no route takes more yet) */
#define HTTP_MAX_BODY (1u * 1024 * 1024)
/* longest path we route */
#define HTTP_MAX_PATH 1024
/* bytes of the Cookie header fields together (a session cookie is well under 100; other
 * sites' cookies on a shared host can be more); more: 431, nothing routed */
#define HTTP_MAX_COOKIE 8192
/* query parameters in one request (no route declares more than a dozen); more: 414 */
#define HTTP_MAX_QUERY_PARAMS 64
/* cache key (path + query) beyond which a response is not cached */
#define HTTP_MAX_CACHE_KEY 512
/* the generations of missions' content the response cache keeps apart (by mission id modulo:
 * missions sharing one re-render with each other's writes, nothing worse); 8 kB of counters */
#define HTTP_MISSION_GENERATIONS 1024
/* distinct pages counted in memory between flushes; more are dropped (and logged) */
#define HTTP_MAX_COUNTED_PAGES 8192
/* signed-in sessions whose last use the server remembers between two writes of them */
#define HTTP_MAX_SEEN_SESSIONS 16384

#endif
