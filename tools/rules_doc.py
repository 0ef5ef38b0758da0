#!/usr/bin/env python3
"""Keep the classifier's rules in one list.

src/classify/rules.def declares every rule (name, unit, meaning);
data/rules.conf gives the values. From the two this writes the comments and
layout of data/rules.conf (values kept) and the rules table of
doc/FORMATS.md, between its two marker lines.

  rules_doc.py            check: exit 1 naming what has drifted (a rule of
                          rules.def without a value, a value of no rule, a
                          stale comment or table row)
  rules_doc.py --write    rewrite both files from the list
"""
import argparse
import os
import re
import sys
import textwrap

RULE = re.compile(r'^WN_RULE\((\w+), "([^"\\]*)", "([^"\\]*)"\)$')
GROUP = re.compile(r"^/\* (.*) \*/$")
CONF_LINE = re.compile(r"^\s*([a-z_]+)\s*=\s*(\d+)\s*$")
TABLE_BEGIN = "<!-- rules table: written by tools/rules_doc.py from src/classify/rules.def and data/rules.conf -->"
TABLE_END = "<!-- end of rules table -->"
CONF_HEAD = """\
# Thresholds of winnow's block classifier (src/classify). Written by the
# winnow developers. One "name = integer" per line, 0 to 100000; every rule
# of src/classify/rules.def is set here, and nothing else.
# A "unit" is one Han or kana character; a word of a script that spaces its
# words counts two units. "%" is a percentage.
# The comments come from src/classify/rules.def: edit meanings there and
# values here, then run "python3 tools/rules_doc.py --write".
"""


def read_def(path):
    """[(group or None, name, unit, doc)] in order."""
    rules, group, in_head = [], None, True
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if in_head:
                in_head = not line.endswith("*/")
                continue
            if not line.strip():
                continue
            m = RULE.match(line)
            if m:
                rules.append((group, *m.groups()))
                group = None
                continue
            g = GROUP.match(line)
            if not g:
                sys.exit(f"{path}:{n}: neither WN_RULE(name, \"unit\", \"doc\") nor a /* group */ line")
            group = g.group(1)
    return rules


def read_conf(path):
    values, errors = {}, []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.split("#", 1)[0]
            if not line.strip():
                continue
            m = CONF_LINE.match(line)
            if not m:
                errors.append(f"{path}:{n}: expected 'name = integer'")
            elif m.group(1) in values:
                errors.append(f"{path}:{n}: rule {m.group(1)} set twice")
            else:
                values[m.group(1)] = int(m.group(2))
    return values, errors


def render_conf(rules, values):
    out = [CONF_HEAD]
    for group, name, unit, doc in rules:
        if group:
            out.append(f"\n# -- {group}\n")
        for ln in textwrap.wrap(f"{doc} [{unit}]", 76):
            out.append(f"# {ln}\n")
        out.append(f"{name} = {values[name]}\n")
    return "".join(out)


def render_table(rules, values):
    rows = ["| Rule | Value | Unit | Meaning |", "|---|---|---|---|"]
    for _, name, unit, doc in rules:
        rows.append(f"| `{name}` | {values[name]} | {unit} | {doc.replace('|', chr(92) + '|')} |")
    return "\n".join(rows) + "\n"


def splice_doc(text, table, path):
    a, b = text.find(TABLE_BEGIN), text.find(TABLE_END)
    if a < 0 or b < a:
        sys.exit(f"{path}: the marker lines of the rules table are missing")
    a += len(TABLE_BEGIN) + 1
    return text[:a] + table + text[b:]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--root", default=os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")))
    args = ap.parse_args()
    p_def = os.path.join(args.root, "src/classify/rules.def")
    p_conf = os.path.join(args.root, "data/rules.conf")
    p_doc = os.path.join(args.root, "doc/FORMATS.md")
    rules = read_def(p_def)
    values, errors = read_conf(p_conf)
    names = [r[1] for r in rules]
    if len(set(names)) != len(names):
        errors.append(f"{p_def}: a rule is declared twice")
    errors += [f"{p_conf}: no value for rule {n} of rules.def" for n in names if n not in values]
    errors += [f"{p_conf}: {n} is not a rule of rules.def" for n in values if n not in names]
    if errors:
        print("\n".join(errors))
        return 1
    conf = render_conf(rules, values)
    with open(p_doc, encoding="utf-8") as f:
        doc_old = f.read()
    doc = splice_doc(doc_old, render_table(rules, values), p_doc)
    with open(p_conf, encoding="utf-8") as f:
        conf_old = f.read()
    if args.write:
        for path, new in ((p_conf, conf), (p_doc, doc)):
            with open(path, "w", encoding="utf-8") as f:
                f.write(new)
        return 0
    stale = [p for p, old, new in ((p_conf, conf_old, conf), (p_doc, doc_old, doc)) if old != new]
    for p in stale:
        print(f"{p}: out of step with {p_def}; run tools/rules_doc.py --write and read the diff")
    if not stale:
        print(f"rules: {len(rules)} rules in step")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
