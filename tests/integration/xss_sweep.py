#!/usr/bin/env python3
"""xss_sweep.py — the stored-XSS sweep of t_29_stored_xss.sh (SECURITY.md item 16).

    xss_sweep.py BASE ROUTES AUTHZ ACCOUNTS SQL-COMMAND...

BASE is the server (http://127.0.0.1:PORT), ROUTES the file `samverka routes`
printed, AUTHZ tests/integration/authz-expect.tsv (who may submit which rule),
ACCOUNTS a file of lines ROLE EMAIL PASSWORD [TOTP-SECRET] (admin, coord, rep),
SQL-COMMAND the command that runs one query given as its last argument and prints
tab-separated rows (sqlite3 or psql on the server's database).

It finds the forms instead of listing them: every `POST ... html write,form`
route of the table, looked for on every page of the table as each role. Each
form is submitted twice as a role the authorization table allows: once with a
payload in every field a user types into (formatted fields too: the refusal
page, which shows what was entered, must show it inertly), once with payloads
in the free-text fields and valid values in the formatted ones, so that they
are stored. Then every GET route of the table, filled with the entities made
and edited, is fetched anonymously and as each role, in Swedish and English,
and every HTML body is parsed with html.parser, independently of samverka's
escaper: no element or attribute may come from a payload. JSON must parse;
CSV must parse and keep a payload's leading formula character neutralised.

Output: TAP-like lines "ok - NAME" / "not ok - NAME" and "#" diagnostics, as
openapi_check.py; the exit status is 1 when a check failed.
"""

import concurrent.futures
import base64
import csv
import hmac
import http.client
import io
import json
import re
import struct
import subprocess
import sys
import time
import urllib.parse
from html.parser import HTMLParser

BASE, ROUTES_FILE, AUTHZ_FILE, ACCOUNTS_FILE = sys.argv[1:5]
SQL = sys.argv[5:]
HOST, PORT = urllib.parse.urlsplit(BASE).hostname, urllib.parse.urlsplit(BASE).port

RESULTS = []


def check(name, ok, why=()):
    RESULTS.append(ok)
    print(("ok - " if ok else "not ok - ") + name)
    if not ok:
        for line in list(why)[:15]:
            print("#   " + str(line)[:300])
    sys.stdout.flush()


def note(s):
    print("# " + s)
    sys.stdout.flush()


def q(sql):
    out = subprocess.run(SQL + [sql], capture_output=True, text=True, check=True).stdout
    return [line.split("\t") for line in out.splitlines() if line]


# ---------------------------------------------------------------- HTTP


class Client:
    """A browser: its own cookies, no redirects followed."""

    def __init__(self, role):
        self.role = role
        self.cookies = {}

    def req(self, method, path, data=None):
        conn = http.client.HTTPConnection(HOST, PORT, timeout=30)
        head = {}
        if self.cookies:
            head["Cookie"] = "; ".join("%s=%s" % kv for kv in self.cookies.items())
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data).encode()
            head["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body, head)
        r = conn.getresponse()
        raw = r.read()
        heads = {}
        for k, v in r.getheaders():
            heads[k.lower()] = v
            if k.lower() == "set-cookie":
                name, _, val = v.split(";")[0].partition("=")
                if val == "" or "max-age=0" in v.lower():
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = val
        conn.close()
        return r.status, heads, raw.decode("utf-8", "replace")


def totp(secret, step):
    key = base64.b32decode(secret)
    h = hmac.new(key, struct.pack(">Q", int(time.time()) // 30 + step), "sha1").digest()
    o = h[-1] & 15
    return "%06d" % ((struct.unpack(">I", h[o:o + 4])[0] & 0x7FFFFFFF) % 1000000)


def csrf_in(body):
    m = re.search(r'name="csrf" value="([^"]+)"', body)
    return m.group(1) if m else ""


def sign_in(c, email, password, secret=None):
    _, _, b = c.req("GET", "/account/sign-in")
    st, h, b = c.req("POST", "/account/sign-in", {"csrf": csrf_in(b), "email": email, "password": password})
    if secret:
        for step in (0, 1, -1):
            # a code is accepted once: the next step's too, as the clock may tick
            st, h, b2 = c.req("POST", "/account/sign-in/code", {"csrf": csrf_in(b), "code": totp(secret, step)})
            if "samverka_session" in c.cookies:
                break
    return "samverka_session" in c.cookies


# ---------------------------------------------------------------- forms


class FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self.cur, self.sel, self.ta = [], None, None, None
        self.invalid = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("aria-invalid") == "true" and a.get("name"):
            self.invalid.add(a["name"])
        if tag == "a" and (a.get("href") or "").startswith("#f-"):
            self.invalid.add(a["href"][3:])
        if tag == "form":
            self.cur = {"method": (a.get("method") or "get").lower(), "action": a.get("action") or "", "fields": []}
            self.forms.append(self.cur)
        elif self.cur is None:
            return
        elif tag == "input":
            self.cur["fields"].append({"tag": "input", "a": a})
        elif tag == "textarea":
            self.ta = {"tag": "textarea", "a": a, "text": ""}
            self.cur["fields"].append(self.ta)
        elif tag == "select":
            self.sel = {"tag": "select", "a": a, "options": []}
            self.cur["fields"].append(self.sel)
        elif tag == "option" and self.sel is not None:
            self.sel["options"].append(a)

    def handle_data(self, data):
        if self.ta is not None:
            self.ta["text"] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.cur = None
        elif tag == "select":
            self.sel = None
        elif tag == "textarea":
            self.ta = None


def parse_forms(body):
    p = FormParser()
    p.feed(body)
    return p


# Fields whose value has a format: a valid value for the submission that stores
# the payloads (the other submission puts a payload in them too and expects a refusal).
YEAR = "2024"
FORMATTED = {
    "slug": None,  # made unique per submission
    "start_year": YEAR, "base_year": "2020", "target_year": "2030", "year": YEAR, "remove_year": YEAR,
    "weight": "1", "decimals": "1", "base_value": "10", "target_value": "5", "value": "42",
    "limit": "", "th_high": "", "th_med": "", "th_low": "", "budget_sek": "1000", "orgnr": "",
    "sni": "", "sdg_targets": "12.3", "sdg_indicators": "12.3.1", "code": "", "phone": "",
}
TEXT_TYPES = ("text", "search", "tel", "email", "url", "date", "number", "")
N_ID = [0]
PAYLOADS = {}  # id -> (form route, field, payload)
FIELDS = set()  # (form route, field) given a payload


def new_id():
    N_ID[0] += 1
    return "xss%dq" % N_ID[0]


def payload_for(pid, field, kind, typ, route):
    """A payload for one field: the id in plain text first (a Markdown renderer
    that drops raw HTML still shows it), then markup aimed at the field's context."""
    if typ == "url":
        return "javascript:alert(%s)" % pid
    if typ == "email":
        return '%s"><svg/onload=alert(%s)>@example.se' % (pid, pid)
    if "/data/" in route and field in ("note", "source"):
        # a formula first: CSV exports must neutralise it (docs/security.md item 26)
        return '=HYPERLINK("http://x/?%s") %s"><script>alert(%s)</script>' % (pid, pid, pid)
    if kind == "textarea":
        return ("%s </textarea><img src=x onerror=alert(%s)><script>alert(%s)</script> "
                "[a](javascript:alert(%s)) <a href=\"javascript:alert(%s)\">b</a>" % (pid, pid, pid, pid, pid))
    if N_ID[0] % 2:
        return '%s" autofocus onfocus=alert(%s) x="' % (pid, pid)
    return "%s x\"'><svg/onload=alert(%s)><script>alert(%s)</script>&lt;" % (pid, pid, pid)


def fill(form, route, mode, keep=None, plain=None):
    """The fields of FORM as (name, value) pairs, and the payload ids written.
    mode "probe": payloads in every field one types into; "store": payloads in the
    free-text ones, valid values in the formatted ones; PLAIN names fields to give
    just an id (a payload was refused there), KEEP fields to give their original
    value (an id was refused too)."""
    data, ids, radios = [], [], set()
    keep, plain = keep or set(), plain or set()
    for f in form["fields"]:
        a = f["a"]
        name = a.get("name")
        if not name:
            continue
        typ = (a.get("type") or "").lower() if f["tag"] == "input" else ""
        orig = f.get("text", a.get("value") or "")
        if f["tag"] == "input" and typ in ("hidden", "submit", "button", "image", "reset", "file"):
            if typ == "hidden":
                data.append((name, a.get("value") or ""))
            continue
        if typ == "checkbox":
            if "checked" in a:
                data.append((name, a.get("value") or "on"))
            continue
        if typ == "radio":
            if "checked" in a or name not in radios:
                if "checked" in a:
                    data = [(n, v) for n, v in data if n != name]
                    radios.add(name)
                    data.append((name, a.get("value") or "on"))
                elif name not in {n for n, _ in data}:
                    data.append((name, a.get("value") or "on"))
            continue
        if f["tag"] == "select":
            opts = f["options"]
            sel = [o for o in opts if "selected" in o]
            v = (sel[0].get("value") or "") if sel else (opts[0].get("value") or "" if opts else "")
            if name in keep or ("required" in a and not v):
                v = next((o.get("value") for o in opts if o.get("value")), v)
            data.append((name, v))
            continue
        if typ == "password":
            data.append((name, "xss sweep password 1"))
            continue
        if typ not in TEXT_TYPES:
            data.append((name, orig))
            continue
        if name in keep:
            data.append((name, orig))
            continue
        formatted = name in FORMATTED or typ in ("date", "number", "email", "url")
        if name in plain and not formatted:
            pid = new_id()
            v = pid
            PAYLOADS[pid] = (route, name, v)
            ids.append(pid)
            data.append((name, v))
            continue
        if mode == "store" and formatted:
            if name == "slug":
                v = "xss-%d" % (N_ID[0] + 1)
                N_ID[0] += 1
            elif typ == "date":
                v = {"end_date": "2027-12-31", "deadline": "2031-12-31"}.get(name, "2025-01-01")
            elif typ == "email":
                v = "xss-%d@example.se" % (N_ID[0] + 1)
                N_ID[0] += 1
            elif typ == "url":
                pid = new_id()
                v = 'https://example.org/%s?q="><svg/onload=alert(%s)>' % (pid, pid)
                if name in plain:
                    v = "https://example.org/%s" % pid
                PAYLOADS[pid] = (route, name, v)
                ids.append(pid)
            else:
                v = FORMATTED.get(name, "1")
            data.append((name, v))
            continue
        pid = new_id()
        v = payload_for(pid, name, f["tag"], typ, route)
        PAYLOADS[pid] = (route, name, v)
        FIELDS.add((route, name))
        ids.append(pid)
        data.append((name, v))
    return data, ids


def typed_fields(form):
    """The names of the fields one types into (passwords apart: never shown again)."""
    out = []
    for f in form["fields"]:
        typ = (f["a"].get("type") or "").lower() if f["tag"] == "input" else ""
        if f["tag"] == "textarea" or (f["tag"] == "input" and typ in TEXT_TYPES):
            out.append(f["a"].get("name"))
    return [n for n in out if n]


# ---------------------------------------------------------------- inertness

ID_RE = re.compile(r"xssr?\d+q")
BAD_ELEMENTS = {"script", "svg", "img", "iframe", "object", "embed", "frame", "frameset", "math",
                "video", "audio", "base", "link", "meta", "style", "form", "input", "textarea", "a"}


TEXT_ATTRS = ("title", "aria-label", "aria-description", "alt", "placeholder", "content")


class Inert(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.stack = []

    def handle_starttag(self, tag, attrs):
        self._start(tag, attrs)
        self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self._start(tag, attrs)

    def _start(self, tag, attrs):
        a = dict(attrs)
        if ID_RE.search(tag):
            self.problems.append("an element <%s> from a payload" % tag)
        for k, v in attrs:
            v = v or ""
            if k.startswith("on"):
                self.problems.append("<%s %s=%r>: an event handler attribute" % (tag, k, v[:80]))
            if ID_RE.search(k) or any(c in k for c in "\"'<>/="):
                self.problems.append("<%s> has an attribute named %r (broken out of a value)" % (tag, k[:80]))
            if k in ("href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcdoc"):
                s = re.sub(r"[\x00-\x20]", "", v).lower()
                if s.startswith("javascript:") or s.startswith("data:") or s.startswith("vbscript:"):
                    self.problems.append("<%s %s=%r>: a script URL" % (tag, k, v[:80]))
        if tag in BAD_ELEMENTS:
            # an element of a kind a payload makes, carrying a payload id in an attribute
            # that is not text shown or read out (a chart's aria-label names the indicator,
            # a field's value is what was entered, a link may go to a page about it)
            for k, v in attrs:
                v = v or ""
                if not ID_RE.search(v) or k in TEXT_ATTRS or (k == "value" and tag in ("input",)):
                    continue
                if k == "href" and tag == "a" and v.startswith(("http:", "https:", "/", "?", "#")):
                    continue
                self.problems.append("<%s %s=%r>: a payload id in an attribute" % (tag, k, v[:80]))
        if tag == "script" and not a.get("src"):
            self.problems.append("an inline <script> element")

    def handle_data(self, data):
        if self.stack and self.stack[-1] in ("script", "svg", "style") and ID_RE.search(data):
            self.problems.append("<%s> whose text carries a payload id: %r" % (self.stack[-1], data[:80]))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop() == tag:
                break


def inert_problems(body):
    p = Inert()
    p.feed(body)
    p.close()
    return p.problems


# ---------------------------------------------------------------- the route table

ROUTES = [line.split("\t") for line in open(ROUTES_FILE).read().splitlines() if line.strip()]
AUTHZ = {}
for line in open(AUTHZ_FILE):
    w = line.split()
    if w and not w[0].startswith("#"):
        AUTHZ[w[0]] = w[1:]
# the columns of authz-expect.tsv: public, then user/rep/coord/admin each own and foreign
COLS = ["public", "user:own", "user:foreign", "rep:own", "rep:foreign", "coord:own", "coord:foreign",
        "admin:own", "admin:foreign"]


def allowed(rule, col):
    row = AUTHZ.get(rule)
    return bool(row) and row[COLS.index(col)] == "y"


def submitter(rule, flags=""):
    """Who submits a form of RULE: a role the table allows it for, the admin first;
    a proposal's own routes by its proposer (the representative), an account's own
    routes by its holder."""
    if "open" in flags.split(","):
        return "public"
    if rule.startswith("proposal.") and rule != "proposal.review":
        return "rep"
    for role in ("admin", "coord", "rep", "user"):
        if allowed(rule, role + ":own"):
            return role
    return "public"


def pat_re(pattern):
    return re.compile("^" + re.sub(r"\\\{[a-z_]+\\\}", "([^/?]+)", re.escape(pattern)) + "$")


def placeholders(pattern):
    segs = pattern.strip("/").split("/")
    return [(segs[i - 1] if i else "", s) for i, s in enumerate(segs) if s.startswith("{")]


TABLES = {"missions": "mission", "indicators": "indicator", "initiatives": "initiative", "actors": "actor",
          "people": "person", "objectives": "objective", "users": "user_account", "tokens": "user_token"}
MAX_AT_START = {t: int(q("SELECT COALESCE(MAX(id), 0) FROM %s" % t)[0][0]) for t in TABLES.values()}


def values(prev, seg, prefer_created):
    """Values for one placeholder: the demo's first row (edits go there, so that
    what the creates stored is not overwritten), and the rows this sweep made,
    newest first."""
    if seg == "{goal}":
        return ["12"] + [r[0] for r in q("SELECT DISTINCT t.goal FROM mission_sdg_target ms JOIN sdg_target t ON t.code = ms.target JOIN mission m ON m.id = ms.mission_id WHERE m.id > %d" % MAX_AT_START["mission"])][:1]
    if seg == "{token}":
        return ["no-such-token"]
    if seg == "{person}":
        return [r[0] for r in q("SELECT MIN(person_id) FROM team_member")]
    if seg == "{mission}" or seg == "{user}":
        return []
    table = TABLES.get(prev)
    if not table:
        return []
    col = "slug" if seg == "{slug}" else "id"
    if table == "initiative":
        demo = q("SELECT MIN(n.id) FROM initiative n JOIN mission m ON m.id = n.mission_id WHERE m.slug = 'skolmat' AND n.id NOT IN (SELECT initiative_id FROM proposal)")
    elif table == "mission":
        demo = [["skolmat"]]
    else:
        demo = q("SELECT %s FROM %s WHERE id = (SELECT MIN(id) FROM %s)" % (col, table, table))
    made = q("SELECT %s FROM %s WHERE id > %d ORDER BY id DESC" % (col, table, MAX_AT_START[table]))
    d = [r[0] for r in demo if r and r[0]]
    m = [r[0] for r in made if r and r[0]]
    return (m + d) if prefer_created else (d + m)


def concretes(pattern, prefer_created=False, limit=4):
    """Concrete paths for PATTERN, each placeholder filled with each of its values."""
    paths = [""]
    prev = ""
    for seg in pattern.strip("/").split("/"):
        if seg.startswith("{"):
            vs = values(prev, seg, prefer_created)[:limit]
            paths = [p + "/" + urllib.parse.quote(v, safe="") for p in paths for v in vs]
        else:
            paths = [p + "/" + seg for p in paths]
        prev = seg
    return [p or "/" for p in paths]


# ---------------------------------------------------------------- the roles

CLIENTS = {"public": Client("public"), "anon": Client("anon")}
for line in open(ACCOUNTS_FILE):
    w = line.split("\t")
    if len(w) >= 3:
        role, email, password, secret = w[0], w[1], w[2].strip(), (w[3].strip() if len(w) > 3 else None)
        c = Client(role)
        check("setup: %s (%s) signs in" % (role, email), sign_in(c, email, password, secret or None))
        CLIENTS[role] = c
CLIENTS["user"] = CLIENTS["public"]  # the public signs up below and then is a plain user

# ---------------------------------------------------------------- fill every form

FORM_ROUTES = [r for r in ROUTES if r[0] == "POST" and r[2] == "html" and "form" in r[3].split(",")]
# the pages forms are on: the personal ones, and a public one whose path a form's starts
# with (an actor's page, its request to represent); the crawl below reads every page
FORM_PAGES = [r[1] for r in ROUTES if r[0] == "GET" and r[2] == "html" and (
    "personal" in r[3].split(",") or any(f[1].startswith(r[1] + "/") for f in FORM_ROUTES))]
DONE = {}  # pattern -> what happened
REQUIRED = {}  # payload id -> where it was stored
REFUSAL_PAGES = 0
FILLED_FIELDS = 0
problems_forms = []
consumed = set()
seen = {}  # payload id -> the first page it was seen on
page_problems = []
N_HTML = [0, 0]  # pages parsed, payload occurrences on them


def look(role, path, body):
    """Check one HTML page: inert, and which payloads it shows."""
    ids = ID_RE.findall(body)
    N_HTML[0] += 1
    N_HTML[1] += len(ids)
    for i in ids:
        seen.setdefault(i, "%s %s" % (role, path))
    pr = inert_problems(body)
    if pr:
        page_problems.append("%s %s: %s" % (role, path, "; ".join(pr[:3])))


def host_forms(role):
    """Every post form on every personal page of the table, as ROLE: action -> (form, page).
    The pages are checked as the crawl below checks them: between the rounds they
    show what is later overwritten or no longer shown (a declined proposal)."""
    out = {}
    c = CLIENTS[role]
    paths = [p for pat in FORM_PAGES for p in concretes(pat, prefer_created=True, limit=4)]

    def get(path):
        # in English too when it shows a payload (an English field may show only there)
        st, h, b = c.req("GET", path)
        en = None
        if ID_RE.search(b):
            en = c.req("GET", path + ("&" if "?" in path else "?") + "lang=en")
        return path, (st, h, b), en

    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as ex:
        for path, (st, h, b), en in ex.map(get, paths):
            if en and "html" in en[1].get("content-type", ""):
                look(role, path + "?lang=en", en[2])
            if st != 200 or "html" not in h.get("content-type", ""):
                continue
            look(role, path, b)
            for f in parse_forms(b).forms:
                action = f["action"].split("?")[0]
                if f["method"] == "post" and action not in out:
                    out[action] = (f, path)
    return out


def submit(role, pattern, rule, form, page, action):
    global REFUSAL_PAGES, FILLED_FIELDS
    if role == "public":
        # the public: a new browser for each open form, so that a sign-up's session
        # (the plain user's, from then on) is not another form's
        CLIENTS["public"] = Client("public")
    c = CLIENTS[role]

    def fresh_form(form):
        """The form as the page shows it now (a new token; None when it is gone)."""
        st0, h0, b0 = c.req("GET", page)
        fresh = [f for f in parse_forms(b0).forms if f["action"].split("?")[0] == action]
        return fresh[0] if fresh else None

    form = fresh_form(form) or form
    # 1: a payload in every field one types into; a refusal's page shows them inertly
    data, ids = fill(form, pattern, "probe")
    st, h, b = c.req("POST", action, data)
    if "html" in h.get("content-type", ""):
        pr = inert_problems(b)
        if pr:
            problems_forms.append("%s %s (every field a payload): %s" % (role, action, "; ".join(pr[:3])))
        if st == 422:
            REFUSAL_PAGES += 1
            echoed = [i for i in ids if i in b]
            if not echoed:
                problems_forms.append("%s %s: the refusal page shows none of the values entered" % (role, action))
    if st >= 500:
        problems_forms.append("%s %s (every field a payload): %d" % (role, action, st))
    probe_status, probe_ids = st, ids
    FILLED_FIELDS += len(ids)
    if st in (200, 303):
        # stored as they are (the form has no format to refuse them by): kept unless the
        # second submission below overwrites them (an edit) or the form is gone (a review)
        for i in ids:
            REQUIRED[i] = "%s %s" % (action, PAYLOADS[i][1])
        form = fresh_form(None)
        if form is None:
            DONE[pattern] = "%s %s: probe %d (%d payloads stored; the form is gone after it)" % (
                role, action, st, len(ids))
            return st
    # 2: payloads in the free-text fields, valid values in the formatted ones; a field the
    # form refuses gets just an id, and when that is refused too its original value
    keep, plain = set(), set()
    for _ in range(6):
        form = fresh_form(form) or form
        data, ids = fill(form, pattern, "store", keep, plain)
        st, h, b = c.req("POST", action, data)
        if "html" in h.get("content-type", ""):
            pr = inert_problems(b)
            if pr:
                problems_forms.append("%s %s: %s" % (role, action, "; ".join(pr[:3])))
        if st != 422:
            break
        REFUSAL_PAGES += 1
        bad = parse_forms(b).invalid - keep
        if not bad:
            break
        keep |= bad & plain
        plain |= bad
    if rule == "account.create" and st == 303:
        CLIENTS["user"] = c
    stored = st in (200, 303) and bool(ids)
    FILLED_FIELDS += len(ids)
    creating = "/new" in pattern or pattern.endswith("/propose") or not placeholders(pattern)
    if st in (200, 303) and (not creating or not ids):
        # the first submission's payloads were overwritten (an edit), or never kept (a
        # form that stores nothing one typed, as the request for a reset link)
        for i in probe_ids:
            REQUIRED.pop(i, None)
    if stored:
        for i in ids:
            REQUIRED[i] = "%s %s" % (action, PAYLOADS[i][1])
    DONE[pattern] = "%s %s: probe %d, store %d (%d payloads%s%s%s)" % (
        role, action, probe_status, st, len(ids), ", kept " + ",".join(sorted(keep)) if keep else "",
        "" if stored else ", nothing stored", ", ids only in " + ",".join(sorted(plain - keep)) if plain - keep else "")
    return st


def round_once(rnd):
    """One round: the forms found now, each route submitted once (twice for a create
    under a mission: one per mission); a review action once per proposal a round."""
    found = {}
    t = time.time()
    todo = [r for r in FORM_ROUTES if r[1] not in DONE and not (rnd == 0 and placeholders(r[1]))]
    # the public's forms (the open ones) are on pages without a placeholder: all there at
    # the start, and what they need besides (a reset link, a password step) no crawl finds
    for role in sorted(set(submitter(r[6], r[3]) for r in todo) - ({"public"} if rnd else set())):
        found[role] = host_forms(role)
    note("round %d: the pages of %s looked at in %.1f s" % (rnd, ", ".join(sorted(found)), time.time() - t))
    n = 0
    consumed.clear()
    order = sorted(FORM_ROUTES, key=lambda r: (bool(placeholders(r[1])), not r[1].endswith("/changes")))
    for meth, pattern, kind, flags, schema, query, rule in order:
        if pattern in DONE or (rnd == 0 and placeholders(pattern)):
            continue
        role = submitter(rule, flags)
        rx = pat_re(pattern)
        cands = [(a, f, p) for a, (f, p) in found.get(role, {}).items() if rx.match(a)]
        if not cands:
            continue
        if not typed_fields(cands[0][1]) or all(
                (f["a"].get("type") or "") == "password" for f in cands[0][1]["fields"]
                if f["a"].get("name") in typed_fields(cands[0][1])):
            DONE[pattern] = "no field one types into (or only passwords): not submitted"
            continue
        creating = "/new" in pattern or pattern.endswith("/propose")
        # the preferred target: the one concretes() puts first (a demo row for an edit,
        # a made one for a create)
        order_paths = concretes(pattern, prefer_created=creating, limit=10)
        rank = {p: i for i, p in enumerate(order_paths)}
        cands.sort(key=lambda t: rank.get(t[0], 99))
        review = "/review/" in pattern or pattern.endswith("/resubmit")
        if review:
            cands = [t for t in cands if rx.match(t[0]).group(1) not in consumed]
            if not cands:
                continue
            consumed.add(rx.match(cands[0][0]).group(1))
        # a create under a mission twice (two missions, or the one twice): two objectives,
        # indicators, initiatives and proposals, so that each review action has its own
        targets = (cands * 2)[:2] if creating and "{slug}" in pattern else cands[:1]
        for action, form, page in targets:
            submit(role, pattern, rule, form, page, action)
            DONE.setdefault(pattern, "")
            n += 1
    return n


t0 = time.time()
for rnd in range(6):
    if round_once(rnd) == 0:
        break
note("forms: %d submissions' fields filled in %.1f s" % (FILLED_FIELDS, time.time() - t0))
for r in FORM_ROUTES:
    note("form %s %s: %s" % (r[0], r[1], DONE.get(r[1], "not found on any page of the table")))
check("forms: no form page or refusal page shows a payload as markup (%d refusal pages)" % REFUSAL_PAGES,
      not problems_forms, problems_forms)
# the form routes (patterns) that stored a payload
N_STORED_FORMS = len({PAYLOADS[i][0] for i in REQUIRED})
check("forms: payloads stored through %d forms (%d routes looked at, %d not found on any page)"
      % (N_STORED_FORMS, len(DONE), len(FORM_ROUTES) - len(DONE)), N_STORED_FORMS >= 15,
      ["only %d" % N_STORED_FORMS])


# ---------------------------------------------------------------- crawl every page

PAGES = []  # (role, path)
for meth, pat, kind, flags, schema, query, rule in ROUTES:
    if meth != "GET":
        continue
    for path in concretes(pat, prefer_created=True, limit=5):
        for role in ("anon", "admin", "coord", "rep", "user"):
            if kind != "html" and role not in ("anon", "admin"):
                continue
            for lang in (("", "?lang=en") if kind == "html" else ("",)):
                PAGES.append((role, path + lang, kind))
        # reflected: every query parameter the route takes, a payload
        if kind == "html" and query != "-":
            rid = "xssr%dq" % len(PAGES)
            qs = "&".join("%s=%s" % (p, urllib.parse.quote('%s"><svg/onload=alert(%s)>' % (rid, rid)))
                          for p in query.split(","))
            PAGES.append(("anon", path + "?" + qs, kind))
# each role's own lists, paged
for role in ("admin", "coord", "rep", "user"):
    PAGES.append((role, "/account/proposals", "html"))

data_problems = []


def crawl(item):
    role, path, kind = item
    st, h, b = CLIENTS[role].req("GET", path)
    return role, path, kind, st, h, b


t1 = time.time()
n_html = n_json = n_csv = 0
n_json_ids, n_csv_ids, n_csv_formulas = [0], [0], [0]
with concurrent.futures.ThreadPoolExecutor(max_workers=4) as ex:
    for role, path, kind, st, h, b in ex.map(crawl, PAGES):
        ct = h.get("content-type", "")
        if st >= 500:
            page_problems.append("%s %s: %d" % (role, path, st))
        ids = ID_RE.findall(b)
        if "text/html" in ct:
            n_html += 1
            look(role, path, b)
        elif "json" in ct:
            n_json += 1
            try:
                doc = json.loads(b)
            except ValueError as e:
                data_problems.append("%s %s: not JSON (%s)" % (role, path, e))
                continue
            strings = []

            def walk(x):
                if isinstance(x, dict):
                    for k, v in x.items():
                        walk(k)
                        walk(v)
                elif isinstance(x, list):
                    for v in x:
                        walk(v)
                elif isinstance(x, str):
                    strings.append(x)
            walk(doc)
            # every payload id in the body is inside a string of the document
            if len(ID_RE.findall("\n".join(strings))) < len(ids):
                data_problems.append("%s %s: a payload id outside a JSON string" % (role, path))
            # and it is the payload as entered, not HTML-escaped (JSON is not HTML)
            for s in strings:
                for i in ID_RE.findall(s):
                    n_json_ids[0] += 1
                    orig = PAYLOADS.get(i, ("", "", ""))[2].strip()
                    if orig and orig not in s and "&lt;" in s and "&lt;" not in orig:
                        data_problems.append("%s %s: %s is HTML-escaped in JSON: %r" % (role, path, i, s[:80]))
        elif "csv" in ct:
            n_csv += 1
            try:
                rows = list(csv.reader(io.StringIO(b, newline=""), strict=True))
            except csv.Error as e:
                data_problems.append("%s %s: not CSV (%s)" % (role, path, e))
                continue
            for row in rows:
                for cell in row:
                    if not ID_RE.search(cell):
                        continue
                    n_csv_ids[0] += 1
                    if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                        data_problems.append("%s %s: a formula cell %r" % (role, path, cell[:60]))
                    elif cell.startswith("'="):
                        n_csv_formulas[0] += 1
            for i in ids:
                seen.setdefault(i, "%s %s" % (role, path))
note("crawl: %d responses (%d HTML, %d JSON, %d CSV) in %.1f s" % (len(PAGES), n_html, n_json, n_csv,
                                                                    time.time() - t1))
never = sorted(set(REQUIRED) - set(seen), key=lambda s: int(s[3:-1]))
note("sweep: %d fields of %d forms filled with payloads (%d payloads), %d stored, %d pages crawled, %d payload occurrences checked"
     % (len(FIELDS), len({f for f, _ in FIELDS}), FILLED_FIELDS, len(REQUIRED), N_HTML[0], N_HTML[1]))
check("pages: no HTML page shows a payload as markup, an event handler, a script URL or inline script "
      "(%d pages, %d payload occurrences)" % (N_HTML[0], N_HTML[1]), not page_problems, page_problems)
check("data: every JSON output parses with the payloads as strings (%d); every CSV parses, formulas "
      "neutralised (%d payload cells, %d formulas)" % (n_json_ids[0], n_csv_ids[0], n_csv_formulas[0]),
      not data_problems and n_json_ids[0] > 0 and n_csv_formulas[0] > 0,
      data_problems or ["no payload looked at in JSON or no formula in CSV"])
check("sweep: every stored payload (%d) is shown on some page" % len(REQUIRED), not never,
      ["%s (%s) is on no page" % (i, REQUIRED[i]) for i in never])
check("sweep: it looked (at least 60 stored payloads, 100 pages)", len(REQUIRED) >= 60 and N_HTML[0] >= 100,
      ["%d stored, %d pages" % (len(REQUIRED), N_HTML[0])])
sys.exit(0 if all(RESULTS) else 1)
