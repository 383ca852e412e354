/*
 * http1: an HTTP/1.x response parser that does no I/O, no allocation and no
 * printing (in the manner of picohttpparser).  Also the chunked body
 * decoder and the --expect-status list.
 */
#ifndef HC_HTTP1_H
#define HC_HTTP1_H

#include <stddef.h>
#include <stdint.h>

#define HTTP1_EBAD     (-1) /* not a valid HTTP/1.x response head */
#define HTTP1_EPARTIAL (-2) /* a valid prefix: need more bytes */

#define HTTP1_LOCATION_MAX 2048

struct http1_resp {
	int minor;		/* HTTP/1.<minor> */
	int status;		/* 100..999 */
	int64_t content_length; /* -1 when absent */
	int chunked;		/* Transfer-Encoding ends in chunked */
	int te_other; /* a Transfer-Encoding that is not just "chunked" */
	int has_location;
	char location[HTTP1_LOCATION_MAX];
	const char *why; /* with HTTP1_EBAD for a header: what is wrong */
};

/*
 * Parse the status line and headers at the start of buf[0..len).  Lines
 * may end in CRLF or a bare LF; a header without a colon, bytes below
 * 0x20 (but tab), two different Content-Lengths and obs-fold of a header
 * this parser reads (Content-Length, Transfer-Encoding, Location) or of
 * no header are HTTP1_EBAD; obs-fold of any other header is accepted.
 * A Location longer than HTTP1_LOCATION_MAX is HTTP1_EBAD too; for a bad
 * header, r->why says what is wrong ("two Content-Lengths that
 * disagree"), and stays NULL for a bad status line.  Returns
 * the length of the head including its blank line, HTTP1_EPARTIAL or
 * HTTP1_EBAD.
 */
int http1_parse_head(const char *buf, size_t len, struct http1_resp *r);

/* Chunked transfer coding (RFC 9112 7.1), decoded in place. */
struct http1_chunked {
	int state;
	uint64_t left; /* data bytes left in this chunk */
	int digits;    /* the size line has a digit so far */
	int done;      /* the last chunk and trailers were seen */
};

/*
 * Decode buf[0..n) in place: the chunk data it holds is moved to the
 * front of buf.  Feed it everything received, in any split.  Returns the
 * number of data bytes now at buf, or HTTP1_EBAD (bad size, size over
 * 2^56, missing CRLF after data).  c->done is set at the end of the body.
 */
long http1_chunked(struct http1_chunked *c, char *buf, size_t n);

/* "200-299,418": up to HTTP1_RANGES ranges of statuses 100..999. */
#define HTTP1_RANGES 16
struct http1_ranges {
	uint16_t lo[HTTP1_RANGES], hi[HTTP1_RANGES];
	int n;
};

/* Returns 0, or HTTP1_EBAD for an empty, reversed or out-of-range item. */
int http1_parse_ranges(const char *s, struct http1_ranges *r);
int http1_in_ranges(const struct http1_ranges *r, int status);

#endif
