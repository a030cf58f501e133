/*
 * orgnr.c — Swedish organisation numbers (organisationsnummer).
 *
 * Ten digits NNNNNN-NNNN; the last is a Luhn (mod 10) check digit over the
 * first nine. A twelve-digit form with the century prefix 16 (used by some
 * registers for legal persons) is accepted and shortened. The hyphen is
 * optional on input and always present in the canonical form.
 */
#include "domain/orgnr.h"

#include <ctype.h>
#include <string.h>

bool
orgnr_valid(const char *s, char out[12])
{
    char d[13];
    size_t n = 0, i, len, hyphen = 0;
    int sum = 0, v;

    if (s == NULL)
        return false;
    len = strlen(s);
    for (i = 0; s[i] != '\0'; i++) {
        if (isdigit((unsigned char)s[i])) {
            if (n >= 12)
                return false;
            d[n++] = s[i];
        } else if (s[i] == '-' && hyphen == 0 && (n == 6 || n == 8) && len - i - 1 == 4) {
            hyphen++; /* only as NNNNNN-NNNN or 16NNNNNN-NNNN */
        } else {
            return false;
        }
    }
    if (n == 12) {
        if (d[0] != '1' || d[1] != '6')
            return false;
        memmove(d, d + 2, 10);
        n = 10;
    }
    if (n != 10)
        return false;
    for (i = 0; i < 10; i++) {
        v = d[i] - '0';
        if (i % 2 == 0) {
            v *= 2;
            if (v > 9)
                v -= 9;
        }
        sum += v;
    }
    if (sum % 10 != 0)
        return false;
    memcpy(out, d, 6);
    out[6] = '-';
    memcpy(out + 7, d + 6, 4);
    out[11] = '\0';
    return true;
}
