#define G_LOG_DOMAIN "zb-store"

#include "config.h"

#include "zb-store-error.h"

G_DEFINE_QUARK (zb-store-error-quark, zb_store_error)
