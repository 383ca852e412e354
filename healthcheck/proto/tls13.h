/*
 * tls13: the pure half of a TLS 1.3 client (RFC 8446), no I/O: the
 * ClientHello it sends, the server's handshake messages read and
 * checked, the record header, and the key schedule.  The hash and HMAC
 * come from the caller (struct tls13_hash: BearSSL's in the binary), so
 * that this is tested on RFC 8448's traces and fuzzed without a network.
 *
 * Parsers return 0, or a negative TLS13_E* code whose alert the caller
 * sends and whose words tls13_strerror gives:
 *   TLS13_EDECODE      a message that does not parse (decode_error)
 *   TLS13_EILLEGAL     a value we did not offer or the RFC forbids
 *                      (illegal_parameter)
 *   TLS13_EEXTENSION   an extension we did not offer, or one that has no
 *                      place in this message (unsupported_extension)
 *   TLS13_ESPACE       more than the caller's buffer (internal_error)
 *   TLS13_EOVERFLOW    a record over 2^14 bytes (record_overflow)
 */
#ifndef HC_TLS13_H
#define HC_TLS13_H

#include <stddef.h>
#include <stdint.h>

#define TLS13_EDECODE	 (-1)
#define TLS13_EILLEGAL	 (-2)
#define TLS13_EEXTENSION (-3)
#define TLS13_ESPACE	 (-4)
#define TLS13_EOVERFLOW	 (-5)

#define TLS13_HASH_MAX 48 /* SHA-384 */
#define TLS13_SENT     16 /* certificates of the server's list kept */

/* Handshake message types (RFC 8446 4). */
enum {
	TLS13_CLIENT_HELLO = 1,
	TLS13_SERVER_HELLO = 2,
	TLS13_NEW_SESSION_TICKET = 4,
	TLS13_ENCRYPTED_EXTENSIONS = 8,
	TLS13_CERTIFICATE = 11,
	TLS13_CERTIFICATE_REQUEST = 13,
	TLS13_CERTIFICATE_VERIFY = 15,
	TLS13_FINISHED = 20,
	TLS13_KEY_UPDATE = 24,
	TLS13_MESSAGE_HASH = 254,
};

/* Named groups and the suites offered. */
#define TLS13_X25519		       0x001d
#define TLS13_SECP256R1		       0x0017
#define TLS13_SECP384R1		       0x0018
#define TLS13_SECP521R1		       0x0019
#define TLS13_AES_128_GCM_SHA256       0x1301
#define TLS13_AES_256_GCM_SHA384       0x1302
#define TLS13_CHACHA20_POLY1305_SHA256 0x1303

/*
 * The hash of the negotiated suite.  hmac writes len bytes of
 * HMAC(key, msg); digest writes len bytes of Hash(msg).
 */
struct tls13_hash {
	size_t len;
	void (*hmac)(const uint8_t *key, size_t klen, const uint8_t *msg,
		     size_t n, uint8_t *out);
	void (*digest)(const uint8_t *msg, size_t n, uint8_t *out);
};

/* A key share we send: a group and its public value. */
struct tls13_share {
	uint16_t group;
	const uint8_t *pub;
	size_t len;
};

/*
 * What the ClientHello says: TLS 1.3 with its suites only (a 1.2-only
 * server then refuses it at once with an alert, and the caller connects
 * again with its 1.2 engine, checking the downgrade sentinel of that
 * answer).
 */
struct tls13_hello {
	const uint8_t *random;	   /* 32 bytes */
	const uint8_t *session_id; /* 32 bytes (middlebox compatibility) */
	size_t session_id_len;
	const char *sni;  /* NULL: none (an IP literal) */
	const char *alpn; /* one protocol, or NULL */
	struct tls13_share shares[2];
	int nshares;
	const uint8_t *cookie; /* from a HelloRetryRequest, or NULL */
	size_t cookie_len;
};

/*
 * The ClientHello handshake message (with its 4-byte header) into out;
 * its length, or TLS13_ESPACE.
 */
long tls13_client_hello(const struct tls13_hello *h, uint8_t *out, size_t cap);

/* A ServerHello, or a HelloRetryRequest (hrr set). */
struct tls13_server_hello {
	int hrr;
	uint16_t version; /* supported_versions', or legacy_version */
	uint16_t suite;
	uint16_t group; /* key_share's (an HRR's selected_group) */
	const uint8_t *share;
	size_t share_len;
	const uint8_t *cookie;
	size_t cookie_len;
	/* A TLS 1.2 answer whose random ends with RFC 8446 4.1.3's
	 * sentinel: a 1.3 server was made to answer 1.2 (1), or 1.1 (2). */
	int downgrade;
};

/*
 * Read the ServerHello body (after the 4-byte header) of n bytes;
 * session_id is the one we sent, which a 1.3 answer must echo.  A TLS
 * 1.2 answer parses (version 0x0303, its suite) without 1.3's checks.
 * For 1.3: a suite, version and group we offered, no extension we did
 * not send.
 */
int tls13_server_hello(const uint8_t *b, size_t n, const uint8_t *session_id,
		       size_t sid_len, struct tls13_server_hello *sh);

/*
 * EncryptedExtensions: the ALPN protocol chosen (*alpn, *alpn_len; NULL
 * when none), which must be the one offered; no extension that belongs
 * elsewhere.
 */
int tls13_encrypted_extensions(const uint8_t *b, size_t n, const char *offered,
			       const uint8_t **alpn, size_t *alpn_len);

/* A certificate of the server's list. */
struct tls13_cert {
	const uint8_t *p;
	size_t len;
};

/*
 * Certificate: its certificates (TLS13_SENT kept in certs, *nsent
 * counts all); the request context must be empty (server
 * authentication), the list not (that is the caller's to say).
 */
int tls13_certificate(const uint8_t *b, size_t n, struct tls13_cert *certs,
		      size_t *nkept, size_t *nsent);

/* CertificateVerify: the scheme and the signature. */
int tls13_certificate_verify(const uint8_t *b, size_t n, uint16_t *scheme,
			     const uint8_t **sig, size_t *sig_len);

/*
 * CertificateRequest: its context (echoed in our Certificate) and
 * whether its signature_algorithms allow scheme-by-scheme; *schemes
 * points at the list (2 bytes a scheme), *nschemes counts them.
 */
int tls13_certificate_request(const uint8_t *b, size_t n, const uint8_t **ctx,
			      size_t *ctx_len, const uint8_t **schemes,
			      size_t *nschemes);

/*
 * What a CertificateVerify signs (RFC 8446 4.4.3): 64 spaces, the
 * context string of the server or the client, a zero byte, the
 * transcript hash.  Into out (at least 98 + hlen bytes); its length.
 */
size_t tls13_verify_content(int server, const uint8_t *th, size_t hlen,
			    uint8_t *out);

/*
 * A TLS record header: type and length of the 5 bytes at b; 0, or
 * TLS13_EOVERFLOW for a length over 2^14 + 256 (ciphertext) or, when
 * plain, over 2^14; TLS13_EDECODE for a type that is none of 20..23 or
 * a version that is not 3.x.
 */
int tls13_record_header(const uint8_t *b, int plain, uint8_t *type,
			size_t *len);

/*
 * A decrypted TLSInnerPlaintext of n bytes: the content's length (the
 * zero padding and the type removed) and its type; TLS13_EDECODE when
 * it is all zeros, TLS13_EOVERFLOW when the content is over 2^14.
 */
long tls13_inner(const uint8_t *b, size_t n, uint8_t *type);

/* --- The key schedule (RFC 8446 7.1), secrets of h->len bytes. --- */

/* HKDF-Extract(salt, ikm) (RFC 5869). */
void tls13_extract(const struct tls13_hash *h, const uint8_t *salt,
		   size_t salt_len, const uint8_t *ikm, size_t ikm_len,
		   uint8_t *out);

/* HKDF-Expand-Label(secret, label, context, len) for len <= 255; the
 * label without its "tls13 " prefix. */
void tls13_expand_label(const struct tls13_hash *h, const uint8_t *secret,
			const char *label, const uint8_t *ctx, size_t ctx_len,
			uint8_t *out, size_t len);

/* The secrets of one handshake without a PSK. */
struct tls13_secrets {
	uint8_t handshake[TLS13_HASH_MAX];
	uint8_t master[TLS13_HASH_MAX];
	uint8_t c_hs[TLS13_HASH_MAX], s_hs[TLS13_HASH_MAX];
	uint8_t c_ap[TLS13_HASH_MAX], s_ap[TLS13_HASH_MAX];
};

/* From the (EC)DHE secret and Transcript-Hash(ClientHello..ServerHello):
 * handshake, master, c_hs, s_hs. */
void tls13_handshake_secrets(const struct tls13_hash *h, const uint8_t *ecdhe,
			     size_t ecdhe_len, const uint8_t *th,
			     struct tls13_secrets *s);

/* From Transcript-Hash(ClientHello..server Finished): c_ap, s_ap. */
void tls13_app_secrets(const struct tls13_hash *h, const uint8_t *th,
		       struct tls13_secrets *s);

/* A traffic secret's key (key_len bytes) and IV (12 bytes). */
void tls13_traffic_keys(const struct tls13_hash *h, const uint8_t *secret,
			size_t key_len, uint8_t *key, uint8_t *iv);

/* The Finished verify_data under a traffic secret, over th. */
void tls13_finished(const struct tls13_hash *h, const uint8_t *secret,
		    const uint8_t *th, uint8_t *out);

/* A KeyUpdate: the next traffic secret, in place. */
void tls13_next_secret(const struct tls13_hash *h, uint8_t *secret);

/* Words for a TLS13_E* code. */
const char *tls13_strerror(int err);

#endif
