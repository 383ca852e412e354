/*
 * privdrop: becoming --user's uid, gid and groups for good.  The most
 * security-sensitive code of init, on its own: groups, gid, uid in that
 * order, then every change verified, and for a non-root user every
 * capability set (effective, permitted, inheritable, ambient) emptied
 * and the way back to root checked shut.  Setup code: a failure dies
 * with one line and exit 125, before anything has run.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <grp.h>
#include <stdint.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "../lib/msg.h"
#include "init.h"
#include "privdrop.h"

#ifndef PR_CAP_AMBIENT
#define PR_CAP_AMBIENT		 47
#define PR_CAP_AMBIENT_CLEAR_ALL 4
#endif

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

struct cap_header {
	uint32_t version;
	int pid;
};
struct cap_data {
	uint32_t effective, permitted, inheritable;
};
#define CAP_VERSION_3 0x20080522

/*
 * Become uid/gid with exactly the resolved groups, in the order groups,
 * gid, uid, then verify: every id, the group list, no way back to root
 * and, for a non-root user, every capability set empty.
 */
void
privdrop_apply(const char *spec, const struct user_creds *cr)
{
	struct cap_header h = { CAP_VERSION_3, 0 };
	struct cap_data d[2];
	gid_t groups[USER_NGROUPS];
	uid_t ru, eu, su;
	gid_t rg, eg, sg;
	size_t i, k;
	int n;

	if (geteuid() != 0) {
		if (getuid() == cr->uid && getgid() == cr->gid)
			return;
		msg_die(INIT_EXIT_USAGE, "--user '", spec,
			"': init is not running as root", NULL);
	}
	for (i = 0; i < cr->ngroups; i++)
		groups[i] = cr->groups[i];
	if (syscall(SYS_SETGROUPS, cr->ngroups, groups) < 0)
		msg_die(INIT_EXIT_USAGE,
			"unable to set groups: ", msg_errstr(errno), NULL);
	if (syscall(SYS_SETRESGID, cr->gid, cr->gid, cr->gid) < 0)
		msg_die(INIT_EXIT_USAGE,
			"unable to set gid: ", msg_errstr(errno), NULL);
	if (cr->uid != 0) {
		/* Ambient (and inheritable, below) survive setuid(2). */
		if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) <
			0 &&
		    errno != EINVAL)
			msg_die(INIT_EXIT_USAGE,
				"unable to clear ambient "
				"capabilities: ",
				msg_errstr(errno), NULL);
	}
	if (syscall(SYS_SETRESUID, cr->uid, cr->uid, cr->uid) < 0)
		msg_die(INIT_EXIT_USAGE,
			"unable to set uid: ", msg_errstr(errno), NULL);

	if (getresuid(&ru, &eu, &su) < 0 || ru != cr->uid || eu != cr->uid ||
	    su != cr->uid || getresgid(&rg, &eg, &sg) < 0 || rg != cr->gid ||
	    eg != cr->gid || sg != cr->gid)
		msg_die(INIT_EXIT_USAGE, "ids did not change as asked", NULL);
	/* The kernel sorts the list: compare as sets (both hold no twins). */
	n = getgroups(USER_NGROUPS, groups);
	if (n < 0 || (size_t)n != cr->ngroups)
		msg_die(INIT_EXIT_USAGE, "groups did not change as asked",
			NULL);
	for (i = 0; i < cr->ngroups; i++) {
		for (k = 0; k < cr->ngroups; k++)
			if (groups[k] == cr->groups[i])
				break;
		if (k == cr->ngroups)
			msg_die(INIT_EXIT_USAGE,
				"groups did not change as asked", NULL);
	}
	if (cr->uid == 0)
		return;
	memset(d, 0, sizeof(d));
	if (syscall(SYS_capset, &h, d) < 0)
		msg_die(INIT_EXIT_USAGE,
			"unable to clear capabilities: ", msg_errstr(errno),
			NULL);
	if (syscall(SYS_capget, &h, d) < 0 || d[0].effective ||
	    d[0].permitted || d[0].inheritable || d[1].effective ||
	    d[1].permitted || d[1].inheritable)
		msg_die(INIT_EXIT_USAGE, "capabilities remain after the drop",
			NULL);
	if (syscall(SYS_SETRESUID, 0, 0, 0) == 0)
		msg_die(INIT_EXIT_USAGE, "could regain root after the drop",
			NULL);
}
