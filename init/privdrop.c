/*
 * privdrop: becoming --user's uid, gid and groups for good.  The most
 * security-sensitive code of init, on its own: groups, gid, uid in that
 * order, then every change verified, and for a non-root user every
 * capability set (effective, permitted, inheritable, ambient) emptied
 * and the way back to root checked shut.  Also where the user comes
 * from: /etc/passwd and /etc/group, mapped and handed to the parsers of
 * user.c.  Setup code: a failure dies with one line, before anything has
 * run: 125 for a spec that names no user or group, 122 for a system call
 * that failed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "../lib/msg.h"
#include "../lib/sys.h"
#include "cap.h"
#include "init.h"
#include "privdrop.h"

#define PASSWD_FILE   "/etc/passwd"
#define GROUP_FILE    "/etc/group"
#define USER_FILE_MAX (16u << 20)

#ifndef PR_CAP_AMBIENT
#define PR_CAP_AMBIENT		 47
#define PR_CAP_AMBIENT_IS_SET	 1
#define PR_CAP_AMBIENT_RAISE	 2
#define PR_CAP_AMBIENT_CLEAR_ALL 4
#endif
#define CAP_SETUID_BIT ((uint64_t)1 << 7)

/*
 * Raw system calls: init is single-threaded, so libc's broadcast of id
 * changes to every thread (1.5 KiB in musl) has nothing to do.  On i386
 * and arm the plain numbers are the 16-bit-id calls of old: an id above
 * 65535 would be cut (or refused) there, so the 32-bit ones are used.
 */
#ifdef SYS_setresuid32
#define SYS_SETRESUID SYS_setresuid32
#define SYS_SETRESGID SYS_setresgid32
#define SYS_SETGROUPS SYS_setgroups32
#else
#define SYS_SETRESUID SYS_setresuid
#define SYS_SETRESGID SYS_setresgid
#define SYS_SETGROUPS SYS_setgroups
#endif

static _Noreturn void
bad(const char *spec, const char *why)
{
	msg_die_arg(INIT_EXIT_USAGE, "--user", spec, why);
}

/*
 * Map a whole file read-only; *p = NULL when it does not exist.  A file
 * that a non-root init may not read is reported as what it is: init
 * cannot change user at all (podman writes a 0600 /etc/passwd for a USER
 * the image lacks).
 */
static void
map_file(const char *spec, const char *path, const char **p, size_t *n,
	 int needed)
{
	char why[160];
	struct buf b;
	off_t size;
	void *m;
	int fd;

	*p = NULL;
	*n = 0;
	fd = sys_open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT && !needed)
			return;
		if (errno == EACCES && geteuid() != 0) {
			buf_init(&b, why, sizeof(why));
			buf_str(&b, "init runs as uid ");
			buf_u64(&b, geteuid());
			buf_str(&b, ", not root, so it cannot change user (and "
				    "cannot open ");
			buf_str(&b, path);
			buf_str(&b, "): ");
			buf_str(&b, msg_errstr(errno));
			bad(spec, why);
		}
		msg_die_sys(errno == ENOENT ? INIT_EXIT_USAGE : INIT_EXIT_SYS,
			    "unable to open ", path, NULL);
	}
	size = lseek(fd, 0, SEEK_END);
	if (size < 0 || size > (off_t)USER_FILE_MAX)
		msg_die(INIT_EXIT_SYS, "unable to read ", path,
			": not a file of at most 16 MiB", NULL);
	if (size == 0) {
		*p = "";
	} else {
		m = sys_mmap((size_t)size, PROT_READ, MAP_PRIVATE, fd);
		if (m == MAP_FAILED)
			msg_die_sys(INIT_EXIT_SYS, "unable to map ", path,
				    NULL);
		*p = m;
		*n = (size_t)size;
	}
	close(fd);
}

void
privdrop_resolve(const char *spec, struct user_creds *cr)
{
	const char *pw, *gr;
	struct user_spec s;
	size_t pn, gn;
	int rc;

	rc = user_parse_spec(spec, &s);
	if (rc == USER_ERANGE)
		bad(spec, "id out of range 0..2147483647");
	if (rc < 0)
		bad(spec, "not USER[:GROUP] (names or numeric ids, neither "
			  "empty)");
	map_file(spec, PASSWD_FILE, &pw, &pn, !s.user_is_id);
	map_file(spec, GROUP_FILE, &gr, &gn, s.group && !s.group_is_id);
	rc = user_resolve(&s, pw, pn, gr, gn, cr);
	if (rc == USER_ENOUSER)
		bad(spec, "no such user in " PASSWD_FILE);
	if (rc == USER_ENOGROUP)
		bad(spec, "no such group in " GROUP_FILE);
	if (rc == USER_EGROUPS)
		bad(spec, "member of too many groups");
	if (rc < 0)
		bad(spec, "cannot be resolved");
	if (pw && pn)
		munmap((void *)pw, pn);
	if (gr && gn)
		munmap((void *)gr, gn);
}

struct cap_header {
	uint32_t version;
	int pid;
};
struct cap_data {
	uint32_t effective, permitted, inheritable;
};
#define CAP_VERSION_3 0x20080522

void
privdrop_bounding(uint64_t keep)
{
	int cap, last = -1;

	/* Up to the kernel's last capability: dropping one past it is
	 * EINVAL. */
	for (cap = 0; cap < 64; cap++) {
		if (keep >> cap & 1) {
			last = cap;
			continue;
		}
		if (sys_prctl(PR_CAPBSET_DROP, cap, 0) == 0) {
			last = cap;
			continue;
		}
		if (errno == EINVAL && cap > 0)
			break;
		msg_die_sys(INIT_EXIT_SYS,
			    "unable to clear the capability bounding set "
			    "(it needs CAP_SETPCAP)",
			    NULL);
	}
	for (cap = 0; cap <= last; cap++)
		if (sys_prctl(PR_CAPBSET_READ, cap, 0) !=
		    (int)(keep >> cap & 1))
			msg_die(INIT_EXIT_SYS,
				"the capability bounding set is not empty",
				NULL);
}

/*
 * A failed id change: without CAP_SETUID and CAP_SETGID (docker run
 * --cap-drop ALL) the line says what to add.
 */
static _Noreturn void
die_id(const char *what)
{
	msg_die(INIT_EXIT_SYS, what, ": ", msg_errstr(errno),
		errno == EPERM
		    ? " (it needs CAP_SETUID and CAP_SETGID: --cap-add "
		      "SETUID --cap-add SETGID, or the runtime's --user)"
		    : "",
		NULL);
}

/* Capabilities as capset(2) takes them: the low 32 bits, then the high. */
static void
cap_split(uint64_t m, struct cap_data d[2])
{
	memset(d, 0, 2 * sizeof(*d));
	d[0].effective = d[0].permitted = d[0].inheritable = (uint32_t)m;
	d[1].effective = d[1].permitted = d[1].inheritable =
	    (uint32_t)(m >> 32);
}

/*
 * Become uid/gid with exactly the resolved groups, in the order groups,
 * gid, uid, then verify: every id, the group list, no way back to root
 * and, for a non-root user, every capability set empty.
 */
void
privdrop_apply(const char *spec, const struct user_creds *cr, uint64_t keep)
{
	struct cap_header h = { CAP_VERSION_3, 0 };
	struct cap_data d[2], want[2];
	gid_t groups[USER_NGROUPS];
	uid_t ru, eu, su;
	gid_t rg, eg, sg;
	size_t i, k;
	int n, cap;

	if (geteuid() != 0) {
		if (getuid() == cr->uid && getgid() == cr->gid && !keep)
			return;
		bad(spec, "init is not running as root");
	}
	for (cap = 0; cap < 64; cap++)
		if ((keep >> cap & 1) &&
		    sys_prctl(PR_CAPBSET_READ, cap, 0) != 1)
			msg_die(INIT_EXIT_SYS, "--keep-cap: CAP_",
				cap_name(cap),
				" is not in the bounding set (add it: "
				"--cap-add ",
				cap_name(cap), ")", NULL);
	for (i = 0; i < cr->ngroups; i++)
		groups[i] = cr->groups[i];
	if (syscall(SYS_SETGROUPS, cr->ngroups, groups) < 0)
		die_id("unable to set groups");
	if (syscall(SYS_SETRESGID, cr->gid, cr->gid, cr->gid) < 0)
		die_id("unable to set gid");
	if (cr->uid != 0) {
		/* Ambient (and inheritable, below) survive setuid(2). */
		if (sys_prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0) <
			0 &&
		    errno != EINVAL)
			msg_die_sys(INIT_EXIT_SYS, "unable to set capabilities",
				    NULL);
	}
	/* The permitted set survives setuid(2) only for --keep-cap. */
	if (keep && sys_prctl(PR_SET_KEEPCAPS, 1, 0) < 0)
		msg_die_sys(INIT_EXIT_SYS, "unable to set capabilities", NULL);
	if (syscall(SYS_SETRESUID, cr->uid, cr->uid, cr->uid) < 0)
		die_id("unable to set uid");

	if (getresuid(&ru, &eu, &su) < 0 || ru != cr->uid || eu != cr->uid ||
	    su != cr->uid || getresgid(&rg, &eg, &sg) < 0 || rg != cr->gid ||
	    eg != cr->gid || sg != cr->gid)
		msg_die(INIT_EXIT_SYS, "ids did not change as asked", NULL);
	/* The kernel sorts the list: compare as sets (both hold no twins). */
	n = getgroups(USER_NGROUPS, groups);
	if (n < 0 || (size_t)n != cr->ngroups)
		msg_die(INIT_EXIT_SYS, "groups did not change as asked", NULL);
	for (i = 0; i < cr->ngroups; i++) {
		for (k = 0; k < cr->ngroups; k++)
			if (groups[k] == cr->groups[i])
				break;
		if (k == cr->ngroups)
			msg_die(INIT_EXIT_SYS, "groups did not change as asked",
				NULL);
	}
	if (cr->uid == 0)
		return;
	/*
	 * Exactly keep in every set: ambient carries it across exec for a
	 * program without file capabilities, which is the point.
	 */
	cap_split(keep, want);
	if (syscall(SYS_capset, &h, want) < 0)
		msg_die_sys(INIT_EXIT_SYS, "unable to set capabilities", NULL);
	for (cap = 0; cap < 64; cap++)
		if ((keep >> cap & 1) &&
		    sys_prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap) < 0)
			msg_die_sys(INIT_EXIT_SYS, "unable to set capabilities",
				    NULL);
	if (syscall(SYS_capget, &h, d) < 0 || memcmp(d, want, sizeof(d)))
		msg_die(INIT_EXIT_SYS,
			"capabilities differ from --keep-cap "
			"after the drop",
			NULL);
	for (cap = 0; cap < 64; cap++) {
		n = sys_prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, cap);
		if (n < 0)
			break;
		if (n != (int)(keep >> cap & 1))
			msg_die(INIT_EXIT_SYS,
				"capabilities differ from "
				"--keep-cap after the drop",
				NULL);
	}
	if (!(keep & CAP_SETUID_BIT) && syscall(SYS_SETRESUID, 0, 0, 0) == 0)
		msg_die(INIT_EXIT_SYS, "could regain root after the drop",
			NULL);
}
