/* wn_io.h - internal helpers of the readers. */
#ifndef WN_IO_H
#define WN_IO_H

#include <string.h>

#include "../common/wn_common.h"

/* Is s[0..n) exactly one valid JSON value (RFC 8259), white space around
 * allowed? Strict where cJSON is lenient. */
int wn_json_strict(const char *s, size_t n);

#endif
