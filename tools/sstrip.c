/*
 * sstrip: drop what a loader never reads from a static ELF64 executable:
 * the section header table and the sections after the last segment
 * (.comment, .shstrtab).  About 1 KiB of a 20 KiB init.  The file must be
 * little-endian ELF64 with its section headers at the end, as ld writes
 * it; anything else is left alone with a message.
 *
 * usage: sstrip FILE
 */
#include <elf.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	static unsigned char img[4 << 20];
	Elf64_Ehdr *eh = (Elf64_Ehdr *)(void *)img;
	Elf64_Phdr *ph;
	Elf64_Off end = 0;
	ssize_t n;
	int fd, i;

	if (argc != 2) {
		fputs("usage: sstrip FILE\n", stderr);
		return 2;
	}
	fd = open(argv[1], O_RDWR);
	if (fd < 0 || (n = read(fd, img, sizeof(img))) <= 0) {
		perror(argv[1]);
		return 1;
	}
	if ((size_t)n < sizeof(*eh) || memcmp(img, ELFMAG, SELFMAG) ||
	    img[EI_CLASS] != ELFCLASS64 || img[EI_DATA] != ELFDATA2LSB ||
	    eh->e_phoff + (Elf64_Off)eh->e_phnum * sizeof(*ph) > (size_t)n) {
		fprintf(stderr, "sstrip: %s: not a little-endian ELF64 file\n",
			argv[1]);
		return 1;
	}
	end = eh->e_phoff + (Elf64_Off)eh->e_phnum * sizeof(*ph);
	for (i = 0; i < eh->e_phnum; i++) {
		ph = (Elf64_Phdr *)(void *)(img + eh->e_phoff) + i;
		if (ph->p_offset + ph->p_filesz > end)
			end = ph->p_offset + ph->p_filesz;
	}
	if (eh->e_shoff && eh->e_shoff < end) {
		fprintf(stderr, "sstrip: %s: sections inside segments\n",
			argv[1]);
		return 1;
	}
	eh->e_shoff = 0;
	eh->e_shnum = 0;
	eh->e_shstrndx = 0;
	if (pwrite(fd, img, sizeof(*eh), 0) != (ssize_t)sizeof(*eh) ||
	    ftruncate(fd, (off_t)end) < 0) {
		perror(argv[1]);
		return 1;
	}
	return close(fd) < 0;
}
