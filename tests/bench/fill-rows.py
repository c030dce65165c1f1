#!/usr/bin/python3
"""fill-rows.py -- put a few rows in every table of a gen-schema database.

    fill-rows.py DATABASE [ROWS]

Inserts ROWS (default 3) rows into every table, parents first (gen-schema's
foreign keys point to earlier tables), with values that pass the
generator's checks: foreign keys point to rows 1..ROWS of the parent, so
`PRAGMA foreign_key_check` stays clean after a migration rebuilds a table.
"""
import sqlite3
import sys


def value(col, ctype, k):
    if col.startswith("state_"):
        return "active"
    t = ctype.upper()
    if t.startswith("INT") or t.startswith("BIGINT") or t.startswith("SMALLINT"):
        return k
    if t.startswith("BOOL"):
        return 1
    if t.startswith("NUMERIC") or t.startswith("DECIMAL"):
        return k + 0.5
    if t.startswith("DOUBLE") or t.startswith("REAL") or t.startswith("FLOAT"):
        return 0.5
    if t == "DATE":
        return "2000-01-%02d" % k
    if t in ("DATETIME", "TIMESTAMP"):
        return "2000-01-01 00:00:%02d" % k
    if t == "JSON":
        return "{}"
    if t == "BLOB":
        return b"\x00\x01"
    return "v%07d" % k   # text, varchar(n >= 30), char(8), uuid


def main():
    db = sqlite3.connect(sys.argv[1])
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    tables = [r[0] for r in db.execute(
        "SELECT name FROM sqlite_schema WHERE type = 'table' "
        "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'skema_%' ORDER BY rowid")]
    for t in tables:
        cols = list(db.execute("SELECT name, type, pk FROM pragma_table_info(?)", (t,)))
        fks = {r[0] for r in db.execute("SELECT \"from\" FROM pragma_foreign_key_list(?)", (t,))}
        names = [c[0] for c in cols if not (c[2] and c[0] == "id")]
        sql = 'INSERT INTO "%s" (%s) VALUES (%s)' % (
            t, ", ".join('"%s"' % n for n in names), ", ".join("?" * len(names)))
        for k in range(1, rows + 1):
            vals = [k if c[0] in fks else value(c[0], c[1], k)
                    for c in cols if not (c[2] and c[0] == "id")]
            db.execute(sql, vals)
    db.commit()
    bad = list(db.execute("PRAGMA foreign_key_check"))
    if bad:
        sys.exit("fill-rows.py: foreign key check failed: %r" % bad[:3])
    db.close()


if __name__ == "__main__":
    main()
