/*
 * cap: the names of capabilities(7), one table read both ways.
 */
#include <string.h>

#include "../lib/num.h"
#include "../lib/sys.h"
#include "cap.h"

/* Capability N is the Nth name: one string, not 41 pointers. */
static const char names[] =
    "CHOWN\0DAC_OVERRIDE\0DAC_READ_SEARCH\0FOWNER\0FSETID\0KILL\0SETGID\0"
    "SETUID\0SETPCAP\0LINUX_IMMUTABLE\0NET_BIND_SERVICE\0NET_BROADCAST\0"
    "NET_ADMIN\0NET_RAW\0IPC_LOCK\0IPC_OWNER\0SYS_MODULE\0SYS_RAWIO\0"
    "SYS_CHROOT\0SYS_PTRACE\0SYS_PACCT\0SYS_ADMIN\0SYS_BOOT\0SYS_NICE\0"
    "SYS_RESOURCE\0SYS_TIME\0SYS_TTY_CONFIG\0MKNOD\0LEASE\0AUDIT_WRITE\0"
    "AUDIT_CONTROL\0SETFCAP\0MAC_OVERRIDE\0MAC_ADMIN\0SYSLOG\0WAKE_ALARM\0"
    "BLOCK_SUSPEND\0AUDIT_READ\0PERFMON\0BPF\0CHECKPOINT_RESTORE";

const char *
cap_name(int cap)
{
	const char *p = names;

	if (cap < 0 || cap > CAP_KNOWN_LAST)
		return "?";
	while (cap--)
		p += strlen(p) + 1;
	return p;
}

int
cap_parse(const char *list, uint64_t *mask)
{
	const char *p = list, *end;
	size_t n;
	int cap;

	*mask = 0;
	for (;;) {
		end = sys_chr(p, ',');
		n = (size_t)(end - p);
		if (n >= 4 && num_upper_eq(p, 4, "CAP_")) {
			p += 4;
			n -= 4;
		}
		for (cap = 0; cap <= CAP_KNOWN_LAST; cap++)
			if (num_upper_eq(p, n, cap_name(cap)))
				break;
		if (!n || cap > CAP_KNOWN_LAST)
			return CAP_EBAD;
		*mask |= (uint64_t)1 << cap;
		if (!*end)
			return 0;
		p = end + 1;
	}
}
