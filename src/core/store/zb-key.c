#define G_LOG_DOMAIN "zb-key"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include <glib/gi18n.h>
#include <gio/gio.h>

#include "zb-key.h"

#define RAW_KEY_BYTES 32
#define ZB_KEY_MIN_PASSPHRASE 8

struct _ZbKey
{
  ZbKeyKind  kind;
  char      *secret;   /* 64 hex digits, or the passphrase */
};

static ZbKey *
key_new (ZbKeyKind  kind,
         char      *secret)
{
  ZbKey *key = g_new0 (ZbKey, 1);

  key->kind = kind;
  key->secret = secret;
  return key;
}

static char *
hex_encode (const guint8 *bytes,
            gsize         len)
{
  static const char hex[] = "0123456789abcdef";
  char *out = g_malloc (len * 2 + 1);

  for (gsize i = 0; i < len; i++)
    {
      out[2 * i] = hex[bytes[i] >> 4];
      out[2 * i + 1] = hex[bytes[i] & 0xf];
    }
  out[len * 2] = '\0';
  return out;
}

/* DESIGN.md: the kernel's CSPRNG, never g_random, which is not meant for keys. */
ZbKey *
zb_key_new_random (GError **error)
{
  guint8 bytes[RAW_KEY_BYTES];
  gsize got = 0;
  ZbKey *key;

  while (got < sizeof bytes)
    {
      ssize_t n = getrandom (bytes + got, sizeof bytes - got, 0);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Could not get random bytes for a new key: %s"), g_strerror (saved));
          return NULL;
        }
      got += n;
    }

  key = key_new (ZB_KEY_RAW, hex_encode (bytes, sizeof bytes));
  explicit_bzero (bytes, sizeof bytes);
  return key;
}

ZbKey *
zb_key_new_raw_hex (const char  *hex,
                    GError     **error)
{
  gsize len = hex ? strlen (hex) : 0;

  if (len != RAW_KEY_BYTES * 2)
    goto bad;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isxdigit (hex[i]))
      goto bad;

  return key_new (ZB_KEY_RAW, g_ascii_strdown (hex, -1));

bad:
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The stored key is not 64 hexadecimal digits"));
  return NULL;
}

ZbKey *
zb_key_new_passphrase (const char *passphrase)
{
  g_return_val_if_fail (passphrase != NULL, NULL);

  return key_new (ZB_KEY_PASSPHRASE, g_strdup (passphrase));
}

/* The first line of the file is the passphrase, as `echo pw > file` writes it. */
ZbKey *
zb_key_new_from_file (const char  *path,
                      GError     **error)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  ZbKey *key;
  char *eol;

  if (!g_file_get_contents (path, &contents, &len, error))
    return NULL;

  eol = strpbrk (contents, "\r\n");
  if (eol != NULL)
    *eol = '\0';

  if (*contents == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The passphrase file %s is empty"), path);
      explicit_bzero (contents, len);
      return NULL;
    }

  key = zb_key_new_passphrase (contents);
  explicit_bzero (contents, len);
  return key;
}

/* A new database's passphrase is the only thing between its file and the
 * personal data in it: at least ZB_KEY_MIN_PASSPHRASE characters (not
 * bytes: 8 Chinese characters are as long as 8 letters). */
gboolean
zb_key_check_new_passphrase (const char  *passphrase,
                             GError     **error)
{
  if (g_utf8_strlen (passphrase, -1) >= ZB_KEY_MIN_PASSPHRASE)
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("Passphrase: at least %d characters are needed; choose a longer one"),
               ZB_KEY_MIN_PASSPHRASE);
  return FALSE;
}

ZbKey *
zb_key_copy (const ZbKey *key)
{
  return key_new (key->kind, g_strdup (key->secret));
}

ZbKeyKind
zb_key_get_kind (const ZbKey *key)
{
  return key->kind;
}

const char *
zb_key_get_secret (const ZbKey *key)
{
  return key->secret;
}

/* The value of PRAGMA key. A raw key skips SQLCipher's key derivation; a
 * passphrase is quoted as an SQL string literal. */
char *
zb_key_to_pragma (const ZbKey *key)
{
  GString *out = g_string_new ("PRAGMA key = ");

  if (key->kind == ZB_KEY_RAW)
    {
      g_string_append_printf (out, "\"x'%s'\"", key->secret);
      return g_string_free (out, FALSE);
    }

  g_string_append_c (out, '\'');
  for (const char *p = key->secret; *p; p++)
    {
      if (*p == '\'')
        g_string_append_c (out, '\'');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\'');
  return g_string_free (out, FALSE);
}

void
zb_key_free (ZbKey *key)
{
  if (key == NULL)
    return;

  explicit_bzero (key->secret, strlen (key->secret));
  g_free (key->secret);
  g_free (key);
}
