/*
 * xml.h — the one XML escaper: text as XML 1.0 character data or a quoted attribute value,
 * for the XML documents samverka writes itself (the network's GraphML, domain/collab.c;
 * the Atom feeds, web/file_feed.c). HTML goes through web/html.c, never through this.
 *
 * Never writes markup of its own: the five special characters become entities, and the
 * control characters XML 1.0 does not allow (C0 but TAB, LF and CR) are left out, so no
 * stored text can end an element or an attribute or make the document ill-formed. The
 * rest is copied byte for byte: the caller's text is UTF-8 already (checked where it
 * came in).
 */
#ifndef CORE_XML_H
#define CORE_XML_H

#include "core/buf.h"

/* s (NUL-terminated, NULL: nothing) escaped onto b; b's sticky error says if it ran out. */
void xml_text(struct buf *b, const char *s);

#endif
