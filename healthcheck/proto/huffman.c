/*
 * A canonical-code walk: one bit at a time, with the first code and the
 * symbol offset of each length derived as the length grows.  Up to 30
 * steps a symbol, which is nothing for the few short header values a
 * health response carries, and the table stays 300 bytes.
 */
#include "huffman.h"
#include "huffman_table.h"

long
huffman_decode(const uint8_t *in, size_t n, char *out, size_t cap)
{
	uint32_t code = 0, first = 0;
	unsigned len = 0, offset = 0, sym;
	size_t i, o = 0;
	int bit;

	for (i = 0; i < n; i++) {
		for (bit = 7; bit >= 0; bit--) {
			code = code << 1 | ((in[i] >> bit) & 1u);
			len++;
			if (code - first < huff_count[len]) {
				sym = huff_sym[offset + code - first];
				if (sym == 256)
					return HUFFMAN_EBAD;
				if (o == cap)
					return HUFFMAN_ELONG;
				out[o++] = (char)sym;
				code = first = 0;
				len = offset = 0;
				continue;
			}
			if (len == 30)
				return HUFFMAN_EBAD;
			offset += huff_count[len];
			first = (first + huff_count[len]) << 1;
		}
	}
	/* Padding: at most 7 bits, the most significant bits of EOS (ones). */
	if (len > 7 || code != (1u << len) - 1)
		return HUFFMAN_EBAD;
	return (long)o;
}
