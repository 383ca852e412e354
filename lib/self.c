#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h> /* renameat(2)'s declaration: no stdio code */
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "io.h"
#include "self.h"
#include "sys.h"

static const char head[] =
    "MIT License: Copyright (c) 2026 the init + healthcheck authors.\n"
    "The static binaries link in, each under the same terms:\n"
    "  musl libc: Copyright (c) 2005-2020 Rich Felker, et al.\n";

static const char terms[] =
    "musl's other permissive notices: THIRD_PARTY, beside this program.\n\n"
    "Permission is hereby granted, free of charge, to any person "
    "obtaining a copy\nof this software and associated documentation files "
    "(the \"Software\"), to deal\nin the Software without restriction, "
    "including without limitation the rights\nto use, copy, modify, merge, "
    "publish, distribute, sublicense, and/or sell\ncopies of the Software, "
    "and to permit persons to whom the Software is\nfurnished to do so, "
    "subject to the following conditions:\n\nThe above copyright notice and "
    "this permission notice shall be included in all\ncopies or substantial "
    "portions of the Software.\n\nTHE SOFTWARE IS PROVIDED \"AS IS\", "
    "WITHOUT WARRANTY OF ANY KIND, EXPRESS OR\nIMPLIED, INCLUDING BUT NOT "
    "LIMITED TO THE WARRANTIES OF MERCHANTABILITY,\nFITNESS FOR A PARTICULAR "
    "PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE\nAUTHORS OR "
    "COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER\nLIABILITY, "
    "WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,\nOUT "
    "OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN "
    "THE\nSOFTWARE.\n";

void
self_license(const char *extra)
{
	io_write_all(1, head, sizeof(head) - 1);
	if (extra)
		io_write_all(1, extra, strlen(extra));
	io_write_all(1, terms, sizeof(terms) - 1);
}

/* Append why (NULL: errno's words) to b; -1. */
static long
fail(struct buf *b, const char *why)
{
	buf_str(b, why ? why : msg_errstr(errno));
	return -1;
}

/* The copy; its size, or -1 with why appended to b. */
static long
copy(const char *dir, const char *name, struct buf *b)
{
	char tmp[32], chunk[8192];
	struct statfs fs;
	struct buf tb;
	long total = 0;
	ssize_t got = -1;
	int d, in = -1, out = -1, e;

	d = sys_open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (d < 0)
		return fail(b, NULL);
	if (sys_fstatfs(d, &fs) < 0)
		fs.f_flags = 0; /* not known: the copy will say */
	if (fs.f_flags & ST_RDONLY)
		return fail(b, "a read-only mount");
	if (fs.f_flags & ST_NOEXEC)
		return fail(b, "a noexec mount (a copy there could not run)");
	buf_init(&tb, tmp, sizeof(tmp));
	buf_str(&tb, ".");
	buf_str(&tb, name);
	buf_str(&tb, ".new");
	umask(0); /* mode 0755 exactly; the program ends next */
	in = sys_open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	if (in >= 0)
		out = sys_openat(
		    d, tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0755);
	if (out >= 0)
		while ((got = io_read(in, chunk, sizeof(chunk))) > 0 &&
		       io_write_all(out, chunk, (size_t)got) == 0)
			total += got;
	e = errno;
	if (got != 0 || fsync(out) < 0 || close(out) < 0 ||
	    renameat(d, tmp, d, name) < 0) {
		e = got != 0 ? e : errno;
		if (out >= 0)
			unlinkat(d, tmp, 0);
		errno = e;
		return fail(b, NULL);
	}
	fsync(d); /* the rename too */
	return total;
}

_Noreturn void
self_install(const char *dir, const char *name, int fail_code)
{
	char mem[160];
	struct buf b;
	long size;

	buf_init(&b, mem, sizeof(mem));
	size = copy(dir, name, &b);
	if (size < 0)
		msg_die(fail_code, "--install ", dir, ": ", mem, NULL);
	buf_init(&b, mem, sizeof(mem));
	buf_str(&b, name);
	buf_str(&b, ": installed ");
	buf_str(&b, dir);
	buf_str(&b, "/");
	buf_str(&b, name);
	buf_str(&b, " (");
	buf_u64(&b, (uint64_t)size);
	buf_str(&b, " bytes)\n");
	io_write_all(1, b.p, b.len);
	_exit(0);
}
