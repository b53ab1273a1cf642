#!/usr/bin/env python3
"""Reduce an OpenAPI document to some of its operations, for generators that have no operation filter of their own.

usage: reduce-spec.py SPEC OUT.json "opId;opId" [KIOTA_PATTERNS_FILE]

Keeps the listed operations (by operationId) and, of the components, only those their $refs reach, directly or
through other components (the closure). securitySchemes are kept whole: security requirements name them without a
$ref. Everything else at the top level (info, servers, security, tags) is kept; webhooks are dropped. The result is
written as JSON. With KIOTA_PATTERNS_FILE, also writes one `path#METHOD` line per kept operation: the value of
`kiota generate --include-path` that selects exactly that operation.

It fails (exit 1) when an operationId is not in the document, so a typo cannot shrink a benchmark silently.
"""
import json
import sys

import yaml

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def load(path):
    with open(path, "rb") as stream:
        if path.endswith(".json"):
            return json.load(stream)
        # libyaml's loader when present: Stripe's 4 MB take seconds with the pure-Python one.
        return yaml.load(stream, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def refs_in(node, found):
    """Collects every "$ref" string under node."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            ref = current.get("$ref")
            if isinstance(ref, str):
                found.add(ref)
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)


def component_key(ref):
    """'#/components/schemas/a~1b' -> ('schemas', 'a/b'); None for any other kind of reference."""
    parts = ref.split("/")
    if len(parts) != 4 or parts[0] != "#" or parts[1] != "components":
        return None
    return parts[2], parts[3].replace("~1", "/").replace("~0", "~")


def main(argv):
    if len(argv) not in (4, 5):
        sys.stderr.write(__doc__)
        return 1
    source, target, selection = argv[1], argv[2], argv[3]
    wanted = {op for op in selection.split(";") if op}
    document = load(source)

    paths = {}
    patterns = []
    for path, item in (document.get("paths") or {}).items():
        kept = {key: value for key, value in item.items() if key not in METHODS}
        for method in METHODS:
            operation = item.get(method)
            if isinstance(operation, dict) and operation.get("operationId") in wanted:
                kept[method] = operation
                wanted.discard(operation["operationId"])
                patterns.append(f"{path}#{method.upper()}")
        if any(method in kept for method in METHODS):
            paths[path] = kept
    if wanted:
        sys.stderr.write(f"operationId not found in {source}: {';'.join(sorted(wanted))}\n")
        return 1

    components = document.get("components") or {}
    reached = {}
    pending = set()
    refs_in(paths, pending)
    seen = set()
    while pending:
        ref = pending.pop()
        if ref in seen:
            continue
        seen.add(ref)
        key = component_key(ref)
        if key is None or key[1] not in components.get(key[0], {}):
            continue
        value = components[key[0]][key[1]]
        reached.setdefault(key[0], {})[key[1]] = value
        refs_in(value, pending)
    if "securitySchemes" in components:
        reached["securitySchemes"] = components["securitySchemes"]

    reduced = {key: value for key, value in document.items() if key not in ("paths", "components", "webhooks")}
    reduced["paths"] = paths
    # The document's own order of components, so the output does not depend on the walk.
    reduced["components"] = {
        kind: {name: entries[name] for name in components[kind] if name in entries}
        for kind, entries in reached.items()
    }
    with open(target, "w", encoding="utf-8") as stream:
        json.dump(reduced, stream, ensure_ascii=False, indent=1)
    if len(argv) == 5:
        with open(argv[4], "w", encoding="utf-8") as stream:
            stream.write("\n".join(patterns) + "\n")

    total = sum(len(entries) for entries in components.values())
    kept_count = sum(len(entries) for entries in reduced["components"].values())
    schemas = len(reduced["components"].get("schemas", {}))
    print(f"reduced: {len(patterns)} operations on {len(paths)} paths; components kept {kept_count} of {total} "
          f"(schemas {schemas} of {len(components.get('schemas', {}))}), the $ref closure of those operations")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
