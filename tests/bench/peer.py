#!/usr/bin/python3
"""peer.py -- one timed run of the SQLAlchemy / Alembic side of the benchmark.

    peer.py OP MODULE.py [DB]

Imports MODULE.py (a gen-sqlalchemy.py module), then does OP and prints
"OP_MS PEAK_RSS_KB SINK MODULE_MS PROCESS_MS": the CPU time of OP alone,
the process's peak RSS (module and SQLAlchemy included), a number that
keeps the work from being optimised away, the CPU time of executing the
module (building the MetaData, the peer of loading a model), and the CPU
time of the whole process so far (interpreter start-up, importing
SQLAlchemy and Alembic, the module and OP: what a user waits for).
OP is one of:

  import    executing the module: building the MetaData (the peer of loading
            a model; timed instead of OP)
  ddl       CreateTable compiled for the SQLite dialect for every table,
            CreateIndex for every index
  create    metadata.create_all() on a new SQLite database DB
  reflect   MetaData.reflect() of the database DB (the peer of skema import)
  autogen   Alembic autogenerate between the database DB and the module's
            metadata: produce_migrations() (compare_metadata's work) and
            render_python_code() of the upgrade operations
"""
import importlib.util
import resource
import sys
import time


def load(path):
    spec = importlib.util.spec_from_file_location("peer_models", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.metadata


def main():
    op, path = sys.argv[1], sys.argv[2]
    db = sys.argv[3] if len(sys.argv) > 3 else None
    # SQLAlchemy and Alembic themselves are imported outside the timing
    import sqlalchemy as sa
    from sqlalchemy.dialects import sqlite
    from sqlalchemy.schema import CreateIndex, CreateTable
    from alembic.autogenerate import produce_migrations, render_python_code
    from alembic.migration import MigrationContext

    t0 = time.process_time()
    metadata = load(path)
    t_import = time.process_time() - t0
    sink = 0
    t0 = time.process_time()
    if op == "import":
        pass
    elif op == "ddl":
        dialect = sqlite.dialect()
        for t in metadata.sorted_tables:
            sink += len(str(CreateTable(t).compile(dialect=dialect)))
            for ix in t.indexes:
                sink += len(str(CreateIndex(ix).compile(dialect=dialect)))
    elif op == "create":
        engine = sa.create_engine("sqlite:///" + db)
        metadata.create_all(engine)
        engine.dispose()
    elif op == "reflect":
        engine = sa.create_engine("sqlite:///" + db)
        m = sa.MetaData()
        m.reflect(bind=engine)
        sink = len(m.tables)
        engine.dispose()
    elif op == "autogen":
        engine = sa.create_engine("sqlite:///" + db)
        with engine.connect() as conn:
            ctx = MigrationContext.configure(conn)
            script = produce_migrations(ctx, metadata)
            sink = len(render_python_code(script.upgrade_ops))
        engine.dispose()
    else:
        sys.exit("peer.py: unknown OP %r" % op)
    t = time.process_time() - t0
    if op == "import":
        t = t_import
    ru = resource.getrusage(resource.RUSAGE_SELF)
    print("%.3f %d %d %.3f %.3f" % (t * 1e3, ru.ru_maxrss, sink, t_import * 1e3,
                                    (ru.ru_utime + ru.ru_stime) * 1e3))


if __name__ == "__main__":
    main()
