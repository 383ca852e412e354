/*
 * A minimal table-test kit: T_CHECK counts, t_done() prints the closing
 * "N passed, N failed" line, t_guard() places bytes right before an
 * unmapped page so that a one-byte overread crashes (as picohttpparser's
 * tests do).
 */
#ifndef T_H
#define T_H


#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static int t_pass, t_fail;

#define T_CHECK(cond, ...)                                                   \
	do {                                                                 \
		if (cond) {                                                  \
			t_pass++;                                            \
		} else {                                                     \
			t_fail++;                                            \
			printf("not ok - %s:%d: ", __FILE__, __LINE__);      \
			printf(__VA_ARGS__);                                 \
			printf("\n");                                        \
		}                                                            \
	} while (0)

static __attribute__((unused)) char *
t_guard(const char *s, size_t n)
{
	static char *page;
	static size_t ps;

	if (!page) {
		ps = (size_t)sysconf(_SC_PAGESIZE);
		page = mmap(NULL, 2 * ps, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		mprotect(page + ps, ps, PROT_NONE);
	}
	if (n > ps)
		n = ps;
	memcpy(page + ps - n, s, n);
	return page + ps - n;
}

/*
 * For parsers that return bytes taken or a negative code: rc for the
 * first k bytes of an input whose whole gives want is fine when it asks
 * for more (emore), or is want once those k bytes hold the message.
 */
static __attribute__((unused)) int
t_prefix_ok(int rc, int want, size_t k, int emore)
{
	return rc == emore || (want > 0 && k >= (size_t)want && rc == want);
}

static int
t_done(const char *name)
{
	printf("%s: %d passed, %d failed\n", name, t_pass, t_fail);
	return t_fail != 0;
}

#endif
