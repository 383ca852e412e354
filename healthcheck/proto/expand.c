#include <string.h>

#include "../../lib/msg.h"
#include "expand.h"

static const char *
lookup(char *const *env, const char *name, size_t n)
{
	for (; env && *env; env++)
		if (!strncmp(*env, name, n) && (*env)[n] == '=')
			return *env + n + 1;
	return NULL;
}

static int
name_ok(const char *s, size_t n)
{
	size_t i;

	if (!n || (s[0] >= '0' && s[0] <= '9'))
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return 0;
	return 1;
}

int
expand_vars(const char *in, char *out, size_t cap, char *const *env)
{
	const char *close, *sep, *val, *piece;
	size_t len = 0, n, namelen;

	if (!cap)
		return EXPAND_ELONG;
	while (*in) {
		if (in[0] == '$' && in[1] == '{') {
			close = strchr(in + 2, '}');
			if (!close)
				return EXPAND_ESYNTAX;
			sep = buf_strstr(in + 2, ":-");
			if (sep && sep > close)
				sep = NULL;
			namelen = (size_t)((sep ? sep : close) - (in + 2));
			if (!name_ok(in + 2, namelen))
				return EXPAND_ESYNTAX;
			val = lookup(env, in + 2, namelen);
			if (sep && (!val || !*val)) {
				piece = sep + 2;
				n = (size_t)(close - piece);
			} else {
				piece = val ? val : "";
				n = strlen(piece);
			}
			in = close + 1;
		} else {
			piece = in++;
			n = 1;
		}
		if (n >= cap - len)
			return EXPAND_ELONG;
		memcpy(out + len, piece, n);
		len += n;
	}
	out[len] = '\0';
	return (int)len;
}
