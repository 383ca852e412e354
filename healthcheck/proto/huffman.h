/*
 * huffman: decoding of HPACK Huffman-coded strings (RFC 7541 5.2 and
 * Appendix B).  Pure.
 */
#ifndef HC_HUFFMAN_H
#define HC_HUFFMAN_H

#include <stddef.h>
#include <stdint.h>

#define HUFFMAN_EBAD  (-1) /* EOS in the data, bad or long padding */
#define HUFFMAN_ELONG (-2) /* the result does not fit cap */

/*
 * Decode n bytes at in into out (cap bytes, no NUL added).  Returns the
 * decoded length or a HUFFMAN_E* code.
 */
long huffman_decode(const uint8_t *in, size_t n, char *out, size_t cap);

#endif
