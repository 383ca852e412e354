/*
 * resp: Redis's RESP2, as much of it as PING and AUTH need: a command as
 * an array of bulk strings, and one reply line (+simple, -error, :int).
 * Pure.
 */
#ifndef HC_RESP_H
#define HC_RESP_H

#include <stddef.h>

#define RESP_EBAD  (-1) /* not a RESP reply line */
#define RESP_EMORE (-2) /* a valid prefix: need more bytes */
#define RESP_ELONG (-3) /* no CRLF within RESP_LINE_MAX bytes */

#define RESP_LINE_MAX 4096

struct resp_line {
	char type;	  /* '+', '-', ':', '$' or '*' */
	const char *text; /* after the type byte, inside the input */
	size_t len;	  /* without the CRLF */
};

/*
 * The command argv[0..] (NULL-terminated; a string may hold any byte
 * but NUL) as "*N\r\n$len\r\narg\r\n"..., appended at out[*n], within
 * cap.  Returns 0, or RESP_ELONG with *n unchanged.
 */
int resp_command(const char *const *argv, char *out, size_t cap, size_t *n);

/*
 * The reply line at b[0..n), which must end in CRLF and hold no other CR
 * or LF.  For '$' and '*' only the header line is read.  Returns the
 * bytes it took, RESP_EMORE, RESP_EBAD or RESP_ELONG.
 */
int resp_line(const char *b, size_t n, struct resp_line *r);

/* The reply's first word is w ("LOADING" in "-LOADING Redis is ..."). */
int resp_word(const struct resp_line *r, const char *w);

#endif
