#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../lib/io.h"
#include "../proto/pem.h"
#include "../proto/x509.h"
#include "store.h"

#define FILE_CHUNK 4096
#define PEM_LINE   4096	 /* the longest line of a PEM file */
#define DER_MAX	   16384 /* one object's DER */

/* The usual bundle paths: Debian/Ubuntu/Alpine, RHEL/Fedora, SUSE. */
static const char *const bundles[] = {
	"/etc/ssl/certs/ca-certificates.crt",
	"/etc/pki/tls/certs/ca-bundle.crt",
	"/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
	"/etc/ssl/ca-bundle.pem",
	"/etc/ssl/cert.pem",
};

static int
die_file(struct probe *p, const char *what, const char *path, const char *why)
{
	return probe_fail(p, "tls: ", what, " ", path, ": ", why, NULL);
}

static unsigned char *
keep(struct store *st, const void *b, size_t n)
{
	unsigned char *at = st->arena + st->used;

	if (n > sizeof(st->arena) - st->used) {
		st->full = 1;
		return NULL;
	}
	memcpy(at, b, n);
	st->used += n;
	return at;
}

/* What a PEM file is read for. */
enum pem_use { PEM_ANCHORS, PEM_CHAIN, PEM_KEY };

/*
 * A certificate that ended: one more trust anchor, whole, copied into the
 * arena (one that does not parse is passed over: a bundle may hold a
 * certificate of a kind this build does not read; a v1 root is one).
 */
static void
add_anchor(struct store *st, const uint8_t *der, size_t n)
{
	struct chain_anchor *ta = &st->ta[st->nta];
	struct x509_info x;

	if (x509_parse(der, n, &x) < 0)
		return;
	if (st->nta == TA_MAX) {
		st->full = 1;
		return;
	}
	if (!(ta->der = keep(st, der, n)))
		return;
	ta->len = n;
	ta->subject = ta->der + (x.subject.p - der);
	ta->subject_len = x.subject.len;
	st->nta++;
}

/* One object of a PEM file ended, its DER in der[0..n). */
static int
end_object(struct store *st, enum pem_use use, const char *name,
	   const uint8_t *der, size_t n)
{
	int cert = !strcmp(name, "CERTIFICATE") ||
		   !strcmp(name, "X509 CERTIFICATE") ||
		   !strcmp(name, "TRUSTED CERTIFICATE");

	if (use == PEM_ANCHORS && cert) {
		add_anchor(st, der, n);
		return 1;
	}
	if (use == PEM_CHAIN && cert) {
		if (st->nchain == CHAIN_MAX) {
			st->full = 1;
			return 1;
		}
		st->chain[st->nchain].data = keep(st, der, n);
		st->chain[st->nchain++].data_len = n;
		return 1;
	}
	if (use == PEM_KEY && buf_strstr(name, "PRIVATE KEY") &&
	    !buf_strstr(name, "ENCRYPTED")) {
		br_skey_decoder_init(&st->key);
		br_skey_decoder_push(&st->key, der, n);
		return 1;
	}
	return 0;
}

/*
 * Read the PEM file at path for use: a line at a time through pem.c,
 * each object's DER gathered (16 KiB at most) and handed on.  Returns 0,
 * or -1 with p->msg naming the file and what is wrong with it.
 */
static int
read_pem(struct probe *p, struct store *st, const char *what, const char *path,
	 enum pem_use use)
{
	/* Static: 24 KiB of line and object buffers, off the stack. */
	static char line[FILE_CHUNK + PEM_LINE];
	static uint8_t der[DER_MAX], dec[PEM_LINE];
	struct pem pm;
	size_t have = 0, ln, n, k, dn = 0, objs = 0;
	int fd, ev, over = 0, enc = 0;
	ssize_t got;
	char *nl;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return die_file(p, what, path, msg_errstr(errno));
	pem_init(&pm);
	for (;;) {
		got = io_read(fd, line + have, FILE_CHUNK);
		if (got < 0) {
			close(fd);
			return die_file(p, what, path, msg_errstr(errno));
		}
		have += (size_t)got;
		/* Every whole line, and the last one at the end. */
		for (k = 0; k < have;) {
			nl = memchr(line + k, '\n', have - k);
			if (!nl && got > 0)
				break;
			ln = nl ? (size_t)(nl - line) - k : have - k;
			if (ln >= PEM_LINE) {
				close(fd);
				return die_file(p, what, path,
						"a line over 4 KiB");
			}
			ev = pem_line(&pm, line + k, ln, dec, &n);
			k += ln + (nl ? 1 : 0);
			if (ev == PEM_BEGIN) {
				dn = 0;
				over = 0;
				enc |= !!buf_strstr(pm.name, "ENCRYPTED");
			} else if (ev == PEM_DATA) {
				if (n > sizeof(der) - dn)
					over = 1;
				else
					memcpy(der + dn, dec, n);
				dn += over ? 0 : n;
			} else if (ev == PEM_END && !over) {
				objs += end_object(st, use, pm.name, der, dn);
			} else if (ev == PEM_EBAD) {
				close(fd);
				return die_file(
				    p, what, path,
				    enc || use == PEM_KEY
					? "bad PEM, or an encrypted "
					  "key (give it decrypted)"
					: "bad PEM");
			}
		}
		memmove(line, line + k, have - k);
		have -= k;
		if (got == 0)
			break;
	}
	close(fd);
	if (st->full)
		return die_file(p, what, path,
				"too many certificates (400 at most)");
	if (use == PEM_KEY && (!objs || br_skey_decoder_last_error(&st->key)))
		return die_file(p, what, path,
				enc ? "an encrypted key (give it decrypted)"
				    : "no RSA or EC private key (PKCS#8, RSA "
				      "PRIVATE KEY or EC PRIVATE KEY)");
	if (use != PEM_KEY && !objs)
		return die_file(p, what, path, "no certificate in it");
	return 0;
}

/* Read what the config names, once a run: anchors, --cert, --key. */
int
store_load(struct probe *p, struct store *st)
{
	const struct hc_config *c = p->cfg;
	const char *path = c->cacert, *env = getenv("SSL_CERT_FILE");
	size_t i;

	if (st->loaded)
		return 0;
	if (!c->insecure) {
		if (!path && env && *env)
			path = env;
		for (i = 0; !path && i < sizeof(bundles) / sizeof(*bundles);
		     i++)
			if (access(bundles[i], R_OK) == 0)
				path = bundles[i];
		if (!path)
			return probe_fail(
			    p,
			    "tls: no CA certificates to verify the server "
			    "(no SSL_CERT_FILE, no /etc/ssl/certs/"
			    "ca-certificates.crt or the like, as in a scratch "
			    "image): give --cacert FILE, or -k to skip "
			    "verification",
			    NULL);
		if (read_pem(p, st,
			     c->cacert	   ? "--cacert"
			     : path == env ? "SSL_CERT_FILE"
					   : "CA file",
			     path, PEM_ANCHORS) < 0)
			return -1;
	}
	if (c->cert && read_pem(p, st, "--cert", c->cert, PEM_CHAIN) < 0)
		return -1;
	if (c->key && read_pem(p, st, "--key", c->key, PEM_KEY) < 0)
		return -1;
	st->loaded = 1;
	return 0;
}
