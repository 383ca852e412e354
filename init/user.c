#include <string.h>

#include "../lib/sys.h"
#include "user.h"

/* Digits only, at most 10 of them, value <= USER_ID_MAX. */
static int
parse_id(const char *s, size_t n, uint32_t *out)
{
	uint64_t v = 0;
	size_t i;

	if (!n || n > 10)
		return n ? USER_ERANGE : USER_ESYNTAX;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return USER_ESYNTAX;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	if (v > USER_ID_MAX)
		return USER_ERANGE;
	*out = (uint32_t)v;
	return 0;
}

static int
all_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return n > 0;
}

static int
parse_part(const char *s, size_t n, int *is_id, uint32_t *id)
{
	size_t i;

	if (!n || n > USER_NAME_MAX)
		return USER_ESYNTAX;
	for (i = 0; i < n; i++)
		if (s[i] == '\n' || s[i] == '\r' || s[i] == ',')
			return USER_ESYNTAX;
	*is_id = all_digits(s, n);
	if (*is_id)
		return parse_id(s, n, id);
	return 0;
}

int
user_parse_spec(const char *spec, struct user_spec *s)
{
	const char *colon = sys_chr(spec, ':');
	int rc;

	memset(s, 0, sizeof(*s));
	s->user = spec;
	s->user_len = (size_t)(colon - spec);
	rc = parse_part(s->user, s->user_len, &s->user_is_id, &s->uid);
	if (rc < 0)
		return rc;
	if (!*colon)
		return 0;
	s->group = colon + 1;
	s->group_len = strlen(s->group);
	if (sys_memchr(s->group, ':', s->group_len))
		return USER_ESYNTAX;
	return parse_part(s->group, s->group_len, &s->group_is_id, &s->gid);
}

/* Split line into at most max ':'-separated fields; returns the count. */
static size_t
fields(const char *line, size_t len, const char **f, size_t *fl, size_t max)
{
	size_t n = 0, start = 0, i;

	for (i = 0; i <= len && n < max; i++) {
		if (i == len || line[i] == ':') {
			f[n] = line + start;
			fl[n++] = i - start;
			start = i + 1;
		}
	}
	return n;
}

int
user_parse_passwd(const char *line, size_t len, struct user_entry *e)
{
	const char *f[7];
	size_t fl[7];

	/* name:password:uid:gid:gecos:home:shell */
	if (fields(line, len, f, fl, 7) < 6 || !fl[0] || line[0] == '#')
		return USER_ESYNTAX;
	if (parse_id(f[2], fl[2], &e->id) < 0 ||
	    parse_id(f[3], fl[3], &e->gid) < 0)
		return USER_ESYNTAX;
	e->name = f[0];
	e->name_len = fl[0];
	e->rest = f[5];
	e->rest_len = fl[5];
	return 0;
}

int
user_parse_group(const char *line, size_t len, struct user_entry *e)
{
	const char *f[4];
	size_t fl[4];
	size_t n;

	/* name:password:gid:member,member */
	n = fields(line, len, f, fl, 4);
	if (n < 3 || !fl[0] || line[0] == '#')
		return USER_ESYNTAX;
	if (parse_id(f[2], fl[2], &e->id) < 0)
		return USER_ESYNTAX;
	e->name = f[0];
	e->name_len = fl[0];
	e->gid = 0;
	e->rest = n == 4 ? f[3] : f[2] + fl[2];
	e->rest_len = n == 4 ? fl[3] : 0;
	return 0;
}

int
user_group_has(const struct user_entry *g, const char *name, size_t len)
{
	const char *p = g->rest, *end = g->rest + g->rest_len, *c;

	while (p < end) {
		c = sys_memchr(p, ',', (size_t)(end - p));
		if (!c)
			c = end;
		if ((size_t)(c - p) == len && !memcmp(p, name, len))
			return 1;
		p = c + 1;
	}
	return 0;
}

/* The next line of [*p, end) without its newline, or NULL at the end. */
static const char *
next_line(const char **p, const char *end, size_t *len)
{
	const char *line = *p, *nl;

	if (*p >= end)
		return NULL;
	nl = sys_memchr(line, '\n', (size_t)(end - line));
	if (!nl)
		nl = end;
	*len = (size_t)(nl - line);
	*p = nl + 1;
	return line;
}

static int
name_eq(const struct user_entry *e, const char *name, size_t len)
{
	return e->name_len == len && !memcmp(e->name, name, len);
}

static int
add_group(struct user_creds *c, uint32_t gid)
{
	size_t i;

	for (i = 0; i < c->ngroups; i++)
		if (c->groups[i] == gid)
			return 0;
	if (c->ngroups == USER_NGROUPS)
		return USER_EGROUPS;
	c->groups[c->ngroups++] = gid;
	return 0;
}

int
user_resolve(const struct user_spec *s, const char *passwd, size_t plen,
	     const char *group, size_t glen, struct user_creds *c)
{
	const char *p, *line, *end;
	struct user_entry e, found;
	int have = 0, rc;
	size_t len;

	memset(c, 0, sizeof(*c));
	memset(&found, 0, sizeof(found));
	if (!s->user_is_id && !passwd)
		return USER_EFILE;
	for (p = passwd, end = passwd + plen;
	     passwd && (line = next_line(&p, end, &len));) {
		if (user_parse_passwd(line, len, &e) < 0)
			continue;
		if (s->user_is_id ? e.id == s->uid
				  : name_eq(&e, s->user, s->user_len)) {
			found = e;
			have = 1;
			break;
		}
	}
	if (!have && !s->user_is_id)
		return USER_ENOUSER;
	c->uid = have ? found.id : s->uid;
	c->gid = have ? found.gid : s->uid;
	/* HOME: an absolute path without NUL bytes, or "/" (fuzzer's find). */
	if (have && found.rest_len && found.rest_len <= USER_HOME_MAX &&
	    found.rest[0] == '/' && !sys_memchr(found.rest, 0, found.rest_len))
		memcpy(c->home, found.rest, found.rest_len);
	else
		c->home[0] = '/';

	if (s->group && s->group_is_id) {
		c->gid = s->gid;
	} else if (s->group) {
		if (!group)
			return USER_EFILE;
		have = 0;
		for (p = group, end = group + glen;
		     (line = next_line(&p, end, &len));) {
			if (user_parse_group(line, len, &e) == 0 &&
			    name_eq(&e, s->group, s->group_len)) {
				c->gid = e.id;
				have = 1;
				break;
			}
		}
		if (!have)
			return USER_ENOGROUP;
	}
	add_group(c, c->gid);
	if (!found.name)
		return 0;
	for (p = group, end = group + glen;
	     group && (line = next_line(&p, end, &len));) {
		if (user_parse_group(line, len, &e) == 0 &&
		    user_group_has(&e, found.name, found.name_len)) {
			rc = add_group(c, e.id);
			if (rc < 0)
				return rc;
		}
	}
	return 0;
}
