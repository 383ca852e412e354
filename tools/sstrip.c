/*
 * sstrip: drop what a loader never reads from a static ELF executable:
 * the section header table and the sections after the last segment
 * (.comment, .shstrtab).  About 1 KiB of a 20 KiB init.  ELF32 and ELF64,
 * little- and big-endian (every release architecture), read field by
 * field in the file's own byte order, so the host's does not matter.  The
 * section headers must come after every segment, as ld writes them;
 * anything else is left alone with a message.
 *
 * usage: sstrip FILE
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static unsigned char img[4 << 20];
static int big; /* ELFDATA2MSB */

/* An n-byte unsigned field at off, in the file's byte order. */
static uint64_t
get(size_t off, int n)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < n; i++)
		v |= (uint64_t)img[off + (size_t)(big ? n - 1 - i : i)]
		     << (8 * i);
	return v;
}

static void
put(size_t off, int n, uint64_t v)
{
	int i;

	for (i = 0; i < n; i++)
		img[off + (size_t)(big ? n - 1 - i : i)] =
		    (unsigned char)(v >> (8 * i));
}

int
main(int argc, char **argv)
{
	/* Offsets and sizes of the header fields, ELF32 and ELF64. */
	size_t phoff_at, shoff_at, phentsize_at, phnum_at, shnum_at, ehsize;
	size_t poff_at, pfilesz_at, i;
	uint64_t phoff, shoff, end, o, f;
	unsigned phent, phnum;
	int w, fd;
	ssize_t n;

	if (argc != 2) {
		fputs("usage: sstrip FILE\n", stderr);
		return 2;
	}
	fd = open(argv[1], O_RDWR);
	if (fd < 0 || (n = read(fd, img, sizeof(img))) <= 0) {
		perror(argv[1]);
		return 1;
	}
	if (n < 52 || memcmp(img, "\177ELF", 4) || img[4] < 1 || img[4] > 2 ||
	    img[5] < 1 || img[5] > 2) {
		fprintf(stderr, "sstrip: %s: not an ELF file\n", argv[1]);
		return 1;
	}
	big = img[5] == 2;
	if (img[4] == 2) { /* ELF64 */
		w = 8;
		phoff_at = 32, shoff_at = 40, phentsize_at = 54;
		phnum_at = 56, shnum_at = 60, ehsize = 64;
		poff_at = 8, pfilesz_at = 32;
	} else {
		w = 4;
		phoff_at = 28, shoff_at = 32, phentsize_at = 42;
		phnum_at = 44, shnum_at = 48, ehsize = 52;
		poff_at = 4, pfilesz_at = 16;
	}
	if ((size_t)n < ehsize) {
		fprintf(stderr, "sstrip: %s: truncated\n", argv[1]);
		return 1;
	}
	phoff = get(phoff_at, w);
	shoff = get(shoff_at, w);
	phent = (unsigned)get(phentsize_at, 2);
	phnum = (unsigned)get(phnum_at, 2);
	end = phoff + (uint64_t)phent * phnum;
	if (phent < pfilesz_at + (size_t)w || end > (uint64_t)n) {
		fprintf(stderr, "sstrip: %s: bad program headers\n", argv[1]);
		return 1;
	}
	for (i = 0; i < phnum; i++) {
		o = get((size_t)phoff + i * phent + poff_at, w);
		f = get((size_t)phoff + i * phent + pfilesz_at, w);
		if (o + f > end)
			end = o + f;
	}
	if (end > (uint64_t)n) {
		fprintf(stderr, "sstrip: %s: segments past the end\n", argv[1]);
		return 1;
	}
	if (shoff && shoff < end) {
		fprintf(stderr, "sstrip: %s: sections inside segments\n",
			argv[1]);
		return 1;
	}
	put(shoff_at, w, 0);
	put(shnum_at, 2, 0);
	put(shnum_at + 2, 2, 0); /* e_shstrndx */
	if (pwrite(fd, img, ehsize, 0) != (ssize_t)ehsize ||
	    ftruncate(fd, (off_t)end) < 0) {
		perror(argv[1]);
		return 1;
	}
	return close(fd) < 0;
}
