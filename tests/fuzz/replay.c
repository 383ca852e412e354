/*
 * replay FILE|DIR...: feed each file (each file of each directory) to the
 * target linked in, once.  Lets `make test` run the whole corpus through
 * every parser with any compiler, under ASan/UBSan, without libFuzzer.
 * Prints "replay: N inputs" and exits 0, or dies in the sanitizer.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "fuzz.h"

static long count;

static void
one(const char *path)
{
	static uint8_t buf[1 << 20];
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f)
		return;
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	LLVMFuzzerTestOneInput(buf, n);
	count++;
}

int
main(int argc, char **argv)
{
	char path[4096];
	struct dirent *e;
	struct stat st;
	DIR *d;
	int i;

	for (i = 1; i < argc; i++) {
		if (stat(argv[i], &st) < 0)
			continue;
		if (!S_ISDIR(st.st_mode)) {
			one(argv[i]);
			continue;
		}
		if (!(d = opendir(argv[i])))
			continue;
		while ((e = readdir(d)))
			if (e->d_name[0] != '.') {
				snprintf(path, sizeof(path), "%s/%s", argv[i],
					 e->d_name);
				one(path);
			}
		closedir(d);
	}
	printf("replay %s: %ld inputs\n", argv[0], count);
	return 0;
}
