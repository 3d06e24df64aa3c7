#define G_LOG_DOMAIN "zb-sync-client"

#include "config.h"

#include "zb-store-sync.h"
#include "zb-sync-client-private.h"

/* Which certificates the PC accepts from its server (zb-sync-trust.c): the
 * CA file given now or kept for the server, and the certificate pinned at
 * enrolment, both kept in the branch database with the checkpoint
 * (zb-store-trust.c). An enrolment takes whatever certificate chains to the
 * CA and pins it; a round takes only the pinned one, or the one a person
 * named with zb_sync_client_trust_certificate(). */

static gboolean
load_trust (ZbSyncClient  *self,
            gboolean       enrolling,
            char         **ca,
            char         **pin,
            GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  *ca = self->ca_pem ? g_strdup (self->ca_pem)
                     : zb_store_get_server_trust (self->store, self->server_url,
                                                  ZB_SERVER_TRUST_CA, &local_error);
  if (local_error == NULL && !enrolling)
    *pin = self->new_pin ? g_strdup (self->new_pin)
                         : zb_store_get_server_trust (self->store, self->server_url,
                                                      ZB_SERVER_TRUST_PIN, &local_error);
  if (local_error == NULL)
    return TRUE;

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* A transport to the server, holding the PC to what it trusts of it. */
ZbSyncTransport *
zb_sync_client_open_transport (ZbSyncClient  *self,
                               gboolean       enrolling,
                               GError       **error)
{
  g_autoptr(ZbSyncTransport) transport = NULL;
  g_autoptr(ZbSyncTrust) trust = NULL;
  g_autofree char *ca = NULL, *pin = NULL;

  transport = zb_sync_transport_new (self->server_url, self->connect_timeout,
                                     self->request_timeout, error);
  if (transport == NULL || !g_str_has_prefix (self->server_url, "https:"))
    return g_steal_pointer (&transport);

  if (!load_trust (self, enrolling, &ca, &pin, error) ||
      (trust = zb_sync_trust_new (ca, pin, error)) == NULL)
    return NULL;

  zb_sync_transport_set_trust (transport, trust);
  return g_steal_pointer (&transport);
}

/* After a request that succeeded: the CA file given for the server is kept
 * for the next rounds, and the certificate the server showed is pinned
 * (at enrolment, when a person trusted a new one, and on the first round of
 * a PC enrolled before pins were kept). */
gboolean
zb_sync_client_keep_trust (ZbSyncClient     *self,
                           ZbSyncTransport  *transport,
                           GError          **error)
{
  const char *fingerprint = zb_sync_transport_get_peer_fingerprint (transport);
  g_autofree char *pinned = NULL;
  g_autoptr(GError) local_error = NULL;

  if (fingerprint == NULL)
    return TRUE;
  if (self->ca_pem != NULL &&
      !zb_store_set_server_trust (self->store, self->server_url, ZB_SERVER_TRUST_CA,
                                  self->ca_pem, error))
    return FALSE;

  pinned = zb_store_get_server_trust (self->store, self->server_url, ZB_SERVER_TRUST_PIN,
                                      &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (g_strcmp0 (pinned, fingerprint) == 0)
    return TRUE;

  return zb_store_set_server_trust (self->store, self->server_url, ZB_SERVER_TRUST_PIN,
                                    fingerprint, error);
}

/* The committee's CA certificate (PEM) for this server, from now on; it is
 * kept for the server after the next request that succeeds. */
gboolean
zb_sync_client_set_ca_file (ZbSyncClient  *self,
                            const char    *path,
                            GError       **error)
{
  g_autofree char *pem = zb_sync_trust_read_ca_file (path, error);

  if (pem == NULL)
    return FALSE;
  zb_sync_client_set_ca_pem (self, pem);
  return TRUE;
}

void
zb_sync_client_set_ca_pem (ZbSyncClient *self,
                           const char   *pem)
{
  g_free (self->ca_pem);
  self->ca_pem = g_strdup (pem);
}

/* A person checked @fingerprint with the server's administrator: the next
 * round accepts that certificate (and no other) and pins it. */
gboolean
zb_sync_client_trust_certificate (ZbSyncClient  *self,
                                  const char    *fingerprint,
                                  GError       **error)
{
  g_autofree char *pin = zb_sync_trust_parse_fingerprint (fingerprint, error);

  if (pin == NULL)
    return FALSE;
  g_free (self->new_pin);
  self->new_pin = g_steal_pointer (&pin);
  return TRUE;
}

/* The fingerprint pinned for the server, or NULL; for the sync settings. */
char *
zb_sync_client_dup_pin (ZbSyncClient  *self,
                        GError       **error)
{
  return zb_store_get_server_trust (self->store, self->server_url, ZB_SERVER_TRUST_PIN, error);
}
