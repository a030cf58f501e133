/*
 * netaddr.h — IP addresses for the throttles: the client's address behind trusted reverse
 * proxies (X-Forwarded-For). Pure; no name lookups.
 *
 * A proxy such as nginx with `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for`
 * appends the address it was connected from to whatever the client sent. Only the entries
 * appended by proxies we trust can be believed: the client's address is the rightmost entry
 * that is not itself a trusted proxy, read from the right while each hop is trusted. A
 * client writing its own X-Forwarded-For can only add entries to the left of the ones our
 * proxies append, which are never read.
 */
#ifndef CORE_NETADDR_H
#define CORE_NETADDR_H

#include <stdbool.h>
#include <stddef.h>

/* the most trusted proxies a server takes (trusted-proxy) */
#define NETADDR_MAX_TRUSTED 16
/* text of an address, IPv6 included, with its NUL (INET6_ADDRSTRLEN) */
#define NETADDR_TEXT 46

struct netaddr {
    int family; /* AF_INET or AF_INET6; an IPv4-mapped IPv6 address is kept as IPv4 */
    unsigned char bytes[16];
};

/* Parse one address written as text (len bytes of s: "192.0.2.7", "2001:db8::1",
 * "::ffff:192.0.2.7"); spaces and tabs around it are ignored. False if it is not one. */
bool netaddr_parse(const char *s, size_t len, struct netaddr *out);

/* The address as text ("192.0.2.7", "2001:db8::1"; canonical, so two spellings of one
 * address give one text) in out (NETADDR_TEXT bytes). */
void netaddr_text(const struct netaddr *a, char out[NETADDR_TEXT]);

bool netaddr_equal(const struct netaddr *a, const struct netaddr *b);

/*
 * A list of addresses separated by commas or spaces (the trusted-proxy setting) into
 * out[0 .. max): how many, or -1 when an item is not an address or there are more than
 * max; then bad (size bytes) holds the item at fault (cut to fit).
 */
int netaddr_list(const char *s, struct netaddr *out, int max, char *bad, size_t size);

/*
 * The client's address: peer's, unless peer is one of trusted[0 .. n) and forwarded (an
 * X-Forwarded-For value; NULL: none) names one; then the rightmost entry of forwarded that
 * is not trusted, passing over trusted ones. An entry that is not an address stops the
 * walk at the last address read (a proxy of ours never writes one, so it came from the
 * client side of them). Into *out.
 */
void netaddr_client(const struct netaddr *peer, const char *forwarded,
                    const struct netaddr *trusted, int n, struct netaddr *out);

#endif
