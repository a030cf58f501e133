#!/usr/bin/python3
"""ics_check.py FILE — read an iCalendar file with python3-icalendar, an independent
parser, and print what the tests compare, one event a line, sorted by UID:

    UID<TAB>DTSTART as Unix seconds<TAB>DTEND as Unix seconds<TAB>SUMMARY<TAB>STATUS<TAB>TZID

after a first line "ok" when the file keeps RFC 5545's form (CRLF line ends only, every
line at most 75 octets, VERSION:2.0, a VTIMEZONE for every TZID used) or "bad: why".
"""
import sys

from icalendar import Calendar

raw = open(sys.argv[1], "rb").read()
why = []
if b"\n" in raw.replace(b"\r\n", b""):
    why.append("a line ends without CR")
for n, line in enumerate(raw.split(b"\r\n"), 1):
    if len(line) > 75:
        why.append("line %d has %d octets" % (n, len(line)))
        break
cal = Calendar.from_ical(raw)
if str(cal.get("VERSION")) != "2.0":
    why.append("no VERSION:2.0")
zones = {str(z.get("TZID")) for z in cal.walk("VTIMEZONE")}
rows = []
for ev in cal.walk("VEVENT"):
    start = ev.decoded("DTSTART")
    end = ev.decoded("DTEND")
    tzid = ev["DTSTART"].params.get("TZID", "")
    if tzid and tzid not in zones:
        why.append("TZID %s without its VTIMEZONE" % tzid)
    if start.tzinfo is None:
        why.append("a floating DTSTART")
    rows.append("%s\t%d\t%d\t%s\t%s\t%s" % (ev.get("UID"), int(start.timestamp()),
                                            int(end.timestamp()), ev.get("SUMMARY"),
                                            ev.get("STATUS"), tzid))
print("ok" if not why else "bad: " + "; ".join(why))
for r in sorted(rows):
    print(r)
