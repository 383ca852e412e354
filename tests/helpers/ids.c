/*
 * ids: one line with what a privilege drop must have set, read from
 * /proc/self/status and the environment:
 * uid=R,E,S gid=R,E,S groups=G,G cap=INH/PRM/EFF/AMB nnp=N home=H
 * "ids bnd" prints the bounding set instead: bnd=HEX
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
field(const char *status, const char *name, char *out, size_t n)
{
	const char *p = strstr(status, name);
	size_t i = 0;

	out[0] = '\0';
	if (!p)
		return;
	p += strlen(name);
	while (*p == '\t' || *p == ' ')
		p++;
	for (; *p && *p != '\n' && i + 1 < n; p++) {
		if (*p == '\t' || *p == ' ') {
			/* ids: real, effective, saved (not fs) */
			if (p[1] == '\n' || p[1] == '\0')
				break;
			out[i++] = ',';
		} else {
			out[i++] = *p;
		}
	}
	out[i] = '\0';
}

int
main(int argc, char **argv)
{
	static char st[8192];
	char uid[64], gid[64], groups[1024], ci[32], cp[32], ce[32], ca[32];
	char nnp[8];
	const char *home = getenv("HOME");
	FILE *f = fopen("/proc/self/status", "r");
	size_t n;

	if (!f)
		return 2;
	n = fread(st, 1, sizeof(st) - 1, f);
	st[n] = '\0';
	if (argc > 1 && !strcmp(argv[1], "bnd")) {
		field(st, "\nCapBnd:", ci, sizeof(ci));
		printf("bnd=%s\n", ci);
		return 0;
	}
	field(st, "\nUid:", uid, sizeof(uid));
	field(st, "\nGid:", gid, sizeof(gid));
	field(st, "\nGroups:", groups, sizeof(groups));
	field(st, "\nCapInh:", ci, sizeof(ci));
	field(st, "\nCapPrm:", cp, sizeof(cp));
	field(st, "\nCapEff:", ce, sizeof(ce));
	field(st, "\nCapAmb:", ca, sizeof(ca));
	field(st, "\nNoNewPrivs:", nnp, sizeof(nnp));
	/* Drop the filesystem id: the fourth of Uid and Gid. */
	if (strrchr(uid, ','))
		*strrchr(uid, ',') = '\0';
	if (strrchr(gid, ','))
		*strrchr(gid, ',') = '\0';
	printf("uid=%s gid=%s groups=%s cap=%s/%s/%s/%s nnp=%s home=%s\n",
	       uid, gid, groups, ci, cp, ce, ca, nnp, home ? home : "(unset)");
	return 0;
}
