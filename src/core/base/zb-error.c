#define G_LOG_DOMAIN "zb-error"

#include "config.h"

#include "zb-error.h"

/* The domain's name stays what it was when the member rules defined it. */
G_DEFINE_QUARK (zb-member-error-quark, zb_member_error)
