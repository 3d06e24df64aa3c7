#define G_LOG_DOMAIN "zb-secret"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "zb-secret.h"

/* A database is found by the salt SQLCipher writes in the first 16 bytes of
 * the file: it is random per database, never changes, and can be read without
 * the key. The database's own UUID is stored beside it so that a copy of the
 * file is recognised by both. */
static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    APP_ID, SECRET_SCHEMA_NONE,
    {
      { "file-salt", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "database-uuid", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

gboolean
zb_secret_store_key (const char    *file_salt,
                     const char    *database_uuid,
                     const char    *label,
                     const ZbKey   *key,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_return_val_if_fail (zb_key_get_kind (key) == ZB_KEY_RAW, FALSE);

  return secret_password_store_sync (get_schema (), SECRET_COLLECTION_DEFAULT, label,
                                     zb_key_get_secret (key), cancellable, error,
                                     "file-salt", file_salt,
                                     "database-uuid", database_uuid,
                                     NULL);
}

/* Returns NULL without an error when nothing answers for this file: libsecret
 * says the same when the login collection is missing, so the caller cannot
 * tell "no key" from "no keyring" and must offer the recovery path. */
ZbKey *
zb_secret_lookup_key (const char    *file_salt,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  char *secret;
  ZbKey *key;

  secret = secret_password_lookup_sync (get_schema (), cancellable, &local_error,
                                        "file-salt", file_salt,
                                        NULL);
  if (local_error != NULL)
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("The keyring could not be read: %s"), local_error->message);
      return NULL;
    }
  if (secret == NULL)
    return NULL;

  key = zb_key_new_raw_hex (secret, error);
  secret_password_free (secret);
  return key;
}

gboolean
zb_secret_clear_key (const char    *file_salt,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  secret_password_clear_sync (get_schema (), cancellable, &local_error,
                              "file-salt", file_salt,
                              NULL);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}
