/*
 * password.h — whether a new password is too easy to guess (SECURITY.md item 2,
 * ASVS 6.2.4): the lists of common passwords compiled into the binary
 * (data/passwords/, see its README) and the few shapes that are as weak as a listed one.
 *
 * A password is reduced to its core: a leading and a trailing run of ASCII digits,
 * punctuation and spaces removed, ASCII letters folded to lower case (other bytes as they
 * are). It is weak when the core is empty; when it is a run of at most 4 characters
 * repeated (the last repetition may be cut short: "abcabcab"), the core itself included;
 * or when it is some unit repeated whole once or more ("qwertyqwerty") and that unit is a
 * listed password or a context word (the account's e-mail address, its local part,
 * "samverka"; each reduced the same way). A passphrase of a few words is none of these.
 *
 * Never: keep, log or copy a password anywhere but the caller's stack; cut one.
 */
#ifndef DOMAIN_PASSWORD_H
#define DOMAIN_PASSWORD_H

#include <stdbool.h>
#include <stddef.h>

/* The files the lists are read from, as the Makefile embeds them. */
#define PASSWORD_LIST_JOHN    "data/passwords/john-password.lst"
#define PASSWORD_LIST_SWEDISH "data/passwords/swedish.lst"

/*
 * Whether password (len bytes, at most USER_PASSWORD_MAX; callers check its length and
 * UTF-8 first) is too easy to guess for the account with address email (NULL when there
 * is none yet known). The first call builds the lists (once per process; safe from any
 * thread); a list missing from the build is a fatal error (die), as the binary is broken.
 */
bool password_is_weak(const char *password, size_t len, const char *email);

/* How many distinct listed cores were built (for tests and the README's count). */
size_t password_list_count(void);

#endif
