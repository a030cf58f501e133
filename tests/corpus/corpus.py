#!/usr/bin/env python3
"""corpus.py: measure samverka on real Open SDG data files (run by tests/corpus/run.sh).

Python 3 from Debian only (no pip). The classification of a file is this script's own,
made with the csv module, so that a defect in samverka's parser cannot hide itself:

  not Open SDG data  the header has no Year or no Value column, or the file is not
                     UTF-8 text: an Open SDG site does not render it either. Counted
                     and listed, neither eligible nor faulty.
  faulty             two rows give different values for one key (Year and every other
                     column except Value and the attribute columns below), a row is
                     shorter or longer than the header, or a Value is Inf or NaN.
                     samverka must refuse it and name the line of the fault.
  eligible           every other file: samverka should import it.

A file "has data" when at least one row has a numeric, finite Value.
"""

import argparse
import csv
import io
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

# Columns that describe an observation instead of telling two observations apart: a
# second row that differs only in these gives a second value for the same key. Units,
# Series, GeoCode and the unit columns stay in the key (they may tell series apart).
ATTRIBUTE_COLUMNS = {
    "value",
    "source",
    "sources",
    "note",
    "notes",
    "footnote",
    "footnotes",
    "comment",
    "comments",
    "comment_obs",
    "comment_ts",
    "observation status",
    "obs_status",
    "data_last_update",
    "last update",
}

# The mission every indicator is created in: the SDG period (Agenda 2030 from 2015), so
# the default base year is the one Open SDG's progress measure uses.
# The columns Open SDG's builder reads as attributes of an observation, not as
# disaggregations (issue 11): a file whose every row fills one of them has no headline
# series if they are taken for breakdowns.
OPEN_SDG_ATTRIBUTES = {
    "units",
    "series",
    "geocode",
    "observation status",
    "unit multiplier",
    "unit measure",
    "unit_measure",
    "comment_obs",
    "comment_ts",
    "data_last_update",
}

MISSION = {
    "slug": "corpus",
    "title": {"sv": "Open SDG-korpus", "en": "Open SDG corpus"},
    "goal": {"sv": "Agenda 2030", "en": "The 2030 Agenda"},
    "start_year": 2015,
    "deadline": "2030-12-31",
}
BASE_YEAR = MISSION["start_year"]  # the default base year of every indicator in it
# what the indicator page says when a series cannot be assessed (Swedish, the default): a
# single year, no data from the base year on, a base value the rate cannot start from
WHY_NOT = ("En trend kräver två", "Inga data från basåret", "olika tecken", "utgångsvärdet noll")
GOAL_IMPORTED = 0.99  # the goal: at least 99 % of the eligible files import


class Verdict:
    """The independent classification of one file."""

    def __init__(self):
        self.kind = "eligible"  # eligible | faulty | not_osdg
        self.why = ""  # for faulty and not_osdg: the first fault found
        self.fault_lines = set()  # the physical lines of that fault (1-based)
        self.values = 0  # rows with a numeric, finite Value
        # whether some series (the key without Year) has values in two years or more: only
        # then can any series be assessed (a trend needs two years)
        self.trend = False
        # whether every value is above zero: the rate method needs that of a series' base
        self.positive = True


def lack_reason(path):
    """Why an imported file with data has no chart or no assessed series, judged from the
    file: no headline rows (and which columns every row fills), or headline data that
    end before the base year or have fewer than two years from it."""
    text = open(path, "rb").read().decode("utf-8-sig")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    dims = [i for i, h in enumerate(header) if h not in ("Year", "Value", "Series", "Units")]
    rows = [r for r in reader if len(r) >= len(header) and _num(r[header.index("Value")].strip())
            is not None]
    head = [r for r in rows if all(r[i].strip() == "" for i in dims)]
    if not head:
        always = [header[i] for i in dims if all(r[i].strip() for r in rows)]
        attrs = [c for c in always if c.strip().lower() in OPEN_SDG_ATTRIBUTES]
        if always and len(attrs) == len(always):
            return "no headline row: the only columns every row fills are Open SDG attributes"
        if attrs:
            return "no headline row: every row fills a breakdown (and Open SDG attributes)"
        return "no headline row: every row fills a breakdown"
    years = set()
    for r in head:
        m = re.match(r"\s*(\d{4})", r[header.index("Year")])
        if m:
            years.add(int(m.group(1)))
    if not years or max(years) < BASE_YEAR:
        return "headline data end before the base year %d" % BASE_YEAR
    if len([y for y in years if y >= BASE_YEAR]) < 2:
        return "headline data have fewer than two years from %d" % BASE_YEAR
    return "headline rows from %d, but no chart or no assessed series" % BASE_YEAR


def _num(s):
    try:
        return float(s)
    except ValueError:
        return None


def classify(path):
    """Classify one file (see the module's docstring)."""
    v = Verdict()
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        v.kind, v.why = "not_osdg", "not UTF-8 text (byte %d)" % e.start
        return v
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
    except csv.Error as e:
        v.kind, v.why = "not_osdg", "not CSV: %s" % e
        return v
    if not header or "Year" not in header or "Value" not in header:
        v.kind = "not_osdg"
        v.why = "no Year or no Value column in the header"
        return v
    i_value = header.index("Value")
    # Open SDG's key: the unit columns its builder reads as attributes (Unit measure, Unit
    # multiplier, UNIT_MEASURE) tell observations apart only in a file without Units (as
    # samverka reads them too); beside a Units column, two rows that differ only in them give two
    # values for one point of the site's chart, which is a conflict.
    lower = {name.strip().lower() for name in header}
    beside = set()
    if "units" in lower:
        beside |= {"unit measure", "unit multiplier", "unit_measure"}
    key_cols = [
        i
        for i, name in enumerate(header)
        if name.strip().lower() not in ATTRIBUTE_COLUMNS and name.strip().lower() not in beside
    ]
    seen = {}  # key -> (line, value)
    i_year = header.index("Year")
    years_of = {}  # series (the key without Year) -> the years it has values in
    faults = []  # (line, why, lines)
    try:
        for row in reader:
            line = reader.line_num
            if not row or (len(row) == 1 and row[0].strip() == ""):
                continue  # a blank line: Open SDG's builder skips it too
            if len(row) < len(header):
                faults.append(
                    (line, "short row (%d of %d cells)" % (len(row), len(header)), {line})
                )
                continue
            if len(row) > len(header):
                # pandas, which Open SDG's builder reads the file with, refuses a row
                # with more cells than the header even when the extra cells are empty
                faults.append(
                    (line, "long row (%d cells, %d columns)" % (len(row), len(header)), {line})
                )
                continue
            value = row[i_value].strip()
            if value == "":
                continue  # no observation: Open SDG drops such rows
            x = _num(value)
            if x is not None and (math.isinf(x) or math.isnan(x)):
                faults.append((line, "Value %s" % value, {line}))
                continue
            if x is not None:
                v.values += 1
                v.positive = v.positive and x > 0
                ym = re.match(r"\D*?(\d{4})", row[i_year])
                skey = tuple(row[i].strip() for i in key_cols if i not in (i_value, i_year))
                ys = years_of.setdefault(skey, set())
                if ym and len(ys) < 2:
                    ys.add(ym.group(1))
                    v.trend = v.trend or len(ys) >= 2
            key = tuple(row[i].strip() for i in key_cols if i != i_value)
            if key in seen:
                first, other = seen[key]
                same = (x is not None and other == x) or (x is None and other == value)
                if not same:
                    faults.append((line, "conflicting values for one key", {first, line}))
                continue
            seen[key] = (line, x if x is not None else value)
    except csv.Error as e:
        faults.append((reader.line_num, "CSV error: %s" % e, {reader.line_num}))
    if faults:
        faults.sort(key=lambda f: f[0])
        v.kind = "faulty"
        v.why = "line %d: %s" % (faults[0][0], faults[0][1])
        for f in faults:
            v.fault_lines |= f[2]
    return v


# ------------------------------------------------------------------ samverka

class Server:
    """samverka serve on a free port of the loopback (as tests/integration/lib.sh)."""

    def __init__(self, binary, db, tmp, n):
        self.out = open(os.path.join(tmp, "server%d.out" % n), "w+")
        self.log = open(os.path.join(tmp, "server%d.log" % n), "w")
        self.proc = subprocess.Popen(
            [binary, "serve", "--db", db, "--listen", "127.0.0.1:0"],
            stdout=self.out,
            stderr=self.log,
            stdin=subprocess.DEVNULL,
        )
        self.base = None
        deadline = time.time() + 10
        while time.time() < deadline and self.proc.poll() is None:
            self.out.seek(0)
            m = re.match(r"samverka: listening on (http://127\.0\.0\.1:\d+)/", self.out.readline())
            if m:
                self.base = m.group(1)
                break
            time.sleep(0.05)
        if self.base is None:
            self.stop()
            raise RuntimeError("samverka serve printed no address")
        while time.time() < deadline:
            try:
                if self.get("/healthz")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("/healthz did not answer")

    def request(self, method, path, body=None, headers=None):
        req = urllib.request.Request(self.base + path, data=body, method=method)
        for k, val in (headers or {}).items():
            req.add_header(k, val)
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                return r.status, r.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode("utf-8", "replace")

    def get(self, path):
        return self.request("GET", path)

    def stop(self):
        # only the server this script started, by its process
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.out.close()
        self.log.close()


def message_class(msg):
    """The message without its file, line, quoted texts and numbers: one class a cause."""
    first = msg.strip().splitlines()[0] if msg.strip() else "(no message)"
    first = re.sub(r"^.*?\.(csv|json):\d+(:\d+)?:\s*", "", first)
    first = re.sub(r'"[^"]*"', '"…"', first)
    first = re.sub(r"\d+(\.\d+)?", "N", first)
    return first


def lines_named(msg):
    """Line numbers a samverka message names: FILE:LINE:COL:, "line N", "lines N and M"."""
    found = set(int(x) for x in re.findall(r"\.(?:csv|json):(\d+)", msg))
    for m in re.finditer(r"\blines?\s+(\d+)((?:\s*(?:,|and)\s*\d+)*)", msg):
        found.add(int(m.group(1)))
        found |= set(int(x) for x in re.findall(r"\d+", m.group(2)))
    return found


# ------------------------------------------------------------------ the run

class Tap:
    def __init__(self):
        self.n = self.passed = self.failed = 0

    def check(self, ok, name, diag=""):
        self.n += 1
        if ok:
            self.passed += 1
            print("ok %d - %s" % (self.n, name))
        else:
            self.failed += 1
            print("not ok %d - %s" % (self.n, name))
            for line in diag.strip().splitlines()[:6]:
                print("#   %s" % line[:300])


def pct(a, b):
    return "%.1f" % (100.0 * a / b) if b else "-"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("publishers", nargs="*")
    args = ap.parse_args()
    binary = os.path.abspath(args.bin)

    files = []  # (publisher, name, path)
    for pub in sorted(os.listdir(args.corpus)):
        d = os.path.join(args.corpus, pub)
        if not os.path.isdir(d) or (args.publishers and pub not in args.publishers):
            continue
        for name in sorted(os.listdir(d)):
            if name.endswith(".csv"):
                files.append((pub, name, os.path.join(d, name)))
    if not files:
        print("corpus: no files under %s" % args.corpus)
        print("corpus: 0 passed, 1 failed")
        return 1

    tmp = tempfile.mkdtemp(prefix="samverka-corpus.")
    try:
        return run(binary, files, tmp)
    finally:
        if os.environ.get("CORPUS_KEEP"):
            print("# kept %s" % tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def run(binary, files, tmp):
    tap = Tap()
    db = os.path.join(tmp, "corpus.db")
    r = subprocess.run([binary, "init", "--db", db], capture_output=True, text=True)
    tap.check(r.returncode == 0, "setup: samverka init (a fresh SQLite database)",
              r.stdout + r.stderr)
    r = subprocess.run(
        [binary, "token", "create", "--db", db, "--name", "corpus", "--role", "admin"],
        capture_output=True,
        text=True,
    )
    m = re.search(r"\b(svk_\S+)", r.stdout)
    tap.check(m is not None, "setup: samverka token create", r.stdout + r.stderr)
    if tap.failed:
        print("corpus: %d passed, %d failed" % (tap.passed, tap.failed))
        return 1
    auth = {"Authorization": "Bearer " + m.group(1), "Content-Type": "application/json"}

    # 1. a mission and an objective, then one indicator a file, all through the API
    recs = []
    srv = Server(binary, db, tmp, 1)
    try:
        st, body = srv.request("POST", "/api/v1/missions", json.dumps(MISSION).encode(), auth)
        tap.check(st == 201, "setup: create the mission through the API", body)
        obj = {"mission": MISSION["slug"], "title": {"sv": "Data", "en": "Data"}}
        st, body = srv.request("POST", "/api/v1/objectives", json.dumps(obj).encode(), auth)
        objective = json.loads(body).get("id") if st == 201 else None
        tap.check(objective is not None, "setup: create an objective through the API", body)
        if objective is None:
            print("corpus: %d passed, %d failed" % (tap.passed, tap.failed))
            return 1
        for pub, name, path in files:
            title = "%s/%s" % (pub, name)
            payload = {
                "mission": MISSION["slug"],
                "objective_id": objective,
                "title": {"sv": title, "en": title},
            }
            st, body = srv.request(
                "POST", "/api/v1/indicators", json.dumps(payload).encode(), auth
            )
            ind = json.loads(body).get("id") if st == 201 else None
            if ind is None:
                tap.check(False, "create an indicator for %s" % title, "%d %s" % (st, body))
            recs.append({"pub": pub, "name": name, "path": path, "title": title, "id": ind})
    finally:
        srv.stop()

    # 2. classify and import each file with the CLI
    for rec in recs:
        rec["v"] = classify(rec["path"])
        rec["imported"] = False
        rec["msg"] = ""
        if rec["id"] is None:
            continue
        r = subprocess.run(
            [binary, "import", "--db", db, "--indicator", str(rec["id"]), rec["path"]],
            capture_output=True,
            text=True,
        )
        rec["imported"] = r.returncode == 0
        rec["msg"] = (r.stderr if r.returncode else r.stdout).strip()

    # 3. the pages and the API of what was imported
    srv = Server(binary, db, tmp, 2)
    try:
        for rec in recs:
            rec["chart"] = rec["assessed"] = None
            if not rec["imported"]:
                continue
            st, page = srv.get("/indicators/%d" % rec["id"])
            chart = re.search(r'<figure class="chart"><svg\b', page)
            rec["chart"] = st == 200 and chart is not None
            st, body = srv.get("/api/v1/indicators/%d" % rec["id"])
            status = None
            if st == 200:
                prog = json.loads(body).get("progress") or {}
                status = prog.get("status")
                rec["obs"] = json.loads(body).get("observation_count")
            rec["status"] = status
            rec["assessed"] = status not in (None, "not_available")
            # a file with no series of two years cannot be assessed: the page must say why
            rec["says_why"] = any(w in page for w in WHY_NOT)
            i = page.find("Kan inte bedömas")
            rec["why_text"] = re.sub(r"<[^>]*>", " ", page[i:i + 600]) if i >= 0 else ""
    finally:
        srv.stop()

    return report(tap, recs)


def ok_status(rec):
    """An assessed series, or, for a file none of whose series has two years, no status and
    the page saying why."""
    if rec["v"].trend and rec["v"].positive:
        return bool(rec["assessed"])
    return bool(rec["assessed"]) or bool(rec.get("says_why"))


def report(tap, recs):
    # the checks, one line each
    for rec in recs:
        v, t = rec["v"], rec["title"]
        if rec["id"] is None:
            continue
        if v.kind == "not_osdg":
            print("# skip %s: not Open SDG data (%s)" % (t, v.why))
            continue
        if v.kind == "faulty":
            named = lines_named(rec["msg"]) & v.fault_lines
            tap.check(
                not rec["imported"] and bool(named),
                "refused naming its line: %s (%s)" % (t, v.why),
                "imported" if rec["imported"] else rec["msg"],
            )
            if not rec["imported"] and rec["msg"]:
                print("#   samverka: %s" % rec["msg"].splitlines()[0][:300])
            continue
        tap.check(rec["imported"], "import: %s" % t, rec["msg"])
        if rec["imported"] and v.values > 0:
            tap.check(rec["chart"], "chart: %s" % t, "no <figure class=\"chart\"><svg> on the page")
            if v.trend and v.positive:
                tap.check(
                    rec["assessed"],
                    "assessed series: %s" % t,
                    "progress.status is %s" % json.dumps(rec.get("status")),
                )
            else:
                tap.check(
                    rec["assessed"] or rec["says_why"],
                    "assessed, or (one year only, or values of zero or below) the page says "
                    "why not: %s" % t,
                    "status %s, the page: %s"
                    % (json.dumps(rec.get("status")), " ".join(rec.get("why_text", "").split())[:300]),
                )

    # a table per publisher
    pubs = sorted(set(r["pub"] for r in recs))
    cols = ("files", "notosdg", "faulty", "refused+line", "eligible", "imported", "data",
            "chart", "assessed", "chart+assessed")
    print("#")
    print("# %-20s %s" % ("publisher", " ".join("%8s" % c[:8] for c in cols)))
    totals = dict((c, 0) for c in cols)
    for pub in pubs + ["all"]:
        rs = [r for r in recs if pub == "all" or r["pub"] == pub]
        el = [r for r in rs if r["v"].kind == "eligible"]
        fa = [r for r in rs if r["v"].kind == "faulty"]
        imp = [r for r in el if r["imported"]]
        data = [r for r in imp if r["v"].values > 0]
        row = {
            "files": len(rs),
            "notosdg": sum(1 for r in rs if r["v"].kind == "not_osdg"),
            "faulty": len(fa),
            "refused+line": sum(
                1 for r in fa if not r["imported"] and lines_named(r["msg"]) & r["v"].fault_lines
            ),
            "eligible": len(el),
            "imported": len(imp),
            "data": len(data),
            "chart": sum(1 for r in data if r["chart"]),
            "assessed": sum(1 for r in data if r["assessed"]),
            "chart+assessed": sum(1 for r in data if r["chart"] and ok_status(r)),
            "no_trend": sum(1 for r in data if not r["assessed"] and ok_status(r)),
        }
        if pub == "all":
            totals = row
        print("# %-20s %s" % (pub, " ".join("%8d" % row[c] for c in cols)))
    print("#")

    # refused eligible files, grouped by message class
    refused = [r for r in recs if r["v"].kind == "eligible" and not r["imported"]]
    groups = {}
    for r in refused:
        groups.setdefault(message_class(r["msg"]), []).append(r)
    if refused:
        print("# eligible files refused, by message class (%d):" % len(refused))
        for cls, rs in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            print("#   %3d  %s" % (len(rs), cls))
            for r in rs:
                print("#          %s: %s" % (r["title"], r["msg"].splitlines()[0][:240]))
    imported_faulty = [r for r in recs if r["v"].kind == "faulty" and r["imported"]]
    for r in imported_faulty:
        print("# faulty but imported: %s (%s)" % (r["title"], r["v"].why))
    no_line = [r for r in recs if r["v"].kind == "faulty" and not r["imported"]
               and not lines_named(r["msg"]) & r["v"].fault_lines]
    for r in no_line:
        print("# faulty, refused without its line: %s (%s): %s"
              % (r["title"], r["v"].why, r["msg"].splitlines()[0][:200] if r["msg"] else ""))
    lacking = [r for r in recs if r["v"].kind == "eligible" and r["imported"]
               and r["v"].values > 0 and not (r["chart"] and ok_status(r))]
    if lacking:
        print("# imported with data, no chart or no assessed series, by cause (%d):"
              % len(lacking))
        causes = {}
        for r in lacking:
            causes.setdefault(lack_reason(r["path"]), []).append(r)
        for cause, rs in sorted(causes.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            print("#   %3d  %s" % (len(rs), cause))
            for r in rs:
                print("#          %s: chart %s, status %s" % (
                    r["title"], "yes" if r["chart"] else "no", r.get("status")))
    print("#")

    t = totals
    print(
        "corpus: %d of %d eligible files imported (%s %%), %d of %d with data show a chart "
        "and an assessed series or say why none can be (%d say why); "
        "%d faulty files, %d refused with a line number"
        % (t["imported"], t["eligible"], pct(t["imported"], t["eligible"]),
           t["chart+assessed"], t["data"], t["no_trend"], t["faulty"], t["refused+line"])
    )
    goal = (
        t["eligible"] > 0
        and t["imported"] >= GOAL_IMPORTED * t["eligible"]
        and t["chart+assessed"] == t["data"]
        and t["refused+line"] == t["faulty"]
    )
    print("corpus: %d passed, %d failed" % (tap.passed, tap.failed))
    return 0 if goal and tap.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
