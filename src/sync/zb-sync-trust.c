#define G_LOG_DOMAIN "zb-sync-trust"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "zb-sync-client-error.h"
#include "zb-sync-trust.h"

/* The certificate database of a PC's connections to one sync server. It
 * verifies the server's chain against the committee's CA certificate when
 * one is given (a self-signed server), else against the system's CAs; then,
 * once the PC has enrolled, it also requires the very certificate the
 * server showed then (its pin: the SHA-256 of its DER). Both checks run
 * during the handshake, before the request (and its token) leaves the PC:
 * a certificate that fails either makes glib-networking ask
 * SoupMessage::accept-certificate, which the transport answers no, and
 * explains.
 *
 * GTlsFileDatabase reads anchors only from a file, so the CA kept in the
 * database is written to a temporary file that lives while the database
 * loads it. A CA certificate is public: no secret reaches the disk. */

struct _ZbSyncTrust
{
  GTlsDatabase  parent_instance;

  GTlsDatabase *anchors;   /* the CA file's, or the system's */
  gboolean      has_ca;
  char         *pin;       /* "AB:CD:…", or NULL before the first enrolment */
};

G_DEFINE_FINAL_TYPE (ZbSyncTrust, zb_sync_trust, G_TYPE_TLS_DATABASE)

static GTlsCertificateFlags
zb_sync_trust_verify_chain (GTlsDatabase             *database,
                            GTlsCertificate          *chain,
                            const char               *purpose,
                            GSocketConnectable       *identity,
                            GTlsInteraction          *interaction,
                            GTlsDatabaseVerifyFlags   flags,
                            GCancellable             *cancellable,
                            GError                  **error)
{
  ZbSyncTrust *self = ZB_SYNC_TRUST (database);
  g_autofree char *fingerprint = NULL;
  GTlsCertificateFlags errors;

  errors = g_tls_database_verify_chain (self->anchors, chain, purpose, identity, interaction,
                                        flags, cancellable, error);
  if (self->pin == NULL)
    return errors;

  /* Another certificate, even one the CA signed: refused until a person
   * trusts it (the transport says how). */
  fingerprint = zb_sync_trust_fingerprint (chain);
  if (g_strcmp0 (fingerprint, self->pin) != 0)
    errors |= G_TLS_CERTIFICATE_GENERIC_ERROR;

  return errors;
}

/* The rest is the anchors' business. */
static char *
zb_sync_trust_create_certificate_handle (GTlsDatabase    *database,
                                         GTlsCertificate *certificate)
{
  return g_tls_database_create_certificate_handle (ZB_SYNC_TRUST (database)->anchors,
                                                   certificate);
}

static GTlsCertificate *
zb_sync_trust_lookup_certificate_for_handle (GTlsDatabase             *database,
                                             const char               *handle,
                                             GTlsInteraction          *interaction,
                                             GTlsDatabaseLookupFlags   flags,
                                             GCancellable             *cancellable,
                                             GError                  **error)
{
  return g_tls_database_lookup_certificate_for_handle (ZB_SYNC_TRUST (database)->anchors, handle,
                                                       interaction, flags, cancellable, error);
}

static GTlsCertificate *
zb_sync_trust_lookup_certificate_issuer (GTlsDatabase             *database,
                                         GTlsCertificate          *certificate,
                                         GTlsInteraction          *interaction,
                                         GTlsDatabaseLookupFlags   flags,
                                         GCancellable             *cancellable,
                                         GError                  **error)
{
  return g_tls_database_lookup_certificate_issuer (ZB_SYNC_TRUST (database)->anchors,
                                                   certificate, interaction, flags, cancellable,
                                                   error);
}

static GList *
zb_sync_trust_lookup_certificates_issued_by (GTlsDatabase             *database,
                                             GByteArray               *issuer_raw_dn,
                                             GTlsInteraction          *interaction,
                                             GTlsDatabaseLookupFlags   flags,
                                             GCancellable             *cancellable,
                                             GError                  **error)
{
  return g_tls_database_lookup_certificates_issued_by (ZB_SYNC_TRUST (database)->anchors,
                                                       issuer_raw_dn, interaction, flags,
                                                       cancellable, error);
}

static void
zb_sync_trust_finalize (GObject *object)
{
  ZbSyncTrust *self = (ZbSyncTrust *)object;

  g_clear_object (&self->anchors);
  g_free (self->pin);

  G_OBJECT_CLASS (zb_sync_trust_parent_class)->finalize (object);
}

static void
zb_sync_trust_class_init (ZbSyncTrustClass *klass)
{
  GTlsDatabaseClass *database_class = G_TLS_DATABASE_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = zb_sync_trust_finalize;
  database_class->verify_chain = zb_sync_trust_verify_chain;
  database_class->create_certificate_handle = zb_sync_trust_create_certificate_handle;
  database_class->lookup_certificate_for_handle = zb_sync_trust_lookup_certificate_for_handle;
  database_class->lookup_certificate_issuer = zb_sync_trust_lookup_certificate_issuer;
  database_class->lookup_certificates_issued_by = zb_sync_trust_lookup_certificates_issued_by;
}

static void
zb_sync_trust_init (ZbSyncTrust *self)
{
}

/* The certificates of @pem, through a file of its own. */
static GTlsDatabase *
load_anchors (const char  *pem,
              GError     **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) local_error = NULL;
  GTlsDatabase *database = NULL;
  int fd = g_file_open_tmp ("zhibu-ca-XXXXXX.pem", &path, error);

  if (fd < 0)
    return NULL;
  close (fd);
  if (g_file_set_contents (path, pem, -1, &local_error))
    database = g_tls_file_database_new (path, &local_error);
  g_unlink (path);

  if (database == NULL)
    g_set_error (error, ZB_SYNC_CLIENT_ERROR, ZB_SYNC_CLIENT_ERROR_BAD_CA,
                 _("CA certificate: cannot be used (%s); choose the committee’s CA certificate "
                   "file again"), local_error->message);
  return database;
}

/* Trusts what chains to @ca_pem (NULL: the system's CAs) and, when @pin is
 * given, only the certificate with that fingerprint. */
ZbSyncTrust *
zb_sync_trust_new (const char  *ca_pem,
                   const char  *pin,
                   GError     **error)
{
  g_autoptr(ZbSyncTrust) self = g_object_new (ZB_TYPE_SYNC_TRUST, NULL);

  if (ca_pem != NULL)
    self->anchors = load_anchors (ca_pem, error);
  else
    self->anchors = g_tls_backend_get_default_database (g_tls_backend_get_default ());
  if (self->anchors == NULL)
    {
      if (ca_pem == NULL)
        g_set_error_literal (error, ZB_SYNC_CLIENT_ERROR, ZB_SYNC_CLIENT_ERROR_BAD_CA,
                             _("This PC has no list of trusted certificate authorities; choose "
                               "the committee’s CA certificate file"));
      return NULL;
    }

  self->has_ca = ca_pem != NULL;
  self->pin = g_strdup (pin);
  return g_steal_pointer (&self);
}

gboolean
zb_sync_trust_has_ca (ZbSyncTrust *self)
{
  return self->has_ca;
}

const char *
zb_sync_trust_get_pin (ZbSyncTrust *self)
{
  return self->pin;
}

/* The PEM text of a CA file (a certificate, or a chain), checked to hold
 * at least one certificate, to be kept in the database. */
char *
zb_sync_trust_read_ca_file (const char  *path,
                            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *pem = NULL;
  GList *certificates = NULL;

  if (!g_file_get_contents (path, &pem, NULL, &local_error) ||
      (certificates = g_tls_certificate_list_new_from_file (path, &local_error)) == NULL)
    {
      g_set_error (error, ZB_SYNC_CLIENT_ERROR, ZB_SYNC_CLIENT_ERROR_BAD_CA,
                   _("CA certificate: cannot read %s as a PEM certificate file: choose the "
                     "committee’s CA certificate (.pem or .crt)\nDetails: %s"), path,
                   local_error ? local_error->message : _("no certificate in it"));
      return NULL;
    }

  g_list_free_full (certificates, g_object_unref);
  return g_steal_pointer (&pem);
}

/* "AB:CD:…": SHA-256 of the certificate's DER, as `openssl x509
 * -fingerprint -sha256` writes it, for a person to compare. */
char *
zb_sync_trust_fingerprint (GTlsCertificate *certificate)
{
  g_autoptr(GByteArray) der = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GString) text = g_string_new (NULL);
  guint8 digest[32];
  gsize length = sizeof digest;

  g_object_get (certificate, "certificate", &der, NULL);
  if (der == NULL)
    return NULL;
  g_checksum_update (checksum, der->data, der->len);
  g_checksum_get_digest (checksum, digest, &length);
  for (gsize i = 0; i < length; i++)
    g_string_append_printf (text, "%s%02X", i ? ":" : "", digest[i]);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* A fingerprint as a person may paste it (with or without colons, either
 * case, after openssl's "sha256 Fingerprint="), in the form above. */
char *
zb_sync_trust_parse_fingerprint (const char  *text,
                                 GError     **error)
{
  const char *start = text ? strrchr (text, '=') : NULL;
  g_autoptr(GString) hex = g_string_new (NULL);
  gboolean ok = text != NULL;

  for (const char *p = start ? start + 1 : (text ? text : ""); ok && *p; p++)
    if (g_ascii_isxdigit (*p))
      g_string_append_c (hex, g_ascii_toupper (*p));
    else
      ok = *p == ':' || g_ascii_isspace (*p);

  if (!ok || hex->len != 64)
    {
      g_set_error (error, ZB_SYNC_CLIENT_ERROR, ZB_SYNC_CLIENT_ERROR_BAD_CA,
                   _("Fingerprint: “%s” is not a SHA-256 fingerprint; copy the one the refusal "
                     "printed (64 hexadecimal digits, e.g. AB:CD:…)"), text ? text : "");
      return NULL;
    }

  for (guint i = 2; i < hex->len; i += 3)
    g_string_insert_c (hex, i, ':');
  return g_string_free (g_steal_pointer (&hex), FALSE);
}
