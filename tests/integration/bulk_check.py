#!/usr/bin/env python3
"""bulk_check.py — the bulk download (/data/samverka-data.zip) as a data journalist would
take it, checked with tools that are not samverka's (Python's zipfile, json and csv, and
python3-jsonschema with the Frictionless Data v1 JSON Schemas):

  bulk_check.py SCHEMA-DIR ZIP EXPECT.json

EXPECT.json: {"license": {"name", "path", "title"}, "counts": {TABLE: rows ...},
"homepage": URL or null, "forbidden": [people's e-mail addresses and phone numbers]}. Checks: the zip opens and every member's CRC is right; it holds
datapackage.json, README.txt and for every table NAME.csv and NAME.json; the descriptor is
valid against the Data Package profile and names the licence, when it was created and its
source; every CSV resource's schema is a valid Table Schema with a description for each
field, the CSV's header is its field names, every row has one cell per field and each cell
casts to its field's type; the primary keys are unique; the JSON of each table has the
licence at its top and the CSV's rows; every id a table refers to is in the table it
names; no cell is a person's e-mail address or phone number; the row counts are the API's.
One line of TAP-like output a check ("ok - ..." / "not ok - ..."); exit 1 when one failed.
"""
import csv
import io
import json
import os
import re
import sys
import zipfile

import jsonschema

failed = False


def report(ok, what, why=""):
    global failed
    if ok:
        print("ok - bulk: " + what)
    else:
        failed = True
        print("not ok - bulk: " + what + (": " + why if why else ""))


def schema(d, name):
    with open(os.path.join(d, name), encoding="utf-8") as f:
        s = json.load(f)
    jsonschema.Draft4Validator.check_schema(s)
    return jsonschema.Draft4Validator(s)


def errors(v, doc):
    es = sorted(v.iter_errors(doc), key=lambda e: list(e.absolute_path))
    return "; ".join("%s: %s" % ("/".join(map(str, e.absolute_path)), e.message[:160])
                     for e in es[:3])


NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
CASTS = {
    "integer": lambda c: re.fullmatch(r"[+-]?\d+", c),
    "number": lambda c: NUMBER.fullmatch(c),
    "boolean": lambda c: c in ("true", "false"),
    "date": lambda c: re.fullmatch(r"\d{4}-\d{2}-\d{2}", c),
    "string": lambda c: True,
}
# which table a column's ids are rows of
REFS = {
    "mission_id": "missions", "objective_id": "objectives", "parent_id": "objectives",
    "indicator_id": "indicators", "actor_id": "actors", "lead_actor_id": "actors",
    "initiative_id": "initiatives",
}


def main(argv):
    if len(argv) != 4:
        print(__doc__)
        return 2
    dp_v, ts_v = schema(argv[1], "data-package.json"), schema(argv[1], "table-schema.json")
    with open(argv[3], encoding="utf-8") as f:
        expect = json.load(f)
    try:
        z = zipfile.ZipFile(argv[2])
        bad = z.testzip()
    except (zipfile.BadZipFile, OSError) as e:
        report(False, "the file is a zip", str(e))
        return 1
    report(bad is None, "the zip opens and every member's CRC is right", str(bad))
    names = set(z.namelist())
    dp = json.loads(z.read("datapackage.json")) if "datapackage.json" in names else {}
    e = errors(dp_v, dp)
    report(bool(dp) and not e, "datapackage.json is valid against the Data Package profile", e)
    report(dp.get("licenses") == [expect["license"]], "the descriptor names the licence",
           json.dumps(dp.get("licenses")))
    report(bool(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", dp.get("created", ""))) and
           bool(dp.get("sources")), "the descriptor says when it was created and from where",
           json.dumps([dp.get("created"), dp.get("sources")]))
    report(dp.get("homepage") == expect.get("homepage"), "its homepage is public-url's",
           repr(dp.get("homepage")))
    readme = z.read("README.txt").decode("utf-8") if "README.txt" in names else ""
    report(expect["license"]["path"] in readme and expect["license"]["title"] in readme,
           "README.txt names the licence and its text", readme[:200])

    forbidden = set(expect.get("forbidden", []))
    tabular = [r for r in dp.get("resources", []) if r.get("profile") == "tabular-data-resource"]
    tables = {}
    for r in tabular:
        t = r.get("name")
        want = {t + ".csv", t + ".json"}
        if not report_ok(want <= names and r.get("path") == t + ".csv",
                         t + ": NAME.csv and NAME.json are in the zip", repr(sorted(want - names))):
            continue
        sch = r.get("schema", {})
        e = errors(ts_v, sch)
        report(not e and all(f.get("description") for f in sch.get("fields", [])),
               t + ": a valid Table Schema, every field described", e)
        fields = sch.get("fields", [])
        rows = list(csv.reader(io.StringIO(z.read(t + ".csv").decode("utf-8"), newline="")))
        header, body = (rows[0], rows[1:]) if rows else ([], [])
        report(header == [f["name"] for f in fields], t + ": the CSV's header is the schema's",
               repr(header))
        problems = []
        missing = sch.get("missingValues", [""])
        for i, row in enumerate(body, start=2):
            if len(row) != len(fields):
                problems.append("line %d: %d cells" % (i, len(row)))
                continue
            for f, c in zip(fields, row):
                if c not in missing and not CASTS.get(f["type"], lambda c: False)(c):
                    problems.append("line %d %s %r is no %s" % (i, f["name"], c, f["type"]))
                if f["name"] in ("email", "phone") or (c and c in forbidden):
                    problems.append("line %d %s: personal contact data %r" % (i, f["name"], c))
        report(not problems, t + ": each of the %d CSV rows casts to its fields" % len(body),
               "; ".join(problems[:3]))
        key = sch.get("primaryKey")
        if key:
            k = header.index(key) if key in header else 0
            ids = [row[k] for row in body]
            report(len(ids) == len(set(ids)), t + ": its primary key " + key + " is unique")
        doc = json.loads(z.read(t + ".json"))
        report(doc.get("license") == expect["license"] and doc.get("name") == t and
               len(doc.get("rows", [])) == len(body) and
               all(list(x.keys()) == header for x in doc.get("rows", [])),
               t + ": the JSON has the licence at its top and the CSV's rows",
               "%d rows for %d" % (len(doc.get("rows", [])), len(body)))
        tables[t] = (header, body)

    report(set(expect["counts"]) <= set(tables), "the package has the tables the API lists",
           repr(sorted(set(expect["counts"]) - set(tables))))
    for t, n in sorted(expect["counts"].items()):
        got = len(tables.get(t, ([], []))[1])
        report(got == n, "%s: %d rows, as the API's total" % (t, n), "got %d" % got)

    # every id a table refers to joins
    ids = {t: {row[h.index("id")] for row in b} for t, (h, b) in tables.items() if "id" in h}
    dangling = []
    for t, (h, b) in tables.items():
        for col, target in REFS.items():
            if col in h and target in ids and not (t == target and col == "id"):
                k = h.index(col)
                dangling += ["%s.%s %s" % (t, col, row[k]) for row in b
                             if row[k] != "" and row[k] not in ids[target]]
    report(not dangling, "every id a table refers to is in its table", "; ".join(dangling[:5]))
    return 1 if failed else 0


def report_ok(ok, what, why=""):
    report(ok, what, why)
    return ok


if __name__ == "__main__":
    sys.exit(main(sys.argv))
