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

/* A device's sync token (PROTOCOL.md, Enrolment), one per server and
 * device: a PC re-enrolled with another server keeps both apart. */
static const SecretSchema *
get_token_schema (void)
{
  static const SecretSchema schema = {
    APP_ID ".SyncToken", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "device-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

gboolean
zb_secret_store_token (const char    *server_url,
                       const char    *device_id,
                       const char    *token,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  /* TRANSLATORS: the label of the sync token in the keyring; %s is the server's URL */
  g_autofree char *label = g_strdup_printf (_("Zhibu sync token for %s"), server_url);

  if (secret_password_store_sync (get_token_schema (), SECRET_COLLECTION_DEFAULT, label, token,
                                  cancellable, &local_error,
                                  "server", server_url,
                                  "device-id", device_id,
                                  NULL))
    return TRUE;

  g_set_error (error, local_error->domain, local_error->code,
               _("The keyring could not keep the sync token (%s); enrol with --token-file "
                 "instead"), local_error->message);
  return FALSE;
}

/* NULL without an error when the keyring holds no token for them; as for
 * keys, libsecret says the same when no login collection exists. */
char *
zb_secret_lookup_token (const char    *server_url,
                        const char    *device_id,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  char *secret;
  char *token;

  secret = secret_password_lookup_sync (get_token_schema (), cancellable, &local_error,
                                        "server", server_url,
                                        "device-id", device_id,
                                        NULL);
  if (local_error != NULL)
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("The keyring could not be read: %s"), local_error->message);
      return NULL;
    }

  token = g_strdup (secret);
  secret_password_free (secret);
  return token;
}
