#!/usr/bin/python3
"""bench-run.py -- the timing half of run-bench.sh.

    bench-run.py BUILDDIR SRCDIR OUTDIR N RUNS PYRUNS

Times, in OUTDIR/N (prepared by run-bench.sh), every skema operation, its
SQLAlchemy/Alembic peer and its floor, as the median of RUNS runs (PYRUNS
for the Python peers), and prints one table.  A skema command or a floor is
timed as a whole process: user + system CPU time and peak RSS from wait4(),
so that start-up, opening the file and writing the output are counted.
Each Python peer is given two figures (peer.py): the work like for like
with skema's command -- building the MetaData from the model module (the
peer of loading the YAML) plus the operation, with the interpreter's
start-up and the import of SQLAlchemy and Alembic left out, which favours
the peer -- and the whole process ("as a command"), what a user or a CI
job waits for.  MetaData.reflect needs no model: its work is the
reflection alone.
"""
import os
import shutil
import statistics
import subprocess
import sys


def run_proc(argv, stdout=subprocess.DEVNULL):
    """One process: (cpu ms, peak rss kb, exit status, stdout text)."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        os.dup2(w, 1)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        try:
            os.execv(argv[0], argv)
        finally:
            os._exit(127)
    os.close(w)
    chunks = []
    while True:
        b = os.read(r, 65536)
        if not b:
            break
        chunks.append(b)
    os.close(r)
    _, status, ru = os.wait4(pid, 0)
    cpu = (ru.ru_utime + ru.ru_stime) * 1e3
    return cpu, ru.ru_maxrss, os.waitstatus_to_exitcode(status), b"".join(chunks).decode()


def timed(argv, runs, prepare=None, ok=(0,)):
    cpus, rss, status, out = [], 0, 0, ""
    for _ in range(runs):
        if prepare:
            prepare()
        cpu, kb, st, out = run_proc(argv)
        cpus.append(cpu)
        rss = max(rss, kb)
        if st not in ok:
            status = st
    return {"ms": statistics.median(cpus), "rss": rss, "status": status, "out": out}


def peer(src, op, module, db, runs, prepare=None, with_module=True):
    """The peer's work (module + op, or op alone) and its whole process."""
    ms, cmd, rss = [], [], 0
    for _ in range(runs):
        if prepare:
            prepare()
        out = subprocess.run(["/usr/bin/python3", os.path.join(src, "tests/bench/peer.py"),
                              op, module] + ([db] if db else []),
                             check=True, capture_output=True, text=True).stdout.split()
        op_ms, module_ms = float(out[0]), float(out[3])
        ms.append(op_ms + (module_ms if with_module and op != "import" else 0))
        cmd.append(float(out[4]))
        rss = max(rss, int(out[1]))
    return {"ms": statistics.median(ms), "cmd": statistics.median(cmd), "rss": rss,
            "status": 0}


def main():
    build, src, outdir, n, runs, pyruns = sys.argv[1:7]
    runs, pyruns = int(runs), int(pyruns)
    d = os.path.join(outdir, n)
    p = lambda f: os.path.join(d, f)
    skema = os.path.join(build, "skema")
    bench = lambda x: os.path.join(build, "tests/bench", x)

    def fresh(path, base=None):
        def f():
            if os.path.exists(path):
                os.unlink(path)
            if base:
                shutil.copyfile(base, path)
        return f

    # in-process load / check / save and the libyaml floor
    out = run_proc([bench("bench-load"), p("v1.yaml"), str(runs)])[3]
    line = [l for l in out.splitlines() if l.startswith("bench ")][0]
    bl = dict(kv.split("=") for kv in line.split()[1:])
    ysize = int(bl["bytes"])
    fmt_check = timed([skema, "check", p("v1.yaml")], runs)
    ddl = timed([skema, "ddl", p("v1.yaml")], runs)
    create = timed([skema, "apply", p("v1.yaml"), "--db", p("t-create.db"), "-y"], runs,
                   prepare=fresh(p("t-create.db")))
    imp = timed([skema, "import", p("v1.db"), "-o", p("t-import.yaml")], runs)
    pragma = timed([bench("bench-pragma"), p("v1.db")], runs)
    out = run_proc([bench("bench-import"), p("v1.db"), str(runs)])[3]
    line = [l for l in out.splitlines() if l.startswith("bench ")][0]
    bi = dict(kv.split("=") for kv in line.split()[1:])
    imp_in = {"ms": float(bi["import"]), "rss": int(bi["rss"]), "status": 0, "inproc": True}
    diff_mm = timed([skema, "diff", p("v1.yaml"), p("v2.yaml")], runs, ok=(0, 1))
    diff_dm = timed([skema, "diff", p("v1.db"), p("v2.yaml")], runs, ok=(0, 1))
    apply = timed([skema, "apply", p("v2.yaml"), "--db", p("t-apply.db"), "-y"], runs,
                  prepare=fresh(p("t-apply.db"), p("v1-rows.db")))

    py_import = peer(src, "import", p("v1_models.py"), None, pyruns)
    py_ddl = peer(src, "ddl", p("v1_models.py"), None, pyruns)
    py_create = peer(src, "create", p("v1_models.py"), p("t-py.db"), pyruns,
                     prepare=fresh(p("t-py.db")))
    py_reflect = peer(src, "reflect", p("v1_models.py"), p("v1.db"), pyruns,
                      with_module=False)
    py_autogen = peer(src, "autogen", p("v2_models.py"), p("v1.db"), pyruns)

    load = {"ms": float(bl["load"]), "rss": int(bl["rss"]), "status": 0}
    lcs = {"ms": float(bl["load"]) + float(bl["check"]) + float(bl["save"]),
           "rss": int(bl["rss"]), "status": 0}
    parse = {"ms": float(bl["parse"])}
    load["inproc"] = lcs["inproc"] = True
    rows = [
        ("load (in-process)", load, ("module import", py_import), ("libyaml parse", parse)),
        ("load+check+save", lcs, ("module import", py_import), ("libyaml parse", parse)),
        ("skema check", fmt_check, ("module import", py_import), ("libyaml parse", parse)),
        ("skema ddl", ddl, ("module + DDL compile", py_ddl), None),
        ("apply v1 to empty db", create, ("module + create_all", py_create), None),
        ("import db -> model (in-process)", imp_in, ("MetaData.reflect", py_reflect),
         ("PRAGMA loop", pragma)),
        ("skema import (db)", imp, ("MetaData.reflect", py_reflect), ("PRAGMA loop", pragma)),
        ("diff yaml v1 -> v2", diff_mm, ("module + alembic autogen", py_autogen), None),
        ("diff db v1 -> v2", diff_dm, ("module + alembic autogen", py_autogen), None),
        ("apply v2 to db+rows", apply, ("module + alembic autogen", py_autogen), None),
    ]
    print("\n== %s tables: YAML %.2f MiB; median of %d runs (%d for the Python peers); "
          "CPU ms" % (n, ysize / 2**20, runs, pyruns))
    print("| operation | skema ms | peer | peer ms | x faster | peer as a command ms "
          "| x faster | floor | floor ms | x floor | peak RSS MiB | RSS / YAML |")
    print("|---|---:|---|---:|---:|---:|---:|---|---:|---:|---:|---:|")
    for name, s, pr, fl in rows:
        flag = "" if s.get("status", 0) == 0 else " (exit %d)" % s["status"]
        # An in-process figure has no command to compare with.
        ccell = ("- | -" if s.get("inproc") else
                 "%.1f | %.0f" % (pr[1]["cmd"], pr[1]["cmd"] / s["ms"]))
        pcell = "%s | %.1f | %.0f | %s" % (pr[0], pr[1]["ms"], pr[1]["ms"] / s["ms"], ccell)
        fcell = ("%s | %.1f | %.2f" % (fl[0], fl[1]["ms"], s["ms"] / fl[1]["ms"])
                 if fl else "- | - | -")
        print("| %s%s | %.1f | %s | %s | %.1f | %.1f |"
              % (name, flag, s["ms"], pcell, fcell, s["rss"] / 1024, s["rss"] * 1024 / ysize))
    print("| (peers' peak RSS, MiB) | | import %.0f, ddl %.0f, create_all %.0f, reflect %.0f, "
          "autogen %.0f | | | | | | | | | |"
          % tuple(x["rss"] / 1024 for x in (py_import, py_ddl, py_create, py_reflect,
                                            py_autogen)))
    if os.path.exists(bench("bench-designer")) and n == "5000":
        out = run_proc([bench("bench-designer"), p("v1.yaml"), "1000"])[3]
        print("\n== designer at %s tables (bench-designer, wall-clock us per key; "
              "target < 1000 us CPU)" % n)
        for l in out.splitlines():
            print("    " + l)


if __name__ == "__main__":
    main()
