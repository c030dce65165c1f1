/* pq-lib.c — see pq-lib.h. */
#include "config.h"

/* The fuzz build and the no-libpq unit test compile the engine without
 * libpq: nothing here then. */
#ifdef DB_POSTGRES_WITHOUT_LIBPQ
#undef HAVE_LIBPQ
#endif

#if HAVE_LIBPQ

#include "pq-lib.h"

#include <dlfcn.h>
#include <stdbool.h>
#include <stdlib.h>

#include "util.h"

/* The library's soname, the same since PostgreSQL 8.2; the unit test
 * builds this file once more with a name that does not exist. */
#ifndef PQ_LIB_SONAME
#define PQ_LIB_SONAME "libpq.so.5"
#endif

struct pq_lib pq;

/* One function of lib, or NULL with the first such failure in *why. */
static void *pq_lib_symbol(void *lib, const char *name, char **why)
{
	void *f = dlsym(lib, name);

	if (!f && !*why)
		*why = xasprintf("%s: %s has no %s", PQ_LIB_MISSING, PQ_LIB_SONAME, name);
	return f;
}

static char *pq_lib_open(void)
{
	char *why = NULL;
	/* Never closed: the functions are used until exit. */
	void *lib = dlopen(PQ_LIB_SONAME, RTLD_NOW | RTLD_LOCAL);

	if (!lib) {
		const char *e = dlerror();

		return xasprintf("%s: %s", PQ_LIB_MISSING, e ? e : PQ_LIB_SONAME);
	}
#define PQ_LIB_RESOLVE(name) \
	pq.name = (__typeof__(pq.name))pq_lib_symbol(lib, "PQ" #name, &why);
	PQ_LIB_FUNCTIONS(PQ_LIB_RESOLVE)
#undef PQ_LIB_RESOLVE
	if (why)   /* a partial table must not look usable */
		pq = (struct pq_lib){ 0 };
	return why;
}

int pq_lib_load(char **err)
{
	static bool tried;
	static char *why;   /* the failure, for later calls too */

	if (!tried) {
		why = pq_lib_open();
		tried = true;
	}
	if (why && err)
		*err = xstrdup(why);
	return why ? -1 : 0;
}

#endif
