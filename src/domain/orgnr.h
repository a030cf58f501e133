/*
 * orgnr.h — Swedish organisation numbers (organisationsnummer).
 */
#ifndef DOMAIN_ORGNR_H
#define DOMAIN_ORGNR_H

#include <stdbool.h>

/* Accepts NNNNNN-NNNN or NNNNNNNNNN (also with a 16 century prefix); checks the
 * Luhn digit and that the third digit is >= 2 for legal persons is NOT required
 * (sole traders use personal numbers). Writes the canonical NNNNNN-NNNN to out (12 bytes). */
bool orgnr_valid(const char *s, char out[12]);

#endif
