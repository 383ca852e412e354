#include <stdlib.h>

#include "../../init/user.h"
#include "t.h"

static const struct {
	const char *in;
	int rc;
	const char *user;
	int user_is_id;
	unsigned uid;
	const char *group;	/* NULL: none */
	int group_is_id;
	unsigned gid;
} specs[] = {
	{ "alice", 0, "alice", 0, 0, NULL, 0, 0 },
	{ "1000", 0, "1000", 1, 1000, NULL, 0, 0 },
	{ "0", 0, "0", 1, 0, NULL, 0, 0 },
	{ "007", 0, "007", 1, 7, NULL, 0, 0 },
	{ "alice:staff", 0, "alice", 0, 0, "staff", 0, 0 },
	{ "alice:50", 0, "alice", 0, 0, "50", 1, 50 },
	{ "1000:50", 0, "1000", 1, 1000, "50", 1, 50 },
	{ "2147483647", 0, "2147483647", 1, 2147483647u, NULL, 0, 0 },
	{ "a-b.c_d", 0, "a-b.c_d", 0, 0, NULL, 0, 0 },
	{ "-1", 0, "-1", 0, 0, NULL, 0, 0 },
	{ "1a", 0, "1a", 0, 0, NULL, 0, 0 },
	{ "2147483648", USER_ERANGE, NULL, 0, 0, NULL, 0, 0 },
	{ "4294967295", USER_ERANGE, NULL, 0, 0, NULL, 0, 0 },
	{ "99999999999", USER_ERANGE, NULL, 0, 0, NULL, 0, 0 },
	{ "1:4294967296", USER_ERANGE, NULL, 0, 0, NULL, 0, 0 },
	{ "", USER_ESYNTAX, NULL, 0, 0, NULL, 0, 0 },
	{ ":", USER_ESYNTAX, NULL, 0, 0, NULL, 0, 0 },
	{ ":50", USER_ESYNTAX, NULL, 0, 0, NULL, 0, 0 },
	{ "alice:", USER_ESYNTAX, NULL, 0, 0, NULL, 0, 0 },
	{ "a:b:c", USER_ESYNTAX, NULL, 0, 0, NULL, 0, 0 },
	{ "a\nb", USER_ESYNTAX, NULL, 0, 0, NULL, 0, 0 },
	{ "a,b", USER_ESYNTAX, NULL, 0, 0, NULL, 0, 0 },
};

static const char passwd[] =
	"root:x:0:0:root:/root:/bin/sh\n"
	"#alice:x:1:1::/x:/bin/sh\n"
	"\n"
	"broken:x:1\n"
	"badid:x:abc:1::/x:\n"
	"alice:x:1000:1000:Alice:/home/alice:/bin/sh\n"
	"twin:x:1000:7::/twin:/bin/sh\n"
	"bob:x:1001:1001::/home/bob\n"
	"nohome:x:1002:1002:::/bin/sh\n"
	"last:x:1003:1003::/l:/bin/sh";

static const char group[] =
	"root:x:0:\n"
	"wheel:x:10:root,alice\n"
	"staff:x:50:bob,alice\n"
	"audio:x:29:bob\n"
	"alicex:x:60:alicex,xalice\n"
	"dup:x:10:alice\n"
	"nomembers:x:70\n"
	"bad:x:zz:alice\n"
	"lastgrp:x:80:last";

static const struct {
	const char *spec;
	int rc;
	unsigned uid, gid;
	const char *groups;
	const char *home;
} resolves[] = {
	{ "alice", 0, 1000, 1000, "1000,10,50", "/home/alice" },
	{ "1000", 0, 1000, 1000, "1000,10,50", "/home/alice" },
	{ "bob", 0, 1001, 1001, "1001,50,29", "/home/bob" },
	{ "root", 0, 0, 0, "0,10", "/root" },
	{ "nohome", 0, 1002, 1002, "1002", "/" },
	{ "last", 0, 1003, 1003, "1003,80", "/l" },
	{ "4242", 0, 4242, 4242, "4242", "/" },
	{ "alice:staff", 0, 1000, 50, "50,10", "/home/alice" },
	{ "alice:nomembers", 0, 1000, 70, "70,10,50", "/home/alice" },
	{ "4242:wheel", 0, 4242, 10, "10", "/" },
	{ "4242:99", 0, 4242, 99, "99", "/" },
	{ "broken", USER_ENOUSER, 0, 0, "", "" },
	{ "badid", USER_ENOUSER, 0, 0, "", "" },
	{ "Alice", USER_ENOUSER, 0, 0, "", "" },
	{ "alice:nosuch", USER_ENOGROUP, 0, 0, "", "" },
	{ "alice:bad", USER_ENOGROUP, 0, 0, "", "" },
};

static void
fmt_groups(const struct user_creds *c, char *out, size_t n)
{
	size_t i, len = 0;

	out[0] = '\0';
	for (i = 0; i < c->ngroups && len < n; i++)
		len += (size_t)snprintf(out + len, n - len, "%s%u",
					i ? "," : "", c->groups[i]);
}

int
main(void)
{
	struct user_creds *c = malloc(sizeof(*c));
	struct user_entry e;
	struct user_spec s;
	char groups[256];
	const char *p;
	size_t i, n;
	int rc;

	for (i = 0; i < sizeof(specs) / sizeof(specs[0]); i++) {
		rc = user_parse_spec(specs[i].in, &s);
		T_CHECK(rc == specs[i].rc, "spec '%s' rc %d", specs[i].in, rc);
		if (rc || specs[i].rc)
			continue;
		T_CHECK(s.user_len == strlen(specs[i].user) &&
				!memcmp(s.user, specs[i].user, s.user_len) &&
				s.user_is_id == specs[i].user_is_id &&
				s.uid == specs[i].uid,
			"spec '%s' user", specs[i].in);
		T_CHECK(specs[i].group ? s.group && s.group_len ==
				strlen(specs[i].group) &&
				s.group_is_id == specs[i].group_is_id &&
				s.gid == specs[i].gid : !s.group,
			"spec '%s' group", specs[i].in);
	}
	for (i = 0; i < sizeof(resolves) / sizeof(resolves[0]); i++) {
		T_CHECK(user_parse_spec(resolves[i].spec, &s) == 0, "%s",
			resolves[i].spec);
		rc = user_resolve(&s, t_guard(passwd, sizeof(passwd) - 1),
				  sizeof(passwd) - 1, group, sizeof(group) - 1,
				  c);
		T_CHECK(rc == resolves[i].rc, "resolve '%s' rc %d",
			resolves[i].spec, rc);
		if (rc)
			continue;
		/* group text behind a guard page too */
		rc = user_resolve(&s, passwd, sizeof(passwd) - 1,
				  t_guard(group, sizeof(group) - 1),
				  sizeof(group) - 1, c);
		fmt_groups(c, groups, sizeof(groups));
		T_CHECK(rc == 0 && c->uid == resolves[i].uid &&
				c->gid == resolves[i].gid &&
				!strcmp(groups, resolves[i].groups) &&
				!strcmp(c->home, resolves[i].home),
			"resolve '%s': %u:%u [%s] %s", resolves[i].spec, c->uid,
			c->gid, groups, c->home);
	}
	/* A home that is not an absolute path, or holds NUL bytes, is "/". */
	{
		static const char odd[] = "n:x:5:5::\0\0/root:/bin/sh\n"
					  "r:x:6:6::relative:/bin/sh\n";

		user_parse_spec("n", &s);
		T_CHECK(user_resolve(&s, odd, sizeof(odd) - 1, NULL, 0, c) == 0 &&
				!strcmp(c->home, "/"), "home with NUL bytes");
		user_parse_spec("r", &s);
		T_CHECK(user_resolve(&s, odd, sizeof(odd) - 1, NULL, 0, c) == 0 &&
				!strcmp(c->home, "/"), "relative home");
	}

	/* Missing files: names need them, numbers do not. */
	user_parse_spec("alice", &s);
	T_CHECK(user_resolve(&s, NULL, 0, NULL, 0, c) == USER_EFILE, "no pw");
	user_parse_spec("1000", &s);
	T_CHECK(user_resolve(&s, NULL, 0, NULL, 0, c) == 0 && c->gid == 1000 &&
			c->ngroups == 1 && !strcmp(c->home, "/"),
		"numeric without files");
	user_parse_spec("1000:staff", &s);
	T_CHECK(user_resolve(&s, NULL, 0, NULL, 0, c) == USER_EFILE,
		"group name without group file");

	/* Every prefix of every line parses or fails without overreading. */
	for (p = passwd; *p; p += n + (p[n] == '\n')) {
		n = strcspn(p, "\n");
		for (i = 0; i <= n; i++)
			user_parse_passwd(t_guard(p, i), i, &e);
	}
	for (p = group; *p; p += n + (p[n] == '\n')) {
		n = strcspn(p, "\n");
		for (i = 0; i <= n; i++)
			if (user_parse_group(t_guard(p, i), i, &e) == 0)
				user_group_has(&e, "alice", 5);
	}
	T_CHECK(user_parse_passwd("a:x:1:2:g:/h:/s", 15, &e) == 0 &&
			e.id == 1 && e.gid == 2 && e.rest_len == 2,
		"passwd fields");
	T_CHECK(user_parse_passwd("a:x:1:2:g:/h", 12, &e) == 0, "no shell");
	T_CHECK(user_parse_passwd("a:x:1:2:g", 9, &e) < 0, "no home field");
	T_CHECK(user_parse_passwd(":x:1:2:g:/h:/s", 14, &e) < 0, "no name");
	T_CHECK(user_parse_passwd("a:x:4294967296:2:g:/h:/s", 24, &e) < 0,
		"uid range");
	T_CHECK(user_parse_group("g:x:5", 5, &e) == 0 && e.rest_len == 0,
		"group without member field");

	/* Groups beyond USER_NGROUPS are an error, not silently dropped. */
	{
		static char big[(USER_NGROUPS + 2) * 24];
		size_t len = 0;

		for (i = 0; i < USER_NGROUPS + 1; i++)
			len += (size_t)snprintf(big + len, sizeof(big) - len,
						"g%zu:x:%zu:alice\n", i,
						i + 2000);
		user_parse_spec("alice", &s);
		T_CHECK(user_resolve(&s, passwd, sizeof(passwd) - 1, big, len,
				     c) == USER_EGROUPS,
			"too many groups");
	}
	free(c);
	return t_done("user");
}
