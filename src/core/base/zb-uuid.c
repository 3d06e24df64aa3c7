#define G_LOG_DOMAIN "zb-uuid"

#include "config.h"

#include <string.h>

#include "zb-uuid.h"

/* Zhibu's namespace for name-based UUIDs (RFC 4122, version 5). */
static const guint8 zhibu_namespace[16] = {
  0x6b, 0x1e, 0x0c, 0x52, 0x93, 0x4d, 0x5f, 0x2a,
  0xa1, 0x7e, 0x3c, 0x48, 0xd0, 0x19, 0x65, 0xf4,
};

/* The ID of the row that records @kind for (@first, @second), the same on
 * every PC: two PCs that mark one member present at one meeting make one
 * row, which the server merges, not two that collide on their natural key
 * (PROTOCOL.md 7.1). A version 5 UUID of "kind:first:second". */
char *
zb_uuid_for (const char *kind,
             const char *first,
             const char *second)
{
  g_autoptr(GChecksum) sha1 = g_checksum_new (G_CHECKSUM_SHA1);
  g_autofree char *name = g_strjoin (":", kind, first, second, NULL);
  guint8 digest[20];
  gsize length = sizeof digest;

  g_checksum_update (sha1, zhibu_namespace, sizeof zhibu_namespace);
  g_checksum_update (sha1, (const guchar *) name, strlen (name));
  g_checksum_get_digest (sha1, digest, &length);
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;

  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
                          "%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3], digest[4], digest[5],
                          digest[6], digest[7], digest[8], digest[9], digest[10], digest[11],
                          digest[12], digest[13], digest[14], digest[15]);
}
