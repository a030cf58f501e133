#!/usr/bin/python3
"""openapi_check.py — every API response the integration suite received,
validated against the server's own OpenAPI document, by a validator that is not
samverka's: Debian's python3-jsonschema.

    openapi_check.py OPENAPI.json RESPONSES.tsv

RESPONSES.tsv has one line per response: the test file that made the request,
the request number, method, path (with its query), status, Content-Type and the
file holding the body (tests/integration/lib.sh `fetch` writes it). Every
response to a path under /api/ is matched to its operation: the path template
(a literal path before a templated one, as OpenAPI says), the method (HEAD as
GET, without a body), then the status code, its range (4XX) or "default". Its
body must then be what that response declares: JSON valid against its schema,
with every $ref resolved, or nothing at all. A path or status the document does
not describe fails, except a 404 for a path that is not in it, which must still
be the document's Error object (the suite asks for missing paths on purpose).

The document is OpenAPI 3.0: its schemas are JSON Schema draft 4 plus
`nullable`, which becomes a "null" type. Objects are checked closed: a member
the schema does not list is a failure, so neither the code nor the document can
gain a field the other lacks. Formats checked: date, int64.

Prints one TAP line per test file that received API responses ("ok - openapi:
FILE: N responses match ..."), each failure below its file's line as "#" lines
naming the response, the JSON pointer and the reason; then "1..N". Exits 1 when
a response failed, 2 when the inputs cannot be read.
"""

import datetime
import json
import re
import sys

try:
    import jsonschema
except ImportError:
    print("not ok 1 - openapi: python3-jsonschema is not installed (scripts/deps.sh test installs it)")
    print("1..1")
    sys.exit(1)

MAX_REASONS = 8  # failures shown per test file; the count says how many more

OPENAPI_ONLY = ("nullable", "discriminator", "readOnly", "writeOnly", "xml", "externalDocs",
                "example", "deprecated")


def resolve(doc, ref):
    if not ref.startswith("#/"):
        raise ValueError("only local $refs are supported: %s" % ref)
    node = doc
    for part in ref[2:].split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def to_json_schema(doc, schema, stack=()):
    """The OpenAPI schema object as a self-contained JSON Schema (draft 4)."""
    if isinstance(schema, list):
        return [to_json_schema(doc, s, stack) for s in schema]
    if not isinstance(schema, dict):
        return schema
    if "$ref" in schema:
        ref = schema["$ref"]
        if ref in stack:
            raise ValueError("recursive $ref %s" % ref)
        # siblings of $ref are ignored in OpenAPI 3.0
        return to_json_schema(doc, resolve(doc, ref), stack + (ref,))
    out = {}
    for key, value in schema.items():
        if key in OPENAPI_ONLY:
            continue
        if key in ("properties", "patternProperties", "definitions"):
            out[key] = {k: to_json_schema(doc, v, stack) for k, v in value.items()}
        elif key in ("items", "additionalProperties", "not", "allOf", "anyOf", "oneOf"):
            out[key] = to_json_schema(doc, value, stack)
        else:
            out[key] = value
    if schema.get("nullable") is True:
        if "type" in out:
            out["type"] = [out["type"], "null"]
        if "enum" in out and None not in out["enum"]:
            out["enum"] = out["enum"] + [None]
    if "properties" in out and "additionalProperties" not in out:
        out["additionalProperties"] = False
    return out


FORMATS = jsonschema.FormatChecker(formats=())


@FORMATS.checks("date", raises=ValueError)
def is_date(value):
    if not isinstance(value, str):
        return True
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("not YYYY-MM-DD")
    datetime.date.fromisoformat(value)
    return True


@FORMATS.checks("int64")
def is_int64(value):
    return not isinstance(value, int) or -(2 ** 63) <= value < 2 ** 63


def template_regex(path):
    parts = re.split(r"(\{[^}/]+\})", path)
    return re.compile("^" + "".join("[^/]+" if p.startswith("{") else re.escape(p)
                                    for p in parts) + "$")


class Document:
    def __init__(self, doc):
        self.doc = doc
        paths = doc.get("paths", {})
        literal = [(p, None) for p in paths if "{" not in p]
        templated = [(p, template_regex(p)) for p in paths if "{" in p]
        # more literal segments first: /a/b/{x} before /a/{y}/{x}
        templated.sort(key=lambda t: (t[0].count("{"), -len(t[0])))
        self.paths = literal + templated
        self.validators = {}
        error = doc.get("components", {}).get("schemas", {}).get("Error")
        self.error_schema = {"$ref": "#/components/schemas/Error"} if error else None

    def path_item(self, path):
        for template, regex in self.paths:
            if (regex is None and template == path) or (regex is not None and regex.match(path)):
                return template, self.doc["paths"][template]
        return None, None

    def validator(self, key, schema):
        if key not in self.validators:
            self.validators[key] = jsonschema.Draft4Validator(
                to_json_schema(self.doc, schema), format_checker=FORMATS)
        return self.validators[key]


def pointer(parts):
    return "/" + "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def check_body(document, key, schema, body):
    """Reasons the JSON text body does not match schema, as (pointer, reason)."""
    try:
        value = json.loads(body)
    except ValueError as e:
        return [("", "the body is not JSON: %s" % e)]
    reasons = []
    errors = document.validator(key, schema).iter_errors(value)
    for e in sorted(errors, key=lambda e: list(e.absolute_path)):
        reasons.append((pointer(e.absolute_path), e.message[:240]))
    return reasons


def check_response(document, method, path, status, ctype, body):
    """Reasons this response does not match the document: (pointer, reason) pairs."""
    template, item = document.path_item(path)
    has_body = method != "HEAD"
    if template is None:
        if status == "404" and document.error_schema is not None:
            if not has_body:
                return []
            return check_body(document, "error", document.error_schema, body)
        return [("", "the path is not described by the document")]
    op = item.get("get" if method == "HEAD" else method.lower())
    if op is None and method == "OPTIONS" and status == "204":
        # a CORS preflight of a read (the document's description says reads are open to
        # every origin): the fetch protocol's, no operation of the API; it has no body
        return [] if not body else [("", "a preflight has a body")]
    if op is None:
        if status == "405" and document.error_schema is not None:
            return check_body(document, "error", document.error_schema, body) if has_body else []
        return [("", "%s is not described for %s" % (method, template))]
    responses = op.get("responses", {})
    declared = status if status in responses else status[0] + "XX"
    if declared not in responses:
        declared = "default"
    if declared not in responses:
        return [("", "status %s is not described for %s %s (described: %s)" %
                 (status, method, template, ", ".join(sorted(responses))))]
    resp = responses[declared]
    content = resp.get("content")
    if not has_body:
        return []
    if not content:
        return [] if body == "" else [("", "response %s declares no body, but one came (%d bytes)"
                                       % (declared, len(body)))]
    media = ctype.split(";")[0].strip().lower()
    if media not in content:
        return [("", "Content-Type %r is not declared for %s (declared: %s)" %
                 (ctype, declared, ", ".join(sorted(content))))]
    schema = content[media].get("schema")
    if schema is None:
        return []
    if media != "application/json":
        return []
    return check_body(document, (template, method, declared, media), schema, body)


def main(argv):
    if len(argv) != 3:
        print("usage: openapi_check.py OPENAPI.json RESPONSES.tsv", file=sys.stderr)
        return 2
    try:
        with open(argv[1], encoding="utf-8") as f:
            document = Document(json.load(f))
    except (OSError, ValueError) as e:
        print("not ok 1 - openapi: the document %s cannot be read: %s" % (argv[1], e))
        print("1..1")
        return 2
    files = {}
    order = []
    try:
        with open(argv[2], encoding="utf-8") as f:
            lines = f.read().splitlines()
    except OSError:
        lines = []
    for line in lines:
        fields = line.split("\t")
        if len(fields) != 7:
            # a request the suite cannot name is one it cannot check: say so
            fields = ["(unreadable records)", "?", "?", "?", "?", "", ""]
            if fields[0] not in files:
                files[fields[0]] = []
                order.append(fields[0])
            files[fields[0]].append((line[:160], [("", "not 7 tab-separated fields")]))
            continue
        name, n, method, target, status, ctype, body_file = fields
        path = target.split("?", 1)[0]
        if not path.startswith("/api/"):
            continue
        try:
            with open(body_file, encoding="utf-8", errors="surrogateescape") as f:
                body = f.read()
        except OSError as e:
            body = None
            reasons = [("", "the body file is gone: %s" % e)]
        if body is not None:
            try:
                reasons = check_response(document, method, path, status, ctype, body)
            except (ValueError, KeyError, jsonschema.exceptions.SchemaError) as e:
                reasons = [("", "the document cannot be used for it: %s" % e)]
        if name not in files:
            files[name] = []
            order.append(name)
        files[name].append(("#%s %s %s -> %s" % (n, method, target[:160], status), reasons))
    n_tap = 0
    failed = 0
    for name in order:
        results = files[name]
        bad = [(what, reasons) for what, reasons in results if reasons]
        n_tap += 1
        if not bad:
            print("ok %d - openapi: %s: %d API responses match /api/v1/openapi.json" %
                  (n_tap, name, len(results)))
            continue
        failed += 1
        print("not ok %d - openapi: %s: %d of %d API responses do not match /api/v1/openapi.json" %
              (n_tap, name, len(bad), len(results)))
        shown = 0
        for what, reasons in bad:
            for ptr, reason in reasons:
                if shown < MAX_REASONS:
                    print("#   %s: at %s: %s" % (what, ptr or "/", reason))
                shown += 1
        if shown > MAX_REASONS:
            print("#   ... and %d more" % (shown - MAX_REASONS))
    print("1..%d" % n_tap)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
