#include <stdint.h>

#include "../../lib/num.h"
#include "t.h"

static const struct {
	const char *in;
	int rc;
	uint64_t ms;
} durations[] = {
	{ "0", 0, 0 },
	{ "5", 0, 5000 },
	{ "250ms", 0, 250 },
	{ "10s", 0, 10000 },
	{ "1m", 0, 60000 },
	{ "1h", 0, 3600000 },
	{ "1m30s", 0, 90000 },
	{ "1h1m1s1ms", 0, 3661001 },
	{ "1.5s", 0, 1500 },
	{ "0.25s", 0, 250 },
	{ "1.5", 0, 1500 },
	{ "1.0005s", 0, 1000 },
	{ "1.5ms", 0, 1 },
	{ "0.5m", 0, 30000 },
	{ "2147483647ms", 0, 2147483647u },
	{ "2147483648ms", NUM_ERANGE, 0 },
	{ "596h", 0, 2145600000u },
	{ "597h", NUM_ERANGE, 0 },
	{ "99999999999999999999999s", NUM_ERANGE, 0 },
	{ "2147483s2147483s", NUM_ERANGE, 0 },
	{ "", NUM_ESYNTAX, 0 },
	{ "s", NUM_ESYNTAX, 0 },
	{ "ms", NUM_ESYNTAX, 0 },
	{ "-1s", NUM_ESYNTAX, 0 },
	{ "+1s", NUM_ESYNTAX, 0 },
	{ " 1s", NUM_ESYNTAX, 0 },
	{ "1s ", NUM_ESYNTAX, 0 },
	{ "1x", NUM_ESYNTAX, 0 },
	{ "1.s", NUM_ESYNTAX, 0 },
	{ ".5s", NUM_ESYNTAX, 0 },
	{ "1s5", NUM_ESYNTAX, 0 },
	{ "1d", NUM_ESYNTAX, 0 },
	{ "1S", NUM_ESYNTAX, 0 },
	{ "1e3", NUM_ESYNTAX, 0 },
	{ "1.2.3s", NUM_ESYNTAX, 0 },
};

static const struct {
	const char *in;
	uint64_t min, max;
	int rc;
	uint64_t v;
} ints[] = {
	{ "0", 0, 255, 0, 0 },
	{ "255", 0, 255, 0, 255 },
	{ "256", 0, 255, NUM_ERANGE, 0 },
	{ "0", 1, 31, NUM_ERANGE, 0 },
	{ "007", 0, 255, 0, 7 },
	{ "18446744073709551615", 0, UINT64_MAX, 0, UINT64_MAX },
	{ "18446744073709551616", 0, UINT64_MAX, NUM_ERANGE, 0 },
	{ "", 0, 9, NUM_ESYNTAX, 0 },
	{ "-1", 0, 9, NUM_ESYNTAX, 0 },
	{ "+1", 0, 9, NUM_ESYNTAX, 0 },
	{ "1 ", 0, 9, NUM_ESYNTAX, 0 },
	{ "0x1", 0, 9, NUM_ESYNTAX, 0 },
};

int
main(void)
{
	uint64_t v;
	size_t i;
	int rc;

	for (i = 0; i < sizeof(durations) / sizeof(durations[0]); i++) {
		v = 12345;
		rc = num_duration(durations[i].in, &v);
		T_CHECK(rc == durations[i].rc, "duration '%s': rc %d, want %d",
			durations[i].in, rc, durations[i].rc);
		T_CHECK(v == (rc ? 12345 : durations[i].ms),
			"duration '%s': %llu ms", durations[i].in,
			(unsigned long long)v);
	}
	for (i = 0; i < sizeof(ints) / sizeof(ints[0]); i++) {
		v = 12345;
		rc = num_u64(ints[i].in, ints[i].min, ints[i].max, &v);
		T_CHECK(rc == ints[i].rc, "u64 '%s': rc %d, want %d",
			ints[i].in, rc, ints[i].rc);
		T_CHECK(v == (rc ? 12345 : ints[i].v), "u64 '%s': %llu",
			ints[i].in, (unsigned long long)v);
	}
	return t_done("num");
}
