"""Acceptance checks of a module from `skema export -f sqlmodel`.

usage: sqlmodel_check.py create MODULE.py DB     import the module, create_all on a fresh SQLite file
       sqlmodel_check.py alembic MODULE.py DB    Alembic's compare_metadata(module metadata, DB)
       sqlmodel_check.py ddl SCRIPT.sql DB       run `skema ddl` output into DB, as SQLModel
                                                 metadata can hold it (see NOT_IN_METADATA)

`alembic` prints each difference and exits 1 when there is one.  What
SQLite (or SQLAlchemy's SQLite reflection) cannot represent is skipped,
and the list SKIPPED below says what and why.
"""
import importlib.util
import sys
import warnings

# What SQLite, or SQLAlchemy's reflection of it, cannot represent.  Each
# difference Alembic reports is skipped only when the named check below
# shows it is one of these; anything else fails the test.
SKIPPED = {
    "comment": "SQLite has no table or column comments (skema writes them as -- lines)",
    "sqlite_sequence": "SQLite's own table for AUTOINCREMENT counters is not part of a model",
    "declared_type": "SQLAlchemy reflects a type it has no class for (DOUBLE, TIMESTAMPTZ, UUID, "
                     "NUMERIC(10,2), verbatim types) by SQLite's affinity; the declared text is "
                     "compared instead",
    "default_parens": "Alembic's SQLite comparison parenthesises reflected defaults that look like "
                      "functions (CURRENT_TIMESTAMP, TRUE, NULL, 0.0); defaults are compared without "
                      "the outer parentheses instead",
}


# What a SQLModel module cannot create at all, so the database it is
# compared with is built without it.
NOT_IN_METADATA = {
    "comments": "skema's SQLite DDL keeps comments as -- lines in CREATE TABLE; "
                "SQLAlchemy writes none on SQLite",
    "views": "views are SQL text, not SQLModel classes",
    "triggers": "triggers are SQL text, not SQLModel classes",
}


def strip_comments(sql):
    """The script without -- comments (quotes respected)."""
    out, i, quote = [], 0, None
    while i < len(sql):
        ch = sql[i]
        if quote:
            out.append(ch)
            if ch == quote:
                quote = None
        elif ch in "'\"`[":
            quote = "]" if ch == "[" else ch
            out.append(ch)
        elif sql.startswith("--", i):
            while i < len(sql) and sql[i] != "\n":
                i += 1
            continue
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def ddl(script, db):
    import sqlite3

    with open(script, encoding="utf-8") as f:
        sql = strip_comments(f.read())
    conn = sqlite3.connect(db)
    conn.executescript(sql)
    for kind in ("trigger", "view"):
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_schema WHERE type = ?", (kind,))]
        for name in names:
            conn.execute('DROP %s "%s"' % (kind.upper(), name.replace('"', '""')))
    conn.commit()
    conn.close()


def load(path):
    spec = importlib.util.spec_from_file_location("exported_model", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["exported_model"] = module
    spec.loader.exec_module(module)
    return module


def create(path, db):
    from sqlmodel import SQLModel, create_engine

    load(path)
    from sqlalchemy.orm import configure_mappers

    configure_mappers()  # relationships resolve, or this raises
    engine = create_engine("sqlite:///" + db)
    SQLModel.metadata.create_all(engine)
    engine.dispose()


def flatten(diffs):
    for d in diffs:
        if isinstance(d, list):
            yield from flatten(d)
        else:
            yield d


def unwrap(text):
    text = (text or "").strip()
    while len(text) >= 2 and text[0] == "(" and text[-1] == ")":
        text = text[1:-1].strip()
    return text


def default_text(default, dialect):
    if default is None:
        return None
    if isinstance(default, str):
        return default
    arg = getattr(default, "arg", default)
    if isinstance(arg, str):
        return "'%s'" % arg.replace("'", "''")
    return str(arg.compile(dialect=dialect))


def skip_reason(diff, conn, declared):
    kind = diff[0]
    if kind in ("modify_comment", "add_table_comment", "remove_table_comment",
                "modify_table_comment"):
        return "comment"
    if kind == "remove_table" and diff[1].name == "sqlite_sequence":
        return "sqlite_sequence"
    if kind == "modify_type":
        table, column, new_type = diff[2], diff[3], diff[6]
        if type(new_type).__name__ == "DeclaredType" and \
                declared.get((table, column)) == new_type.declared:
            return "declared_type"
    if kind == "modify_default":
        table, column, old, new = diff[2], diff[3], diff[5], diff[6]
        want = default_text(new, conn.dialect)
        have = declared_default(conn, table, column)
        if want is not None and have is not None and unwrap(want) == unwrap(have):
            return "default_parens"
    return None


def declared_default(conn, table, column):
    for row in conn.exec_driver_sql('PRAGMA table_info("%s")' % table.replace('"', '""')):
        if row[1] == column:
            return row[4]
    return None


def alembic(path, db):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import create_engine
    from sqlmodel import SQLModel

    load(path)
    engine = create_engine("sqlite:///" + db)
    problems = []
    with engine.connect() as conn:
        declared = {}
        for (name,) in conn.exec_driver_sql(
                "SELECT name FROM sqlite_schema WHERE type = 'table'"):
            for row in conn.exec_driver_sql('PRAGMA table_info("%s")' % name.replace('"', '""')):
                declared[(name, row[1])] = row[2]
        ctx = MigrationContext.configure(conn, opts={"compare_type": True,
                                                     "compare_server_default": True})
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            diffs = compare_metadata(ctx, SQLModel.metadata)
        for d in flatten(diffs):
            if skip_reason(d, conn, declared) is None:
                problems.append(d)
    for p in problems:
        print("alembic: %r" % (p,))
    engine.dispose()
    return 1 if problems else 0


if __name__ == "__main__":
    commands = {"create": create, "alembic": alembic, "ddl": ddl}
    if len(sys.argv) != 4 or sys.argv[1] not in commands:
        sys.stderr.write(__doc__)
        sys.exit(2)
    sys.exit(commands[sys.argv[1]](sys.argv[2], sys.argv[3]) or 0)
