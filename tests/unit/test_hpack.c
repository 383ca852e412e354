#include <stdlib.h>

#include "../../healthcheck/proto/h2.h"
#include "../../healthcheck/proto/hpack.h"
#include "../../healthcheck/proto/huffman.h"
#include "t.h"

static size_t
unhex(const char *h, uint8_t *out)
{
	size_t n = 0;
	unsigned v;

	for (; *h; h++) {
		if (*h == ' ')
			continue;
		sscanf(h, "%2x", &v);
		out[n++] = (uint8_t)v;
		h++;
	}
	return n;
}

/* RFC 7541 C.4 and C.6: Huffman-coded strings. */
static const struct {
	const char *hex, *text;
} huff[] = {
	{ "f1e3 c2e5 f23a 6ba0 ab90 f4ff", "www.example.com" },
	{ "a8eb 1064 9cbf", "no-cache" },
	{ "25a8 49e9 5ba9 7d7f", "custom-key" },
	{ "25a8 49e9 5bb8 e8b4 bf", "custom-value" },
	{ "6402", "302" },
	{ "aec3 771a 4b", "private" },
	{ "d07a be94 1054 d444 a820 0595 040b 8166 e082 a62d 1bff",
	  "Mon, 21 Oct 2013 20:13:21 GMT" },
	{ "9d29 ad17 1863 c78f 0b97 c8e9 ae82 ae43 d3",
	  "https://www.example.com" },
	{ "07", "0" },
	{ "", "" },
};

/* The published codes, read back from the generator's input. */
static uint32_t code[257];
static int clen[257];

static int
load_codes(void)
{
	FILE *f = fopen("tools/rfc7541-huffman.txt", "r");
	char line[128];
	int s, l, n = 0;
	unsigned c;

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (line[0] != '#' && sscanf(line, "%d %x %d", &s, &c, &l) == 3) {
			code[s] = c;
			clen[s] = l;
			n++;
		}
	fclose(f);
	return n == 257;
}

static size_t
encode(const uint8_t *s, size_t n, uint8_t *out)
{
	uint64_t acc = 0;
	int bits = 0;
	size_t o = 0, i;

	for (i = 0; i < n; i++) {
		acc = acc << clen[s[i]] | code[s[i]];
		bits += clen[s[i]];
		while (bits >= 8) {
			out[o++] = (uint8_t)(acc >> (bits - 8));
			bits -= 8;
		}
	}
	if (bits)
		out[o++] = (uint8_t)(acc << (8 - bits) | (0xffu >> bits));
	return o;
}

static const char *
field(const struct hpack_field *f, size_t nf, const char *name, char *buf)
{
	size_t i;

	for (i = 0; i < nf; i++)
		if (f[i].nlen == strlen(name) && !memcmp(f[i].name, name, f[i].nlen)) {
			memcpy(buf, f[i].value, f[i].vlen);
			buf[f[i].vlen] = '\0';
			return buf;
		}
	return NULL;
}

static void
check_fixture(const char *path, const char *status, const char *grpc_status,
	      const char *data_hex)
{
	static struct hpack h;
	uint8_t raw[4096], dh[64];
	char arena[4096], v[256], w[256];
	struct hpack_field f[32];
	const uint8_t *d;
	struct h2_frame fr;
	size_t n, nf, off = 0, dn, k, heads = 0, want_n;
	FILE *fp = fopen(path, "rb");
	int rc, saw_data = 0;

	T_CHECK(fp != NULL, "fixture %s", path);
	if (!fp)
		return;
	n = fread(raw, 1, sizeof(raw), fp);
	fclose(fp);
	hpack_init(&h);
	want_n = unhex(data_hex, dh);
	while (off + H2_HEADER <= n) {
		h2_frame_get(raw + off, &fr);
		T_CHECK(off + H2_HEADER + fr.len <= n, "%s: whole frames", path);
		if (fr.type == H2_HEADERS) {
			rc = h2_payload(&fr, raw + off + H2_HEADER, &d, &dn);
			/* every prefix of the block: no overread, no crash */
			for (k = 0; k < dn; k++) {
				struct hpack tmp = h;

				hpack_decode(&tmp, (const uint8_t *)t_guard(
							   (const char *)d, k),
					     k, arena, sizeof(arena), f, 32, &nf);
			}
			rc |= hpack_decode(&h, d, dn, arena, sizeof(arena), f, 32,
					   &nf);
			T_CHECK(rc == 0, "%s: header block decodes", path);
			if (heads++ == 0)
				T_CHECK(field(f, nf, ":status", v) &&
						!strcmp(v, status),
					"%s: :status", path);
			if (field(f, nf, "grpc-status", w))
				T_CHECK(!strcmp(w, grpc_status),
					"%s: grpc-status %s", path, w);
		} else if (fr.type == H2_DATA && fr.stream == 1) {
			saw_data = 1;
			T_CHECK(fr.len == want_n &&
					!memcmp(raw + off + H2_HEADER, dh, want_n),
				"%s: the message", path);
		}
		off += H2_HEADER + fr.len;
	}
	T_CHECK(off == n && heads >= 1, "%s: frames end cleanly", path);
	T_CHECK(saw_data == (want_n > 0), "%s: data frame", path);
}

int
main(void)
{
	static struct hpack h;
	uint8_t in[512], enc[1024];
	char out[512], arena[2048], v[128];
	struct hpack_field f[16];
	size_t n, nf, i, len;
	long got;
	int rc;

	for (i = 0; i < sizeof(huff) / sizeof(huff[0]); i++) {
		n = unhex(huff[i].hex, in);
		got = huffman_decode(in, n, out, sizeof(out));
		T_CHECK(got == (long)strlen(huff[i].text) &&
				!memcmp(out, huff[i].text, (size_t)got),
			"huffman '%s': %ld", huff[i].text, got);
		for (size_t k = 0; k < n; k++)	/* prefixes: never overread */
			huffman_decode((const uint8_t *)t_guard((char *)in, k), k,
				       out, sizeof(out));
	}
	T_CHECK(huffman_decode((const uint8_t *)"\x00", 1, out, 8) == HUFFMAN_EBAD,
		"zero padding");
	T_CHECK(huffman_decode((const uint8_t *)"\x07\xff", 2, out, 8) ==
			HUFFMAN_EBAD, "8 bits of padding");
	T_CHECK(huffman_decode((const uint8_t *)"\xff\xff\xff\xff", 4, out, 8) ==
			HUFFMAN_EBAD, "EOS in the data");
	T_CHECK(huffman_decode(in, unhex("f1e3 c2e5 f23a 6ba0 ab90 f4ff", in),
			       out, 4) == HUFFMAN_ELONG, "output cap");

	/* Every byte value, through the published codes and back. */
	T_CHECK(load_codes(), "tools/rfc7541-huffman.txt readable");
	for (i = 0; i < 256; i++) {
		uint8_t s[3] = { (uint8_t)i, (uint8_t)(255 - i), 'a' };

		n = encode(s, 3, enc);
		got = huffman_decode(enc, n, out, sizeof(out));
		T_CHECK(got == 3 && !memcmp(out, s, 3), "symbol %zu", i);
	}
	srand(7);
	for (i = 0; i < 2000; i++) {
		uint8_t s[40];
		size_t m = (size_t)(rand() % 40), k;

		for (k = 0; k < m; k++)
			s[k] = (uint8_t)rand();
		n = encode(s, m, enc);
		got = huffman_decode(enc, n, out, sizeof(out));
		T_CHECK(got == (long)m && !memcmp(out, s, m), "random %zu", i);
	}

	/* RFC 7541 C.3: three requests sharing the dynamic table. */
	hpack_init(&h);
	n = unhex("8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d", in);
	rc = hpack_decode(&h, in, n, arena, sizeof(arena), f, 16, &nf);
	T_CHECK(rc == 0 && nf == 4 && !strcmp(field(f, nf, ":authority", v),
					      "www.example.com") &&
			!strcmp(field(f, nf, ":method", v), "GET") &&
			h.size == 57,
		"C.3.1 rc %d nf %zu size %zu", rc, nf, h.size);
	n = unhex("8286 84be 5808 6e6f 2d63 6163 6865", in);
	rc = hpack_decode(&h, in, n, arena, sizeof(arena), f, 16, &nf);
	T_CHECK(rc == 0 && nf == 5 &&
			!strcmp(field(f, nf, ":authority", v), "www.example.com") &&
			!strcmp(field(f, nf, "cache-control", v), "no-cache") &&
			h.size == 110,
		"C.3.2 rc %d size %zu", rc, h.size);
	n = unhex("8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d "
		  "7661 6c75 65", in);
	rc = hpack_decode(&h, in, n, arena, sizeof(arena), f, 16, &nf);
	T_CHECK(rc == 0 && nf == 5 &&
			!strcmp(field(f, nf, "custom-key", v), "custom-value") &&
			!strcmp(field(f, nf, ":path", v), "/index.html") &&
			h.size == 164,
		"C.3.3 rc %d size %zu", rc, h.size);

	/* C.5 with a 256-byte table: the first entry is evicted. */
	hpack_init(&h);
	h.max = 256;
	n = unhex("4803 3330 3258 0770 7269 7661 7465 611d 4d6f 6e2c 2032 3120 "
		  "4f63 7420 3230 3133 2032 303a 3133 3a32 3120 474d 546e 1768 "
		  "7474 7073 3a2f 2f77 7777 2e65 7861 6d70 6c65 2e63 6f6d", in);
	rc = hpack_decode(&h, in, n, arena, sizeof(arena), f, 16, &nf);
	T_CHECK(rc == 0 && nf == 4 && h.size == 222 &&
			!strcmp(field(f, nf, "location", v), "https://www.example.com"),
		"C.5.1 rc %d size %zu", rc, h.size);
	n = unhex("4803 3330 37c1 c0bf", in);
	rc = hpack_decode(&h, in, n, arena, sizeof(arena), f, 16, &nf);
	T_CHECK(rc == 0 && nf == 4 && h.size == 222 && h.n == 4 &&
			!strcmp(field(f, nf, ":status", v), "307") &&
			!strcmp(field(f, nf, "cache-control", v), "private"),
		"C.5.2 rc %d size %zu n %u", rc, h.size, h.n);

	/* Errors. */
	hpack_init(&h);
	T_CHECK(hpack_decode(&h, (const uint8_t *)"\x80", 1, arena, sizeof(arena),
			     f, 16, &nf) == HPACK_EBAD, "index 0");
	T_CHECK(hpack_decode(&h, (const uint8_t *)"\xbe", 1, arena, sizeof(arena),
			     f, 16, &nf) == HPACK_EBAD, "index 62 of an empty table");
	n = unhex("3fe1 1f", in);	/* size update to 4096 */
	T_CHECK(hpack_decode(&h, in, n, arena, sizeof(arena), f, 16, &nf) == 0,
		"size update 4096");
	n = unhex("3fe2 1f", in);	/* 4097 */
	T_CHECK(hpack_decode(&h, in, n, arena, sizeof(arena), f, 16, &nf) ==
			HPACK_ESIZE, "size update 4097");
	n = unhex("3fff ffff ff0f", in);	/* a huge size update */
	T_CHECK(hpack_decode(&h, in, n, arena, sizeof(arena), f, 16, &nf) < 0,
		"huge size update");
	n = unhex("8820", in);		/* update after a field */
	T_CHECK(hpack_decode(&h, in, n, arena, sizeof(arena), f, 16, &nf) ==
			HPACK_EBAD, "size update after a field");
	n = unhex("0003 6162 63", in);	/* value missing */
	T_CHECK(hpack_decode(&h, in, n, arena, sizeof(arena), f, 16, &nf) ==
			HPACK_EBAD, "truncated literal");
	n = unhex("007f", in);
	T_CHECK(hpack_decode(&h, in, n, arena, sizeof(arena), f, 16, &nf) ==
			HPACK_EBAD, "length beyond the block");
	n = unhex("0083 0000 0003 6162 63", in);	/* Huffman zero bits */
	T_CHECK(hpack_decode(&h, in, n, arena, sizeof(arena), f, 16, &nf) ==
			HPACK_EBAD, "invalid Huffman");
	n = unhex("0003 6162 6303 6465 66", in);
	T_CHECK(hpack_decode(&h, in, n, arena, 4, f, 16, &nf) == HPACK_ELONG,
		"arena too small");

	/* Our literal encoding decodes back, name by index or by string. */
	len = 0;
	T_CHECK(hpack_encode(enc, sizeof(enc), &len, 4, NULL,
			     "/grpc.health.v1.Health/Check") == 0 &&
			hpack_encode(enc, sizeof(enc), &len, 0, "grpc-timeout",
				     "800m") == 0 &&
			hpack_encode(enc, sizeof(enc), &len, 31, NULL,
				     "application/grpc") == 0,
		"encode");
	{
		static char longv[300];

		memset(longv, 'v', sizeof(longv) - 1);
		T_CHECK(hpack_encode(enc, sizeof(enc), &len, 0, "x-long", longv) == 0,
			"encode a long value");
		hpack_init(&h);
		rc = hpack_decode(&h, enc, len, arena, sizeof(arena), f, 16, &nf);
		T_CHECK(rc == 0 && nf == 4 &&
				!strcmp(field(f, nf, ":path", v),
					"/grpc.health.v1.Health/Check") &&
				!strcmp(field(f, nf, "grpc-timeout", v), "800m") &&
				!strcmp(field(f, nf, "content-type", v),
					"application/grpc") &&
				f[3].vlen == 299 && h.n == 0,
			"round trip rc %d nf %zu", rc, nf);
		len = 0;
		T_CHECK(hpack_encode(enc, 10, &len, 0, "x-long", longv) ==
				HPACK_ELONG && len == 0, "encode cap");
	}

	/* Real grpc-js replies (tests/fixtures/README.md). */
	check_fixture("tests/fixtures/grpc-js-serving.bin", "200", "0",
		      "00 0000 0002 0801");
	check_fixture("tests/fixtures/grpc-js-not-serving.bin", "200", "0",
		      "00 0000 0002 0802");
	check_fixture("tests/fixtures/grpc-js-not-found.bin", "200", "5", "");
	check_fixture("tests/fixtures/grpc-js-unimplemented.bin", "200", "12",
		      "");
	return t_done("hpack");
}
