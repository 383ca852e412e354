/*
 * grpc: the two messages of grpc.health.v1 in protobuf, the 5-byte gRPC
 * message prefix, and the names of statuses.  Pure.
 */
#ifndef HC_GRPC_H
#define HC_GRPC_H

#include <stddef.h>
#include <stdint.h>

#define GRPC_EBAD  (-1) /* malformed message */
#define GRPC_ELONG (-2) /* does not fit */

/* HealthCheckResponse.ServingStatus */
enum { GRPC_UNKNOWN, GRPC_SERVING, GRPC_NOT_SERVING, GRPC_SERVICE_UNKNOWN };

/*
 * A length-prefixed HealthCheckRequest{service} into out (cap bytes).
 * Returns its length or GRPC_ELONG.
 */
long grpc_health_request(const char *service, uint8_t *out, size_t cap);

/*
 * The serving status in a complete length-prefixed HealthCheckResponse:
 * exactly one uncompressed message, unknown fields skipped, status 0 when
 * absent (proto3 default).  Returns the status or GRPC_EBAD.
 */
long grpc_health_response(const uint8_t *p, size_t n);

/* "SERVING", ...; "?" out of range. */
const char *grpc_serving_name(long status);

/* "NOT_FOUND" for 5, ...; "?" out of range. */
const char *grpc_code_name(long code);

/*
 * Percent-decode a grpc-message value (gRPC PROTOCOL-HTTP2) in place;
 * returns the new length.
 */
size_t grpc_unpercent(char *s, size_t n);

#endif
