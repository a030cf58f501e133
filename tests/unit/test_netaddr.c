/*
 * test_netaddr.c — src/core/netaddr.c: addresses read and written canonically, the
 * trusted-proxy list, and the client behind trusted proxies read from X-Forwarded-For as
 * nginx's $proxy_add_x_forwarded_for writes it — including what a client writes itself to
 * pass for another address, which must never be believed.
 */
#include <string.h>

#include "core/netaddr.h"
#include "tap.h"

static struct netaddr
addr(const char *s)
{
    struct netaddr a;

    if (!netaddr_parse(s, strlen(s), &a))
        memset(&a, 0, sizeof(a));
    return a;
}

static const char *
text(const struct netaddr *a)
{
    static char buf[NETADDR_TEXT];

    netaddr_text(a, buf);
    return buf;
}

static void
test_parse(void)
{
    struct netaddr a;

    ok(netaddr_parse("192.0.2.7", 9, &a), "IPv4");
    is_str(text(&a), "192.0.2.7", "  written back as it was");
    ok(netaddr_parse(" 2001:DB8:0:0::1\t", 17, &a), "IPv6 with blanks around");
    is_str(text(&a), "2001:db8::1", "  written canonically");
    ok(netaddr_parse("::ffff:198.51.100.1", 19, &a), "IPv4-mapped IPv6");
    is_str(text(&a), "198.51.100.1", "  is the IPv4 address (a dual-stack socket's peer)");
    ok(netaddr_equal(&a, &(struct netaddr){0}) == false, "  and not the zero address");
    ok(!netaddr_parse("", 0, &a), "the empty string is not one");
    ok(!netaddr_parse("example.org", 11, &a), "a name is not one (no lookups)");
    ok(!netaddr_parse("192.0.2.7:8080", 14, &a), "an address with a port is not one");
    ok(!netaddr_parse("192.0.2.256", 11, &a), "an octet over 255 is not one");
    ok(!netaddr_parse("unknown", 7, &a), "nor nginx's word for a Unix socket's peer");
    ok(netaddr_parse("192.0.2.7, 10.0.0.1", 9, &a) && strcmp(text(&a), "192.0.2.7") == 0,
       "only len bytes are read");
}

static void
test_list(void)
{
    struct netaddr out[3];
    char bad[16];

    is_int(netaddr_list("", out, 3, bad, sizeof(bad)), 0, "an empty list: none");
    is_int(netaddr_list("127.0.0.1", out, 3, bad, sizeof(bad)), 1, "one address");
    is_int(netaddr_list(" 127.0.0.1, ::1 ,10.0.0.2 ", out, 3, bad, sizeof(bad)), 3,
           "three, by commas and spaces");
    is_str(text(&out[1]), "::1", "  the second is ::1");
    is_int(netaddr_list("127.0.0.1, proxy.local", out, 3, bad, sizeof(bad)), -1,
           "a name in the list: refused");
    is_str(bad, "proxy.local", "  naming it");
    is_int(netaddr_list("10.0.0.1 10.0.0.2 10.0.0.3 10.0.0.4", out, 3, bad, sizeof(bad)), -1,
           "more than the most: refused");
    is_str(bad, "10.0.0.4", "  naming the first one too many");
}

/* The client of a request from peer with X-Forwarded-For xff, behind proxies trusted. */
static const char *
client(const char *peer, const char *xff, const char *trusted)
{
    struct netaddr t[4], p = addr(peer), out;
    char bad[32];
    int n = netaddr_list(trusted, t, 4, bad, sizeof(bad));

    netaddr_client(&p, xff, t, n < 0 ? 0 : n, &out);
    return text(&out);
}

static void
test_client(void)
{
    is_str(client("198.51.100.9", NULL, ""), "198.51.100.9", "no proxy: the peer");
    is_str(client("198.51.100.9", "203.0.113.5", ""), "198.51.100.9",
           "no proxy trusted: X-Forwarded-For is ignored (anyone can send one)");
    is_str(client("198.51.100.9", "203.0.113.5", "127.0.0.1"), "198.51.100.9",
           "a peer that is not the trusted proxy: its header is ignored");
    is_str(client("127.0.0.1", NULL, "127.0.0.1"), "127.0.0.1",
           "the proxy without the header: the proxy");
    is_str(client("127.0.0.1", "203.0.113.5", "127.0.0.1"), "203.0.113.5",
           "through the proxy: the address it appended");
    is_str(client("127.0.0.1", "192.0.2.66, 203.0.113.5", "127.0.0.1"), "203.0.113.5",
           "a client's own X-Forwarded-For (left of the proxy's entry) is not believed");
    is_str(client("127.0.0.1", "203.0.113.5, 10.0.0.2", "127.0.0.1 10.0.0.2"), "203.0.113.5",
           "two proxies of ours: the entry before the second");
    is_str(client("127.0.0.1", "203.0.113.5,10.0.0.2 ", "127.0.0.1,10.0.0.2"), "203.0.113.5",
           "  with or without spaces");
    is_str(client("127.0.0.1", "10.0.0.2", "127.0.0.1, 10.0.0.2"), "10.0.0.2",
           "only proxies of ours in it: the leftmost of them");
    is_str(client("127.0.0.1", "junk, 203.0.113.5", "127.0.0.1"), "203.0.113.5",
           "junk left of the proxy's entry is never read");
    is_str(client("127.0.0.1", "203.0.113.5, junk", "127.0.0.1"), "127.0.0.1",
           "junk where the proxy's entry should be: the proxy itself");
    is_str(client("127.0.0.1", "", "127.0.0.1"), "127.0.0.1", "an empty header: the proxy");
    is_str(client("127.0.0.1", "2001:DB8::5", "127.0.0.1"), "2001:db8::5",
           "an IPv6 client, written canonically");
    is_str(client("::ffff:127.0.0.1", "203.0.113.5", "127.0.0.1"), "203.0.113.5",
           "a proxy reached as an IPv4-mapped address is the same proxy");
}

int
main(void)
{
    test_parse();
    test_list();
    test_client();
    return done_testing();
}
