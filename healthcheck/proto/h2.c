#include "h2.h"
#include "wire.h"

void
h2_frame_get(const uint8_t *p, struct h2_frame *f)
{
	f->len = (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2];
	f->type = p[3];
	f->flags = p[4];
	f->stream = wire_get32(p + 5) & 0x7fffffffu;
}

void
h2_frame_put(uint8_t *p, uint32_t len, uint8_t type, uint8_t flags,
	     uint32_t stream)
{
	p[0] = (uint8_t)(len >> 16);
	p[1] = (uint8_t)(len >> 8);
	p[2] = (uint8_t)len;
	p[3] = type;
	p[4] = flags;
	wire_put32(p + 5, stream & 0x7fffffffu);
}

int
h2_payload(const struct h2_frame *f, const uint8_t *p, const uint8_t **data,
	   size_t *n)
{
	size_t len = f->len, skip = 0, pad = 0;

	if (f->flags & H2_PADDED) {
		if (len < 1)
			return H2_EBAD;
		pad = p[0];
		skip = 1;
	}
	if (f->type == H2_HEADERS && (f->flags & H2_PRIORITY_F))
		skip += 5;
	if (skip + pad > len)
		return H2_EBAD;
	*data = p + skip;
	*n = len - skip - pad;
	return 0;
}
