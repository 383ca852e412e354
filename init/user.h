/*
 * user: --user USER[:GROUP] with the semantics of Docker's --user, over
 * /etc/passwd and /etc/group read directly (no NSS).
 *
 * Pure: user_resolve() is handed the texts of the two files, which
 * privdrop.c reads.  Every function returns 0 or one of the negative
 * USER_E* codes.
 */
#ifndef INIT_USER_H
#define INIT_USER_H

#include <stddef.h>
#include <stdint.h>

#define USER_ESYNTAX  (-1) /* empty part, bad byte, more than one ':' */
#define USER_ERANGE   (-2) /* numeric id above USER_ID_MAX */
#define USER_ENOUSER  (-3) /* name not in the passwd file */
#define USER_ENOGROUP (-4) /* name not in the group file */
#define USER_EFILE    (-5) /* a file a name needs cannot be read */
#define USER_EGROUPS  (-6) /* more than USER_NGROUPS groups */

/* runc's bound: ids are 0..2^31-1; (uid_t)-1 and friends are refused. */
#define USER_ID_MAX   2147483647u
#define USER_NAME_MAX 255
#define USER_NGROUPS  256
#define USER_HOME_MAX 1024

struct user_spec {
	const char *user; /* points into the spec; not NUL-terminated */
	size_t user_len;
	int user_is_id;
	uint32_t uid;
	const char *group; /* NULL when no ":GROUP" was given */
	size_t group_len;
	int group_is_id;
	uint32_t gid;
};

/* One line of passwd(5) or group(5), pointing into the caller's text. */
struct user_entry {
	const char *name;
	size_t name_len;
	uint32_t id;	  /* uid, or gid for a group line */
	uint32_t gid;	  /* passwd only */
	const char *rest; /* passwd: the home field; group: members */
	size_t rest_len;
};

struct user_creds {
	uint32_t uid;
	uint32_t gid;
	uint32_t groups[USER_NGROUPS];
	size_t ngroups;
	char home[USER_HOME_MAX + 1];
};

/*
 * Split "USER[:GROUP]".  A part made only of digits is an id (checked
 * against USER_ID_MAX); anything else is a name, which must be non-empty
 * and free of ':', newline and NUL.
 */
int user_parse_spec(const char *spec, struct user_spec *s);

/*
 * Parse one passwd or group line (without its newline).  Returns 0, or
 * USER_ESYNTAX for a line to skip (comment, too few fields, bad id).
 */
int user_parse_passwd(const char *line, size_t len, struct user_entry *e);
int user_parse_group(const char *line, size_t len, struct user_entry *e);

/* Whether the comma-separated member list of a group line holds name. */
int user_group_has(const struct user_entry *g, const char *name, size_t len);

/*
 * Resolve a spec to credentials from the passwd and group texts (either
 * may be NULL: the file is missing).  Rules, documented in init.8:
 * a name must be in passwd; a numeric uid found there takes that entry's
 * gid and home (an absolute path without NUL, else "/"), one not found
 * gets gid = uid and home "/"; ":GROUP"
 * replaces the gid.  Supplementary groups: the gid, then every group
 * that lists the user's name.  On USER_EFILE/ENOUSER/ENOGROUP nothing is
 * to be run.
 */
int user_resolve(const struct user_spec *s, const char *passwd, size_t plen,
		 const char *group, size_t glen, struct user_creds *c);

#endif
