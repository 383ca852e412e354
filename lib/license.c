#include "license.h"
#include "io.h"

#include <string.h>

static const char head[] =
    "MIT License: Copyright (c) 2026 the init + healthcheck authors.\n"
    "The static binaries link in, each under the same terms:\n"
    "  musl libc: Copyright (c) 2005-2020 Rich Felker, et al.\n";

static const char terms[] =
    "Some of musl's files carry other permissive notices: THIRD_PARTY,\n"
    "installed beside this program (make install, dist/, the images),\n"
    "has them all.\n\n"
    "Permission is hereby granted, free of charge, to any person "
    "obtaining a copy\nof this software and associated documentation files "
    "(the \"Software\"), to deal\nin the Software without restriction, "
    "including without limitation the rights\nto use, copy, modify, merge, "
    "publish, distribute, sublicense, and/or sell\ncopies of the Software, "
    "and to permit persons to whom the Software is\nfurnished to do so, "
    "subject to the following conditions:\n\nThe above copyright notice and "
    "this permission notice shall be included in all\ncopies or substantial "
    "portions of the Software.\n\nTHE SOFTWARE IS PROVIDED \"AS IS\", "
    "WITHOUT WARRANTY OF ANY KIND, EXPRESS OR\nIMPLIED, INCLUDING BUT NOT "
    "LIMITED TO THE WARRANTIES OF MERCHANTABILITY,\nFITNESS FOR A PARTICULAR "
    "PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE\nAUTHORS OR "
    "COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER\nLIABILITY, "
    "WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,\nOUT "
    "OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN "
    "THE\nSOFTWARE.\n";

void
license_print(const char *extra)
{
	io_write_all(1, head, sizeof(head) - 1);
	if (extra)
		io_write_all(1, extra, strlen(extra));
	io_write_all(1, terms, sizeof(terms) - 1);
}
