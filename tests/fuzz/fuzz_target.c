/* Target URLs (healthcheck/target). */
#include "../../healthcheck/proto/target.h"
#include "fuzz.h"

/* No control byte in s; with space_too, no space either. */
static void
clean(const char *s, int space_too)
{
	for (; *s; s++)
		if ((unsigned char)*s < ' ' || *s == 0x7f ||
		    (space_too && *s == ' '))
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	static struct target t;
	char *s = fuzz_str(d, n);
	size_t i;
	int db;

	if (!s)
		return 0;
	if (target_parse(s, &t) == 0) {
		/* Nothing that could split a request line survives; a
		 * database's decoded names may hold a space, nothing less. */
		db = t.kind == TARGET_POSTGRES || t.kind == TARGET_REDIS ||
		     t.kind == TARGET_MYSQL;
		clean(t.path, !db);
		clean(t.user, 0);
		clean(t.password, 0);
		for (i = 0; t.host[i]; i++)
			if ((unsigned char)t.host[i] <= ' ' || t.host[i] == '/')
				abort();
		/* Redaction keeps the host and port and leaves "***",
		 * whatever the password's length; 3 bytes of room suffice. */
		if (t.has_password) {
			static struct target r;
			size_t sl = strlen(s);
			char *red = malloc(sl + 4);

			if (!red)
				abort();
			memcpy(red, s, sl + 1);
			if (target_redact(red, sl + 4, &t) ||
			    target_parse(red, &r) || strcmp(r.host, t.host) ||
			    r.port != t.port || strcmp(r.password, "***"))
				abort();
			free(red);
		}
	}
	free(s);
	return 0;
}
