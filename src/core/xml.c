/*
 * xml.c — the XML escaper (see xml.h).
 */
#include "core/xml.h"

void
xml_text(struct buf *b, const char *s)
{
    if (s == NULL)
        return;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;

        switch (c) {
        case '&':
            buf_adds(b, "&amp;");
            break;
        case '<':
            buf_adds(b, "&lt;");
            break;
        case '>':
            buf_adds(b, "&gt;");
            break;
        case '"':
            buf_adds(b, "&quot;");
            break;
        case '\'':
            buf_adds(b, "&apos;");
            break;
        default:
            if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r')
                buf_addc(b, (char)c);
        }
    }
}
