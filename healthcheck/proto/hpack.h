/*
 * hpack: header block decoding with the static and dynamic tables (RFC
 * 7541), and the literal encoding healthcheck sends.  Pure: no I/O, no
 * allocation.
 */
#ifndef HC_HPACK_H
#define HC_HPACK_H

#include <stddef.h>
#include <stdint.h>

#define HPACK_EBAD  (-1) /* malformed block, bad index, bad Huffman */
#define HPACK_ESIZE (-2) /* table size update above HPACK_TABLE_MAX */
#define HPACK_ELONG (-3) /* the decoded fields do not fit the arena */

/* The largest dynamic table accepted: the protocol's default size. */
#define HPACK_TABLE_MAX 4096
#define HPACK_ENTRIES	(HPACK_TABLE_MAX / 32)

struct hpack_field {
	const char *name;
	size_t nlen;
	const char *value;
	size_t vlen;
};

struct hpack {
	size_t max;  /* current maximum size (RFC 7541 4.2) */
	size_t size; /* sum of name + value + 32 of the entries */
	size_t used; /* bytes of data */
	unsigned n;  /* entries, oldest first */
	struct {
		uint16_t off, nlen, vlen;
	} ent[HPACK_ENTRIES];
	char data[HPACK_TABLE_MAX];
};

void hpack_init(struct hpack *h);

/*
 * Decode one complete header block.  Names and values are copied into
 * arena (acap bytes); at most fmax fields are kept in f (more are decoded
 * and dropped) and *nf is set to how many were kept.  Returns 0 or an
 * HPACK_E* code; the table may be changed either way.
 */
int hpack_decode(struct hpack *h, const uint8_t *in, size_t n, char *arena,
		 size_t acap, struct hpack_field *f, size_t fmax, size_t *nf);

/*
 * Append a "literal header field without indexing" to out[*len, cap):
 * with the static name index idx (1..61), or with name given as a string
 * when idx is 0.  No Huffman.  Returns 0, or HPACK_ELONG with *len
 * unchanged.
 */
int hpack_encode(uint8_t *out, size_t cap, size_t *len, unsigned idx,
		 const char *name, const char *value);

#endif
