/*
 * proto/chain on C2SP's x509-limbo (../shared/x509-limbo/limbo.json, as
 * tests/x509/limbo.py writes it into build/limbo.txt): every testcase
 * validated with its time, name, depth and anchors, BearSSL's primitives
 * for the signatures (healthcheck/transport/sig.c), the verdict against the
 * expected one.  Prints each group's count and N/208; fails when a case
 * that is not declined (tests/x509/limbo-declined.txt, a reason each)
 * gets the wrong verdict, or when a declined case gets the right one (the
 * list must say what is true).  With -v, every wrong case and its line.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../healthcheck/proto/chain.h"
#include "../../healthcheck/transport/sig.h"
#include "t.h"

#define MAX_CERTS 64

struct tcase {
	char id[256], expect[16], kind[16], host[256], eku[256], ku[256],
	    features[512];
	char time[32];
	int depth;
	struct chain_der leaf;
	struct chain_der im[MAX_CERTS];
	size_t nim;
	struct chain_anchor ta[MAX_CERTS];
	size_t nta;
};

static uint8_t *
unhex(const char *s, size_t *n)
{
	size_t len = strcspn(s, "\n"), i;
	uint8_t *d = malloc(len / 2 + 1);

	for (i = 0; i + 1 < len; i += 2) {
		unsigned v;

		sscanf(s + i, "%2x", &v);
		d[i / 2] = (uint8_t)v;
	}
	*n = len / 2;
	return d;
}

static void
word(char *dst, size_t n, const char *line)
{
	size_t len = strcspn(line, "\n");

	if (len >= n)
		len = n - 1;
	memcpy(dst, line, len);
	dst[len] = '\0';
}

static void
free_case(struct tcase *c)
{
	size_t i;

	free((void *)c->leaf.p);
	for (i = 0; i < c->nim; i++)
		free((void *)c->im[i].p);
	for (i = 0; i < c->nta; i++)
		free((void *)c->ta[i].der);
	memset(c, 0, sizeof(*c));
}

/* A line of the declined list for id, or NULL. */
static const char *
declined(char *list, const char *id)
{
	size_t n = strlen(id);
	char *p;

	for (p = list; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (!strncmp(p, id, n) && (p[n] == ' ' || p[n] == '\t'))
			return p;
	return NULL;
}

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *b;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	b = calloc(1, (size_t)n + 1);
	if (fread(b, 1, (size_t)n, f) != (size_t)n)
		b[0] = '\0';
	fclose(f);
	return b;
}

struct group {
	char name[32];
	int right, total;
};

int
main(int argc, char **argv)
{
	static struct tcase c;
	static struct chain ch;
	static char line[1 << 20];
	struct group groups[16];
	size_t ngroups = 0, g;
	int verbose = argc > 1 && !strcmp(argv[1], "-v");
	const char *path = "build/limbo.txt";
	char *decl = slurp("tests/x509/limbo-declined.txt");
	FILE *f = fopen(path, "r");
	int right = 0, total = 0, ndecl = 0;

	T_CHECK(f != NULL, "%s: run make build/limbo.txt", path);
	T_CHECK(decl != NULL, "tests/x509/limbo-declined.txt");
	if (!f || !decl)
		return t_done("limbo");
	memset(groups, 0, sizeof(groups));
	while (fgets(line, sizeof(line), f)) {
		size_t n;
		uint8_t *d;

		if (!strncmp(line, "case ", 5))
			word(c.id, sizeof(c.id), line + 5);
		else if (!strncmp(line, "expect ", 7))
			word(c.expect, sizeof(c.expect), line + 7);
		else if (!strncmp(line, "kind ", 5))
			word(c.kind, sizeof(c.kind), line + 5);
		else if (!strncmp(line, "time ", 5))
			word(c.time, sizeof(c.time), line + 5);
		else if (!strncmp(line, "host ", 5))
			word(c.host, sizeof(c.host), line + 5);
		else if (!strncmp(line, "depth ", 6))
			c.depth = atoi(line + 6);
		else if (!strncmp(line, "eku ", 4))
			word(c.eku, sizeof(c.eku), line + 4);
		else if (!strncmp(line, "ku ", 3))
			word(c.ku, sizeof(c.ku), line + 3);
		else if (!strncmp(line, "features ", 9))
			word(c.features, sizeof(c.features), line + 9);
		else if (!strncmp(line, "leaf ", 5)) {
			d = unhex(line + 5, &n);
			c.leaf.p = d;
			c.leaf.len = n;
		} else if (!strncmp(line, "im ", 3) && c.nim < MAX_CERTS) {
			d = unhex(line + 3, &n);
			c.im[c.nim].p = d;
			c.im[c.nim++].len = n;
		} else if (!strncmp(line, "ta ", 3) && c.nta < MAX_CERTS) {
			struct x509_info x;

			d = unhex(line + 3, &n);
			c.ta[c.nta].der = d;
			c.ta[c.nta].len = n;
			if (x509_parse(d, n, &x) == 0) {
				c.ta[c.nta].subject = x.subject.p;
				c.ta[c.nta].subject_len = x.subject.len;
			}
			c.nta++;
		} else if (!strncmp(line, "end", 3)) {
			struct chain_der sent[MAX_CERTS + 1];
			struct chain_opts o;
			struct chain_result r;
			char mem[2048], gname[32];
			struct buf b;
			const char *why;
			int ok, want;

			memset(&o, 0, sizeof(o));
			o.host = strcmp(c.host, "-") ? c.host : NULL;
			if (!strcmp(c.time, "now"))
				x509_time_text((uint64_t)time(NULL), o.now);
			else
				x509_time_text(strtoull(c.time, NULL, 10),
					       o.now);
			o.eku = strstr(c.kind, "CLIENT") ? X509_EKU_CLIENT
							 : X509_EKU_SERVER;
			o.ku = strstr(c.ku, "digitalSignature")
				   ? X509_KU_DIGITAL_SIGNATURE
				   : 0;
			o.max_depth = c.depth;
			o.crypto = &tls_sig;
			sent[0] = c.leaf;
			memcpy(sent + 1, c.im, c.nim * sizeof(*c.im));
			ok = chain_verify(&ch, sent, c.nim + 1, c.ta, c.nta, &o,
					  &r) == CHAIN_OK;
			want = !strcmp(c.expect, "SUCCESS");
			buf_init(&b, mem, sizeof(mem));
			chain_text(&r, &b);
			why = declined(decl, c.id);
			word(gname, sizeof(gname), c.id);
			gname[strcspn(gname, ":")] = '\0';
			for (g = 0; g < ngroups && strcmp(groups[g].name, gname);
			     g++)
				;
			if (g == ngroups && ngroups < 16)
				strcpy(groups[ngroups++].name, gname);
			groups[g].total++;
			groups[g].right += ok == want;
			right += ok == want;
			total++;
			ndecl += why != NULL;
			if (why)
				T_CHECK(ok != want,
					"%s is declined, yet right: take it "
					"off tests/x509/limbo-declined.txt",
					c.id);
			else
				T_CHECK(ok == want, "%s: want %s, got %s", c.id,
					c.expect, mem);
			if (verbose && ok != want)
				printf("# %s %s: want %s: %s\n",
				       why ? "declined" : "WRONG", c.id,
				       c.expect, mem);
			free_case(&c);
		}
	}
	fclose(f);
	free(decl);
	for (g = 0; g < ngroups; g++)
		printf("# limbo %s: %d/%d right\n", groups[g].name,
		       groups[g].right, groups[g].total);
	printf("# limbo: %d/%d right, %d declined "
	       "(tests/x509/limbo-declined.txt)\n",
	       right, total, ndecl);
	T_CHECK(total == 208, "208 testcases read, not %d", total);
	return t_done("limbo");
}
