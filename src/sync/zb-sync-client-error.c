#define G_LOG_DOMAIN "zb-sync-client"

#include "config.h"

#include "zb-sync-client-error.h"

G_DEFINE_QUARK (zb-sync-client-error-quark, zb_sync_client_error)
