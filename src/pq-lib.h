/* pq-lib.h — libpq, opened when the first PostgreSQL connection is made.
 *
 * Linked in, libpq makes every skema process map and relocate the thirty
 * libraries it depends on (Kerberos, LDAP, GnuTLS, OpenSSL, ...): about
 * half the start-up of `skema check` or `skema ddl`, which never talk to
 * a server.  So the program is not linked with libpq: pq_lib_load()
 * dlopen()s libpq.so.5 once and resolves the functions skema calls into
 * the table `pq`; db-postgres.c and apply-postgres.c call them as
 * pq.exec(...) where they would write PQexec(...).
 *
 * libpq-fe.h still gives the types, and each member is declared with the
 * type of the libpq function it stands for, so the compiler checks every
 * call as before.  Only for builds with HAVE_LIBPQ. */
#ifndef SKEMA_PQ_LIB_H
#define SKEMA_PQ_LIB_H

#include <libpq-fe.h>

/* What a postgres:// source or target says when libpq.so.5 cannot be
 * opened (skema then exits 2, as for any unreadable input). */
#define PQ_LIB_MISSING "postgresql support needs libpq (apt-get install libpq5)"

/* The libpq functions skema calls, without their PQ prefix: declared
 * once, for the table below and for pq-lib.c, which resolves them. */
#define PQ_LIB_FUNCTIONS(X) \
	X(connectdbParams) X(status) X(errorMessage) X(finish) \
	X(setNoticeProcessor) X(transactionStatus) \
	X(exec) X(execParams) X(resultStatus) X(resultErrorMessage) \
	X(resultErrorField) X(ntuples) X(getvalue) X(getisnull) X(clear)

#define PQ_LIB_MEMBER(name) __typeof__(PQ##name) *name;
struct pq_lib {
	PQ_LIB_FUNCTIONS(PQ_LIB_MEMBER)
};
#undef PQ_LIB_MEMBER

/* Filled by the first successful pq_lib_load(); all NULL before.  Any
 * code holding a PGconn may use it: a connection exists only after a
 * load succeeded. */
extern struct pq_lib pq;

/* Open libpq and resolve the table, once per process (later calls only
 * report the first outcome).  Returns 0, or -1 and, when err is not NULL,
 * a one-line message in *err (the caller frees). */
int pq_lib_load(char **err);

#endif
