"""mermaid_check.py FILE... — is each file a well-formed Mermaid erDiagram?

A structural validator after Mermaid's ER grammar (erDiagram.jison): an
optional YAML front matter with a title, the `erDiagram` line, entity
blocks `NAME[ALIAS] {` ... `}` holding `TYPE NAME [PK|FK|UK, ...]
["comment"]` lines, and relationships `A CARD--CARD B : label`.  Every
relationship must name declared entities.  Prints FILE:LINE: message.
"""
import re
import sys

WORD = r"[A-Za-z_][A-Za-z0-9_-]*"
ATTR_WORD = r"[A-Za-z_*][A-Za-z0-9_\-\[\]()]*"
ENTITY = re.compile(r"^\s*(" + WORD + r')(\["[^"\n]*"\])?\s*\{\s*$')
ATTRIBUTE = re.compile(r"^\s*(" + ATTR_WORD + r")\s+(" + ATTR_WORD + r")"
                       r"(\s+(PK|FK|UK)(\s*,\s*(PK|FK|UK))*)?"
                       r'(\s+"[^"\n]*")?\s*$')
CARD_LEFT = r"(\|o|\|\||\}o|\}\|)"
CARD_RIGHT = r"(o\||\|\||o\{|\|\{)"
RELATION = re.compile(r"^\s*(" + WORD + r")\s+" + CARD_LEFT + r"(--|\.\.)" + CARD_RIGHT +
                      r"\s+(" + WORD + r')\s*:\s*("[^"\n]*"|' + WORD + r")\s*$")


def check(path):
    errors = []
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    i = 0
    if lines and lines[0] == "---":
        i = 1
        while i < len(lines) and lines[i] != "---":
            if not re.match(r"^title: '([^'\n]|'')*'$", lines[i]):
                errors.append((i + 1, "bad front matter line"))
            i += 1
        if i >= len(lines):
            errors.append((i, "front matter is not closed"))
        i += 1
    if i >= len(lines) or lines[i].strip() != "erDiagram":
        errors.append((i + 1, "expected erDiagram"))
        return errors
    entities, relations, in_entity = set(), [], None
    for n in range(i + 1, len(lines)):
        line = lines[n]
        if not line.strip():
            continue
        if in_entity:
            if line.strip() == "}":
                in_entity = None
            elif not ATTRIBUTE.match(line):
                errors.append((n + 1, "bad attribute line: %s" % line.strip()))
            continue
        m = ENTITY.match(line)
        if m:
            if m.group(1) in entities:
                errors.append((n + 1, "entity %s declared twice" % m.group(1)))
            entities.add(m.group(1))
            in_entity = m.group(1)
            continue
        m = RELATION.match(line)
        if m:
            relations.append((n + 1, m.group(1), m.group(5)))
            continue
        errors.append((n + 1, "not an entity, attribute or relationship: %s" % line.strip()))
    if in_entity:
        errors.append((len(lines), "entity %s is not closed" % in_entity))
    for n, a, b in relations:
        for e in (a, b):
            if e not in entities:
                errors.append((n, "relationship names undeclared entity %s" % e))
    return errors


status = 0
for path in sys.argv[1:]:
    for line, message in check(path):
        print("%s:%d: %s" % (path, line, message))
        status = 1
sys.exit(status)
