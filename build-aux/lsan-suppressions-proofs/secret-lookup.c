/* The proof behind lsan-suppressions.txt's libsecret entry: libsecret 0.20.5 (Debian 12)
 * alone, a password stored and found again and the secret freed, as zhibu-cli does with a
 * database's key, loses the body of a D-Bus reply parsed on GDBus's worker thread (a direct
 * leak of one GVariant under g_dbus_message_new_from_blob, some 1 KB with what it holds,
 * once per process). Storing alone, or a lookup that finds nothing, loses nothing. Run it
 * against a real keyring:
 *
 *   gcc -g -fsanitize=address -o /tmp/secret-lookup secret-lookup.c \
 *     $(pkg-config --cflags --libs libsecret-1) -Wl,--no-as-needed -lstdc++
 *   G_SLICE=always-malloc ASAN_OPTIONS=fast_unwind_on_malloc=0 \
 *     tests/run-with-keyring.sh /tmp/secret-lookup
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <libsecret/secret.h>

static const SecretSchema schema = {
  "org.example.LeakProof", SECRET_SCHEMA_NONE,
  { { "file-salt", SECRET_SCHEMA_ATTRIBUTE_STRING }, { NULL, 0 } }
};

int
main (void)
{
  GError *error = NULL;
  char *secret;

  g_assert_true (secret_password_store_sync (&schema, SECRET_COLLECTION_DEFAULT, "label",
                                             "0123456789abcdef", NULL, &error,
                                             "file-salt", "salt", NULL));
  g_assert_no_error (error);
  secret = secret_password_lookup_sync (&schema, NULL, &error, "file-salt", "salt", NULL);
  g_assert_no_error (error);
  g_assert_cmpstr (secret, ==, "0123456789abcdef");
  secret_password_free (secret);
  return 0;
}
