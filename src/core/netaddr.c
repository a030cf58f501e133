/*
 * netaddr.c — IP addresses and the client behind trusted proxies (see netaddr.h).
 */
#include "core/netaddr.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

/* the most bytes of an address's text we read (an IPv6 address with an IPv4 tail is 45) */
#define TEXT_MAX 64

static bool
is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* ::ffff:a.b.c.d is a.b.c.d, as a dual-stack socket reports an IPv4 peer */
static void
unmap(struct netaddr *a)
{
    static const unsigned char prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

    if (a->family == AF_INET6 && memcmp(a->bytes, prefix, sizeof(prefix)) == 0) {
        memmove(a->bytes, a->bytes + 12, 4);
        memset(a->bytes + 4, 0, 12);
        a->family = AF_INET;
    }
}

bool
netaddr_parse(const char *s, size_t len, struct netaddr *out)
{
    char text[TEXT_MAX];

    while (len > 0 && is_blank(*s)) {
        s++;
        len--;
    }
    while (len > 0 && is_blank(s[len - 1]))
        len--;
    if (len == 0 || len >= sizeof(text))
        return false;
    memcpy(text, s, len);
    text[len] = '\0';
    memset(out, 0, sizeof(*out));
    if (inet_pton(AF_INET, text, out->bytes) == 1) {
        out->family = AF_INET;
        return true;
    }
    if (inet_pton(AF_INET6, text, out->bytes) == 1) {
        out->family = AF_INET6;
        unmap(out);
        return true;
    }
    return false;
}

void
netaddr_text(const struct netaddr *a, char out[NETADDR_TEXT])
{
    out[0] = '\0';
    if (a->family == AF_INET || a->family == AF_INET6)
        inet_ntop(a->family, a->bytes, out, NETADDR_TEXT);
}

bool
netaddr_equal(const struct netaddr *a, const struct netaddr *b)
{
    return a->family == b->family && memcmp(a->bytes, b->bytes, a->family == AF_INET ? 4 : 16) == 0;
}

int
netaddr_list(const char *s, struct netaddr *out, int max, char *bad, size_t size)
{
    int n = 0;

    if (size > 0)
        bad[0] = '\0';
    while (*s != '\0') {
        size_t len;

        s += strspn(s, ", \t");
        len = strcspn(s, ", \t");
        if (len == 0)
            break;
        if (n >= max || !netaddr_parse(s, len, &out[n])) {
            if (size > 0)
                snprintf(bad, size, "%.*s", (int)len, s);
            return -1;
        }
        n++;
        s += len;
    }
    return n;
}

static bool
trusted_one(const struct netaddr *a, const struct netaddr *trusted, int n)
{
    int i;

    for (i = 0; i < n; i++)
        if (netaddr_equal(a, &trusted[i]))
            return true;
    return false;
}

void
netaddr_client(const struct netaddr *peer, const char *forwarded, const struct netaddr *trusted,
               int n, struct netaddr *out)
{
    const char *end;

    *out = *peer;
    if (forwarded == NULL || !trusted_one(peer, trusted, n))
        return;
    end = forwarded + strlen(forwarded);
    /* from the right: each entry was written by the hop before the one that sent it on */
    while (end > forwarded) {
        const char *start = end;
        struct netaddr hop;

        while (start > forwarded && start[-1] != ',')
            start--;
        if (!netaddr_parse(start, (size_t)(end - start), &hop))
            return;
        *out = hop;
        if (!trusted_one(&hop, trusted, n))
            return;
        end = start > forwarded ? start - 1 : start;
    }
}
