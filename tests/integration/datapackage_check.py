#!/usr/bin/env python3
"""datapackage_check.py — an indicator's CSV download and its Data Package descriptor, as a
reader who has only the two files would take them, checked with parsers that are not
samverka's (Python's json and csv, and python3-jsonschema):

  datapackage_check.py SCHEMA-DIR NAME DESCRIPTOR CSV [NAME DESCRIPTOR CSV ...]

For each pair: the descriptor is valid against the Frictionless Data v1 JSON Schemas in
SCHEMA-DIR (Data Package, Tabular Data Package, and the resource's schema against Table
Schema); every field has a name, a title, a description and a type; the CSV's header is
exactly the schema's field names, in order; every row has one cell per field; and every
cell casts to its field's type (number, year, string), meets its field's constraints
(required, pattern) or is one of the missingValues. One line of TAP-like output a check
("ok - ..." / "not ok - ..."), read by tap_checks in lib.sh; exit status 1 when one failed.
"""
import csv
import io
import json
import math
import os
import re
import sys

import jsonschema

# Table Schema v1 "number": an optional sign, digits with an optional decimal point and an
# optional exponent, or NaN / INF / -INF (which samverka never stores: refused below).
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
YEAR = re.compile(r"-?\d{4}")

failed = False


def report(ok, what, why=""):
    global failed
    if ok:
        print("ok - " + what)
    else:
        failed = True
        print("not ok - " + what + (": " + why if why else ""))


def load_schema(d, name):
    with open(os.path.join(d, name), encoding="utf-8") as f:
        return json.load(f)


def schema_errors(validator, doc):
    errs = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    return "; ".join("%s: %s" % ("/".join(map(str, e.absolute_path)), e.message[:200])
                     for e in errs[:3])


def cast_problem(field, cell, missing):
    """Why cell does not fit field, or None."""
    constraints = field.get("constraints", {})
    if cell in missing:
        return "a missing value in a required field" if constraints.get("required") else None
    t = field.get("type", "string")
    if t == "number":
        if not NUMBER.fullmatch(cell):
            return "not a Table Schema number"
        if not math.isfinite(float(cell)):
            return "not finite"
    elif t == "integer":
        if not re.fullmatch(r"[+-]?\d+", cell):
            return "not an integer"
    elif t == "year":
        if not YEAR.fullmatch(cell):
            return "not a year"
    elif t != "string":
        return "a type this check does not know: " + t
    pattern = constraints.get("pattern")
    # Table Schema patterns are XML Schema regular expressions: anchored at both ends
    if pattern is not None and not re.fullmatch(pattern, cell):
        return "does not match the pattern " + pattern
    return None


def check_pair(schemas, name, descriptor_path, csv_path):
    dp_v, tdp_v, ts_v = schemas
    with open(descriptor_path, encoding="utf-8") as f:
        try:
            dp = json.load(f)
        except ValueError as e:
            report(False, name + ": the descriptor is JSON", str(e))
            return
    e = schema_errors(dp_v, dp)
    report(not e, name + ": valid against the Data Package profile", e)
    e = schema_errors(tdp_v, dp)
    report(not e, name + ": valid against the Tabular Data Package profile", e)
    res = dp.get("resources") or [{}]
    report(len(res) == 1 and res[0].get("format") == "csv" and res[0].get("mediatype") == "text/csv",
           name + ": one resource, the CSV", json.dumps(res)[:200])
    schema = res[0].get("schema", {})
    e = schema_errors(ts_v, schema)
    report(not e, name + ": the resource's schema is a valid Table Schema", e)
    fields = schema.get("fields", [])
    bare = [f.get("name") for f in fields
            if not all(isinstance(f.get(k), str) and f.get(k) for k in
                       ("name", "title", "description", "type"))]
    report(not bare, name + ": every field has a name, a title, a description and a type",
           repr(bare))

    with open(csv_path, encoding="utf-8", newline="") as f:
        text = f.read()
    rows = list(csv.reader(io.StringIO(text)))
    header = rows[0] if rows else []
    names = [f.get("name") for f in fields]
    report(header == names, name + ": the CSV's header is the schema's field names, in order",
           "header %r, fields %r" % (header, names))
    missing = schema.get("missingValues", [""])
    problems = []
    for i, row in enumerate(rows[1:], start=2):
        if len(row) != len(fields):
            problems.append("line %d has %d cells for %d fields" % (i, len(row), len(fields)))
            continue
        for field, cell in zip(fields, row):
            why = cast_problem(field, cell, missing)
            if why:
                problems.append("line %d, %s %r: %s" % (i, field.get("name"), cell, why))
    report(len(rows) > 1 and not problems,
           name + ": each of the CSV's %d rows casts to the schema's types" % (len(rows) - 1),
           "; ".join(problems[:3]) or "no rows")


def main(argv):
    if len(argv) < 5 or (len(argv) - 2) % 3 != 0:
        print(__doc__)
        return 2
    d = argv[1]
    dp_s = load_schema(d, "data-package.json")
    tdp_s = load_schema(d, "tabular-data-package.json")
    ts_s = load_schema(d, "table-schema.json")
    for s in (dp_s, tdp_s, ts_s):
        jsonschema.Draft4Validator.check_schema(s)
    schemas = (jsonschema.Draft4Validator(dp_s), jsonschema.Draft4Validator(tdp_s),
               jsonschema.Draft4Validator(ts_s))
    for k in range(2, len(argv), 3):
        check_pair(schemas, argv[k], argv[k + 1], argv[k + 2])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
