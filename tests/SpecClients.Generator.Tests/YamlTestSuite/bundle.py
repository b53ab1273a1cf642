#!/usr/bin/env python3
"""Bundles the yaml-test-suite's data into cases.json, the input of YamlTestSuiteTests.

Usage: bundle.py <a checkout of github.com/yaml/yaml-test-suite, branch "data"> [commit]
Only what the tests read is kept: the name, the YAML, the JSON it loads as, and whether it must fail.
"""
import json
import os
import sys

root = sys.argv[1]
cases = []
for case_id in sorted(os.listdir(root)):
    case_dir = os.path.join(root, case_id)
    if case_id in ("name", "tags") or not os.path.isdir(case_dir):
        continue
    variants = [case_dir] if os.path.exists(os.path.join(case_dir, "in.yaml")) else [
        os.path.join(case_dir, sub) for sub in sorted(os.listdir(case_dir))]
    for variant in variants:
        def read(name):
            path = os.path.join(variant, name)
            return open(path, encoding="utf-8").read() if os.path.exists(path) else None
        cases.append({
            "id": os.path.relpath(variant, root).replace(os.sep, "/"),
            "name": (read("===") or "").strip(),
            "yaml": read("in.yaml"),
            "json": read("in.json"),
            "error": os.path.exists(os.path.join(variant, "error")),
        })

json.dump({"source": "https://github.com/yaml/yaml-test-suite (branch data)",
           "commit": sys.argv[2] if len(sys.argv) > 2 else None,
           "cases": cases}, open("cases.json", "w", encoding="utf-8"), ensure_ascii=False, indent=1)
print(len(cases), "cases")
