/*
 * pem: PEM text (RFC 7468) to DER, one line at a time, without I/O:
 * "-----BEGIN NAME-----", base64 lines (blanks and a CR ignored), and
 * "-----END NAME-----"; text outside the boundaries (a bundle's
 * comments) is skipped.  Headers ("Proc-Type: ...", the old encrypted
 * keys) make the object bad.  Pure.
 */
#ifndef HC_PEM_H
#define HC_PEM_H

#include <stddef.h>
#include <stdint.h>

#define PEM_NONE  0    /* nothing to report: outside, or a blank line */
#define PEM_BEGIN 1    /* an object starts: p->name */
#define PEM_DATA  2    /* out[0..*outlen) are its next bytes */
#define PEM_END	  3    /* it ended, its base64 whole */
#define PEM_EBAD  (-1) /* bad base64, a header, END without BEGIN */

#define PEM_NAME 64

struct pem {
	int in;		     /* inside BEGIN ... END */
	char name[PEM_NAME]; /* "CERTIFICATE", "PRIVATE KEY"... */
	uint32_t acc;	     /* base64 bits not yet written */
	int bits;
	int pad; /* '=' seen: only '=' may follow */
};

void pem_init(struct pem *p);

/*
 * Take one line s[0..n), without its newline.  For a base64 line, out
 * gets the decoded bytes (n * 3 / 4 + 3 of room is enough) and *outlen
 * their count (0 for anything but PEM_DATA).  Returns one of the codes
 * above; after PEM_EBAD the object is dropped and the next BEGIN starts
 * afresh.
 */
int pem_line(struct pem *p, const char *s, size_t n, uint8_t *out,
	     size_t *outlen);

#endif
