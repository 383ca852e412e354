#include <stdint.h>

#include "../../init/cap.h"
#include "t.h"

#define B(n) ((uint64_t)1 << (n))

static const struct {
	const char *in;
	int rc;
	uint64_t want;
} lists[] = {
	{ "NET_BIND_SERVICE", 0, B(10) },
	{ "net_bind_service", 0, B(10) },
	{ "CAP_NET_BIND_SERVICE", 0, B(10) },
	{ "cap_net_bind_service", 0, B(10) },
	{ "Cap_Net_Bind_Service", 0, B(10) },
	{ "chown", 0, B(0) },
	{ "checkpoint_restore", 0, B(40) },
	{ "CAP_CHECKPOINT_RESTORE", 0, B(40) },
	{ "chown,kill,setuid", 0, B(0) | B(5) | B(7) },
	{ "kill,kill", 0, B(5) },
	{ "sys_admin,CAP_SYS_NICE,net_raw", 0, B(21) | B(23) | B(13) },
	{ "", CAP_EBAD, 0 },
	{ ",", CAP_EBAD, 0 },
	{ "chown,", CAP_EBAD, 0 },
	{ ",chown", CAP_EBAD, 0 },
	{ "chown,,kill", CAP_EBAD, 0 },
	{ "CAP_", CAP_EBAD, 0 },
	{ "cap", CAP_EBAD, 0 },
	{ "net_bind", CAP_EBAD, 0 },
	{ "net_bind_service_", CAP_EBAD, 0 },
	{ "net_bind_servicex", CAP_EBAD, 0 },
	{ "CAP_CAP_CHOWN", CAP_EBAD, 0 },
	{ " chown", CAP_EBAD, 0 },
	{ "chown ", CAP_EBAD, 0 },
	{ "10", CAP_EBAD, 0 },
	{ "all", CAP_EBAD, 0 },
	{ "chow", CAP_EBAD, 0 },
	{ "chownn", CAP_EBAD, 0 },
	{ "CHECKPOINT_RESTORE\001", CAP_EBAD, 0 },
};

int
main(void)
{
	uint64_t m;
	size_t i;
	int rc, k;

	for (i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
		rc = cap_parse(lists[i].in, &m);
		T_CHECK(rc == lists[i].rc, "%s", lists[i].in);
		if (rc == 0)
			T_CHECK(m == lists[i].want, "%s", lists[i].in);
	}
	T_CHECK(!strcmp(cap_name(0), "CHOWN"), "cap_name %d", 0);
	T_CHECK(!strcmp(cap_name(10), "NET_BIND_SERVICE"), "cap_name %d", 10);
	T_CHECK(!strcmp(cap_name(40), "CHECKPOINT_RESTORE"), "cap_name %d", 40);
	T_CHECK(!strcmp(cap_name(41), "?"), "cap_name %d", 41);
	T_CHECK(!strcmp(cap_name(-1), "?"), "cap_name %d", -1);
	/* Every name parses back to its own bit, with and without CAP_. */
	for (k = 0; k <= CAP_KNOWN_LAST; k++) {
		char with[40] = "cap_";

		T_CHECK(cap_parse(cap_name(k), &m) == 0 && m == B(k), "%s",
			cap_name(k));
		strcat(with, cap_name(k));
		T_CHECK(cap_parse(with, &m) == 0 && m == B(k), "%s", with);
	}
	return t_done("cap");
}
