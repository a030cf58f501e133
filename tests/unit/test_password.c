/*
 * test_password.c — the check of a new password against the common-password lists and the
 * weak shapes (domain/password.c, SECURITY.md item 2 / ASVS 6.2.4), and its place in
 * user_password_hash_for: a table of refused and accepted passwords, the byte limits
 * (12 and 128, nothing cut), the account's address as a context word, and a refusal that
 * says something other than the length's. No database: the lists are embedded.
 */
#include <stdio.h>
#include <string.h>

#include "domain/password.h"
#include "domain/user.h"
#include "tap.h"

struct pw_case {
    const char *password;
    const char *email; /* the account's, or NULL */
    bool weak;
    const char *why;
};

static const struct pw_case cases[] = {
    /* the core (ends trimmed) is empty */
    {"123456789012", NULL, true, "only digits"},
    {"2026-12-03!!", NULL, true, "only digits and punctuation"},
    {"            ", NULL, true, "only spaces"},
    /* a listed password, its case, its ends */
    {"password", NULL, true, "a listed password (below 12 bytes, checked alone)"},
    {"Password2026!", NULL, true, "a listed password with digits and punctuation after"},
    {"!!PASSWORD!!1234", NULL, true, "a listed password in capitals between punctuation"},
    {"1234qwerty5678", NULL, true, "a listed password between digits"},
    {"iloveyou2026", NULL, true, "a listed password of John's list"},
    {"lösenord1234", NULL, true, "a Swedish one of ours, non-ASCII"},
    {"LöSENORD1234", NULL, true, "  ASCII folded beside non-ASCII"},
    {"Sommar2026!!", NULL, true, "sommar"},
    {"fotboll12345", NULL, true, "fotboll"},
    /* a listed password repeated */
    {"passwordpassword", NULL, true, "a listed password twice"},
    {"PassWordpassWORD", NULL, true, "  in mixed case"},
    {"qwertyqwerty", NULL, true, "qwerty twice"},
    {"hejsanhejsanhejsan", NULL, true, "hejsan three times"},
    {"12monkeymonkeymonkey!", NULL, true, "monkey three times between digits and punctuation"},
    /* one character or a run of at most 4 repeated */
    {"aaaaaaaaaaaa", NULL, true, "one letter twelve times"},
    {"ÅÅÅÅÅÅ", NULL, true, "one non-ASCII letter six times (12 bytes)"},
    {"abcabcabcabc", NULL, true, "three letters repeated"},
    {"xqzvxqzvxqzv", NULL, true, "four letters repeated"},
    {"12ab12ab12ab", NULL, true, "a 4-character run with digits inside, repeated"},
    {"åäöåäöåäöåäö", NULL, true, "three non-ASCII letters repeated (four characters at most)"},
    {"2026 kl 14:30", NULL, true, "a core of two letters"},
    /* context words */
    {"samverka2026", NULL, true, "the platform's name"},
    {"SamverkaSamverka", NULL, true, "  twice"},
    {"anna.karlsson", "anna.karlsson@example.org", true, "the address's local part"},
    {"Anna.Karlsson1990!", "anna.karlsson@example.org", true, "  with a year, in capitals"},
    {"anna.karlsson@example.org", "anna.karlsson@example.org", true, "the whole address"},
    /* accepted */
    {"correct horse battery staple", NULL, false, "a passphrase"},
    {"Mitt barn äter god skolmat 2030", NULL, false, "a Swedish passphrase with a year"},
    {"password is not my password", NULL, false, "a passphrase with a listed word in it"},
    {"qwertyqwertyx", NULL, false, "not a repetition: one letter more"},
    {"xqzvkxqzvkxqzvk", NULL, false, "a run of five characters repeated"},
    {"twelve bytes", NULL, false, "two words"},
    {"demo-admin-2026", NULL, false, "the demo administrator's"},
    {"demo-coordinator-2026", NULL, false, "the demo coordinator's"},
    {"demo-actor-2026", NULL, false, "the demo actor's"},
    {"anna.karlsson is away", "anna.karlsson@example.org", false, "the local part and more"},
    {"anna.karlsson", "erik.berg@example.org", false, "another account's local part"},
};

int
main(void)
{
    struct write_error e;
    char h[USER_HASH_LEN], pw128[USER_PASSWORD_MAX + 1], pw129[USER_PASSWORD_MAX + 2];
    size_t i;

    ok(password_list_count() > 3000, "the lists hold %zu distinct cores", password_list_count());
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        ok(password_is_weak(cases[i].password, strlen(cases[i].password), cases[i].email) ==
               cases[i].weak,
           "%s: \"%s\" (%s)", cases[i].weak ? "weak" : "accepted", cases[i].password, cases[i].why);

    /* through user_password_hash_for: the field, the message, the order of the checks */
    memset(&e, 0, sizeof(e));
    is_int(user_password_hash_for(&e, "password", "passwordpassword", NULL, h), ERR_INVALID,
           "a weak password is refused");
    ok(e.field != NULL && strcmp(e.field, "password") == 0, "  naming the field");
    ok(e.msg != NULL && strcmp(e.msg, USER_PASSWORD_WEAK) == 0, "  saying it is too common");
    is_int(user_password_hash_for(&e, "password", "password1", NULL, h), ERR_INVALID,
           "a listed password below 12 bytes is refused");
    ok(strcmp(e.msg, USER_PASSWORD_WEAK) != 0, "  for its length, not as a common one");
    is_int(user_password_hash_for(&e, "password", "anna.karlsson2", "anna.karlsson@example.org", h),
           ERR_INVALID, "the address's local part is refused for that account");
    ok(strcmp(e.msg, USER_PASSWORD_WEAK) == 0, "  as too easy to guess");
    is_int(user_password_hash(&e, "password", "qwertyqwerty", h), ERR_INVALID,
           "user_password_hash (no address) checks the lists too");
    is_int(user_password_hash_for(&e, "password", "twelve bytes", NULL, h), ERR_OK,
           "12 bytes are accepted");
    is_int(user_password_hash_for(&e, "password", "demo-admin-2026", "admin@example.org", h),
           ERR_OK, "the demo administrator's password is accepted for its account");

    /* the byte limits, and the whole password counts: nothing is cut */
    memset(pw128, 'x', USER_PASSWORD_MAX);
    pw128[USER_PASSWORD_MAX] = '\0';
    is_int(user_password_hash_for(&e, "password", pw128, NULL, h), ERR_INVALID,
           "128 bytes of one letter are refused as weak");
    ok(strcmp(e.msg, USER_PASSWORD_WEAK) == 0, "  as weak, not for the length");
    pw128[USER_PASSWORD_MAX - 1] = 'y';
    is_int(user_password_hash_for(&e, "password", pw128, NULL, h), ERR_OK,
           "127 of one letter and another last byte are accepted (the last byte counts)");
    for (i = 0; i + 8 <= USER_PASSWORD_MAX; i += 8)
        memcpy(pw128 + i, "password", 8);
    pw128[USER_PASSWORD_MAX] = '\0';
    is_int(user_password_hash_for(&e, "password", pw128, NULL, h), ERR_INVALID,
           "\"password\" 16 times (128 bytes) is refused");
    memcpy(pw129, pw128, USER_PASSWORD_MAX);
    pw129[USER_PASSWORD_MAX] = 'z';
    pw129[USER_PASSWORD_MAX + 1] = '\0';
    is_int(user_password_hash_for(&e, "password", pw129, NULL, h), ERR_INVALID,
           "129 bytes are refused");
    ok(strstr(e.msg, "longer than 128") != NULL, "  for the length");
    pw128[USER_PASSWORD_MAX - 1] = 'z';
    is_int(user_password_hash_for(&e, "password", pw128, NULL, h), ERR_OK,
           "\"password\" 16 times with another last byte is accepted (no repetition)");
    return done_testing();
}
