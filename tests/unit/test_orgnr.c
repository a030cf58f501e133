/*
 * test_orgnr.c — src/domain/orgnr.c: Swedish organisation numbers.
 *
 * The check digits below were computed by hand with the Luhn rule the code
 * implements: weights 2,1,2,1,2,1,2,1,2 on the first nine digits (a doubled
 * digit above 9 has 9 taken off), and the tenth digit makes the sum a
 * multiple of 10.
 *
 *   556036-079?  5*2->1 5 6*2->3 0 3*2=6 6 0*2=0 7 9*2->9   sum 37, check 3   556036-0793
 *   202100-521?  2*2=4 0 2*2=4 1 0*2=0 0 5*2->1 2 1*2=2     sum 14, check 6   202100-5216
 *   212000-014?  2*2=4 1 2*2=4 0 0*2=0 0 0*2=0 1 4*2=8     sum 18, check 2   212000-0142
 *   556012-579?  5*2->1 5 6*2->3 0 1*2=2 2 5*2->1 7 9*2->9  sum 30, check 0   556012-5790
 */
#include <stdio.h>
#include <string.h>

#include "domain/orgnr.h"
#include "tap.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct {
    const char *in, *canonical;
} valid[] = {
    {"556036-0793", "556036-0793"},
    {"5560360793", "556036-0793"},
    {"202100-5216", "202100-5216"},
    {"2021005216", "202100-5216"},
    {"212000-0142", "212000-0142"},
    {"2120000142", "212000-0142"},
    {"556012-5790", "556012-5790"},
    /* the twelve-digit form with the 16 prefix */
    {"165560360793", "556036-0793"},
    {"16556036-0793", "556036-0793"},
    {"162120000142", "212000-0142"},
};

static const struct {
    const char *in, *why;
} invalid[] = {
    {"556036-0794", "wrong check digit"},
    {"556036-0790", "wrong check digit"},
    {"5560360792", "wrong check digit, no hyphen"},
    {"202100-5217", "wrong check digit"},
    {"165560360794", "wrong check digit, 12 digits"},
    {"556306-0793", "swapped digits"},
    {"55603a-0793", "a letter"},
    {"556036-079X", "a letter as check digit"},
    {"O56036-0793", "letter O for zero"},
    {"556036-079", "9 digits"},
    {"55603-0793", "9 digits, hyphen after 5"},
    {"556036-07931", "11 digits"},
    {"55603607931", "11 digits, no hyphen"},
    {"1655603607931", "13 digits"},
    {"5560360793556", "13 digits"},
    {"195560360793", "12 digits without the 16 prefix"},
    {"205560360793", "12 digits without the 16 prefix"},
    {"", "empty"},
    {"-", "only a hyphen"},
    {"55603-60793", "hyphen after 5 digits"},
    {"5560-360793", "hyphen after 4 digits"},
    {"5-560360793", "hyphen after 1 digit"},
    {"-5560360793", "leading hyphen"},
    {"5560360793-", "trailing hyphen"},
    {"556036 0793", "space instead of hyphen"},
    {"556036+0793", "plus instead of hyphen"},
    {" 5560360793", "leading space"},
    {"5560360793 ", "trailing space"},
    {"556036\xe2\x80\x91"
     "0793",
     "non-breaking hyphen U+2011"},
    {"\xef\xbc\x95\x35\x36\x30\x33\x36-0793", "fullwidth digit"},
};

/* Independent check digit for nine digits (for the sweep below). */
static int
luhn_digit(const char *d9)
{
    int i, v, sum = 0;

    for (i = 0; i < 9; i++) {
        v = d9[i] - '0';
        if (i % 2 == 0) {
            v *= 2;
            if (v > 9)
                v -= 9;
        }
        sum += v;
    }
    return (10 - sum % 10) % 10;
}

int
main(void)
{
    char out[12], num[12], name[96];
    size_t i;
    int d, n_ok;
    bool r;
    static const char *const bases[] = {"556036079", "202100521", "212000014",
                                        "556012579", "802002496", "969756123"};

    for (i = 0; i < N(valid); i++) {
        memset(out, 'x', sizeof(out));
        r = orgnr_valid(valid[i].in, out);
        snprintf(name, sizeof(name), "orgnr_valid(\"%s\") accepts", valid[i].in);
        ok(r, "%s", name);
        snprintf(name, sizeof(name), "orgnr_valid(\"%s\") gives %s", valid[i].in,
                 valid[i].canonical);
        is_str(r ? out : NULL, valid[i].canonical, name);
    }

    for (i = 0; i < N(invalid); i++) {
        memcpy(out, "untouched!", 11);
        r = orgnr_valid(invalid[i].in, out);
        ok(!r && strcmp(out, "untouched!") == 0, "orgnr_valid(\"%s\") rejects (%s)", invalid[i].in,
           invalid[i].why);
    }
    ok(!orgnr_valid(NULL, out), "orgnr_valid(NULL) rejects");

    /* exactly one of the ten possible last digits passes, and it is the Luhn one */
    for (i = 0; i < N(bases); i++) {
        n_ok = 0;
        for (d = 0; d <= 9; d++) {
            snprintf(num, sizeof(num), "%s%d", bases[i], d);
            if (orgnr_valid(num, out)) {
                n_ok++;
                if (d != luhn_digit(bases[i]))
                    n_ok = 100;
            }
        }
        ok(n_ok == 1, "%s?: only check digit %d is accepted", bases[i], luhn_digit(bases[i]));
    }
    return done_testing();
}
