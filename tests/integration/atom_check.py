#!/usr/bin/python3
"""atom_check.py — an Atom feed (file_feed.c) read by two parsers of its own (t_43_atom.sh).

    atom_check.py LABEL FEED.xml SUMMARY.json [MAX_ENTRIES]

1. Debian's python3-feedparser, as feed readers read it: bozo must be 0 (well-formed, no
   character-encoding trouble), a title, entries with titles, links and ids.
2. RFC 4287 by hand, with xml.etree: the root is atom:feed; exactly one atom:id, atom:title
   and atom:updated at the feed's level (4.1.1), an atom:author there or in every entry,
   a link rel="self" (4.1.1, SHOULD), at most one rel="alternate" per type and hreflang;
   every entry has exactly one atom:id, atom:title, atom:updated (4.1.2), a rel="alternate"
   link or an atom:content (4.1.2), a summary of type text; every id an absolute IRI (4.2.6,
   a scheme), no two entries with the same id (4.1.1), every date an RFC 3339 date-time
   (3.3); text constructs of type text hold no child elements (3.1.1.1); entries newest
   first and at most MAX_ENTRIES (default 50) of them.

Prints TAP-like lines ("ok - ...", "not ok - ...") for tap_checks, and writes what the shell
asserts on to SUMMARY.json: the feed's lang, id, title, self link, and each entry's id,
title, link, updated and category term, in the feed's order.
"""
import json
import re
import sys
import xml.etree.ElementTree as ET

import feedparser

label, path, out = sys.argv[1:4]
max_entries = int(sys.argv[4]) if len(sys.argv) > 4 else 50
A = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
RFC3339 = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$")
failed = 0


def check(ok, what, detail=""):
    global failed
    print(("ok - " if ok else "not ok - ") + label + ": " + what)
    if not ok:
        failed += 1
        if detail:
            print("#   " + str(detail)[:300])


with open(path, "rb") as f:
    raw = f.read()

# ---- 1. feedparser
d = feedparser.parse(raw)
check(d.bozo == 0, "feedparser reads it without a complaint (bozo 0)",
      d.get("bozo_exception"))
check(d.version == "atom10", "feedparser sees Atom 1.0", d.version)
check(bool(d.feed.get("title")), "feedparser finds the feed's title")
check(len(d.entries) > 0, "feedparser finds entries")
check(all(e.get("title") and e.get("link") and e.get("id") for e in d.entries),
      "feedparser finds a title, a link and an id in every entry")

# ---- 2. RFC 4287 by hand
root = ET.fromstring(raw)
check(root.tag == A + "feed", "the root element is atom:feed", root.tag)


def one(parent, name, where):
    found = parent.findall(A + name)
    check(len(found) == 1, "%s has exactly one atom:%s" % (where, name), len(found))
    return found[0] if found else None


def text_construct(el, where):
    if el is None:
        return ""
    kind = el.get("type", "text")
    check(kind == "text" and len(el) == 0, "%s is plain text (type text, no markup)" % where,
          kind)
    return el.text or ""


def date(el, where):
    s = el.text if el is not None else ""
    check(bool(RFC3339.match(s or "")), "%s is an RFC 3339 date-time" % where, s)
    return s


fid = one(root, "id", "the feed")
check(fid is not None and bool(IRI.match(fid.text or "")), "the feed's id is an absolute IRI",
      fid.text if fid is not None else None)
ftitle = text_construct(one(root, "title", "the feed"), "the feed's title")
fupdated = date(one(root, "updated", "the feed"), "the feed's updated")
links = root.findall(A + "link")
selfs = [l for l in links if l.get("rel") == "self"]
check(len(selfs) == 1 and bool(selfs[0].get("href")), "the feed has one link rel=self")
alts = [(l.get("type"), l.get("hreflang")) for l in links if l.get("rel", "alternate") == "alternate"]
check(len(alts) == len(set(alts)), "no two alternate links of the same type and hreflang")
feed_author = root.findall(A + "author")
check(all(a.find(A + "name") is not None for a in feed_author), "every author has a name")

entries = root.findall(A + "entry")
check(0 < len(entries) <= max_entries, "1 to %d entries" % max_entries, len(entries))
# the entries' rules, each checked over every entry: one line per rule, naming the first
# entry that breaks it
rules = {}


def rule(ok, what, where, detail=""):
    if not ok and what not in rules:
        rules[what] = "%s: %s" % (where, detail)
    rules.setdefault(what, None)


def count(e, name):
    return len(e.findall(A + name))


ids, summary, dates = [], [], []
for i, e in enumerate(entries):
    where = "entry %d" % (i + 1)
    for name in ("id", "title", "updated"):
        rule(count(e, name) == 1, "every entry has exactly one atom:" + name, where,
             count(e, name))
    eid, etitle, eupd = e.find(A + "id"), e.find(A + "title"), e.find(A + "updated")
    summ = e.find(A + "summary")
    for el, name in ((etitle, "title"), (summ, "summary")):
        rule(el is not None and el.get("type", "text") == "text" and len(el) == 0,
             "every entry's %s is plain text (type text, no markup)" % name, where)
    upd = eupd.text if eupd is not None else ""
    rule(bool(RFC3339.match(upd or "")), "every entry's updated is an RFC 3339 date-time", where,
         upd)
    elinks = [l for l in e.findall(A + "link") if l.get("rel", "alternate") == "alternate"]
    rule(len(elinks) == 1 or e.find(A + "content") is not None,
         "every entry has one link rel=alternate (or content)", where)
    rule(bool(feed_author) or e.find(A + "author") is not None,
         "every entry has an author (its own or the feed's)", where)
    idt = eid.text if eid is not None else ""
    rule(bool(IRI.match(idt or "")), "every entry's id is an absolute IRI", where, idt)
    ids.append(idt)
    dates.append(upd)
    cat = e.find(A + "category")
    summary.append({"id": idt, "title": etitle.text if etitle is not None else "",
                    "updated": upd, "link": elinks[0].get("href") if elinks else None,
                    "summary": summ.text if summ is not None else "",
                    "term": cat.get("term") if cat is not None else None})
for what, bad in rules.items():
    check(bad is None, what, bad)
check(len(ids) == len(set(ids)), "no two entries share an id")
check(dates == sorted(dates, reverse=True), "entries are newest first")
check(not dates or fupdated == dates[0], "the feed's updated is its newest entry's",
      (fupdated, dates[:1]))

with open(out, "w", encoding="utf-8") as f:
    json.dump({"lang": root.get(XML_LANG), "id": fid.text if fid is not None else None,
               "title": ftitle, "self": selfs[0].get("href") if selfs else None,
               "alternate": [l.get("href") for l in links if l.get("rel") == "alternate"],
               "author": [a.findtext(A + "name") for a in feed_author],
               "entries": summary}, f, ensure_ascii=False, indent=1)
sys.exit(1 if failed else 0)
