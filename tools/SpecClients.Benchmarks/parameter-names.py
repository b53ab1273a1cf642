#!/usr/bin/env python3
"""Print, comma-separated, the names of an OpenAPI document's parameters that contain any of the given characters.

usage: parameter-names.py SPEC CHARACTERS

side-by-side.sh passes NSwag's `/ExcludedParameterNames:` this list for '<>': NSwag keeps those characters in the C#
names it derives (Twilio's date-range filters `StartTime<` and `StartTime>` become `startTime<`, a syntax error).
Prints nothing when there is none.
"""
import json
import sys

import yaml


def main(argv):
    if len(argv) != 3:
        sys.stderr.write(__doc__)
        return 1
    path, characters = argv[1], argv[2]
    with open(path, "rb") as stream:
        document = json.load(stream) if path.endswith(".json") else yaml.load(
            stream, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    names = set()
    stack = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            name = node.get("name")
            # A parameter object: a name and where it goes.
            if isinstance(name, str) and "in" in node and any(c in name for c in characters):
                names.add(name)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    if names:
        print(",".join(sorted(names)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
