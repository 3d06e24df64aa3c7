/* committee-fixture.c: a higher committee with 20 branches and two years
 * of synced records, on a real zhibu-server, for the browser test
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "committee-fixture"

#include "config.h"

#include <locale.h>
#include <stdio.h>

#include <json-glib/json-glib.h>

#include "zb-test-committee.h"
#include "zb-test-engine.h"
#include "zb-test-server.h"
#include "zb-test-util.h"
#include "zb-test-web.h"

/* committee-fixture DIR ENGINE N_BRANCHES: generates N branches (each a PC
 * database under DIR, synced through zhibu-cli), a committee account
 * assigned to all of them but the last, and a zhibu-server serving them;
 * prints a line of JSON saying where everything is (after
 * "committee-fixture: ", for the server shares its output), then serves until
 * its standard input closes. tests/test-committee-browser.py drives a
 * browser against it. */

#define ACCOUNT "wang"

static void
print_where (ZbTestServer *server,
             const char   *passphrase,
             GPtrArray    *dbs,
             GPtrArray    *ids)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *line = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "url");
  json_builder_add_string_value (b, server->url);
  json_builder_set_member_name (b, "account");
  json_builder_add_string_value (b, ACCOUNT);
  json_builder_set_member_name (b, "password");
  json_builder_add_string_value (b, ZB_TEST_WEB_PASSWORD);
  json_builder_set_member_name (b, "passphrase_file");
  json_builder_add_string_value (b, passphrase);
  json_builder_set_member_name (b, "branches");
  json_builder_begin_array (b);
  for (guint n = 0; n < dbs->len; n++)
    {
      g_autofree char *name = g_strdup_printf ("第%u党支部", n + 1);
      g_autofree char *token = g_strdup_printf ("%s.token", (char *) g_ptr_array_index (dbs, n));

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, name);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, g_ptr_array_index (ids, n));
      json_builder_set_member_name (b, "db");
      json_builder_add_string_value (b, g_ptr_array_index (dbs, n));
      json_builder_set_member_name (b, "token_file");
      json_builder_add_string_value (b, token);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  line = json_to_string (root, FALSE);
  g_print ("committee-fixture: %s\n", line);
  fflush (stdout);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) dbs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ZbTestServerPlace) place = NULL;
  g_autoptr(ZbTestServer) server = NULL;
  g_autofree char *server_dir = NULL, *passphrase = NULL;
  char buffer[64];
  guint n_branches;

  setlocale (LC_ALL, "");
  if (argc != 4)
    {
      g_printerr ("usage: committee-fixture DIR sqlite|postgres N_BRANCHES\n");
      return 2;
    }
  n_branches = (guint) g_ascii_strtoull (argv[3], NULL, 10);

  passphrase = zb_test_passphrase_file (argv[1]);
  place = zb_test_server_place_new (argv[2]);
  server_dir = g_build_filename (argv[1], "server", NULL);
  server = zb_test_server_new (server_dir, zb_test_server_place_conninfo (place));
  for (guint n = 0; n < n_branches; n++)
    {
      g_autofree char *name = g_strdup_printf ("第%u党支部", n + 1);

      g_ptr_array_add (ids, zb_test_server_add_branch (server, name));
    }
  zb_test_web_add_account (server, ACCOUNT);
  /* The last branch is not the account's: its pages answer 403. */
  for (guint n = 0; n + 1 < n_branches; n++)
    {
      g_autofree char *name = g_strdup_printf ("第%u党支部", n + 1);

      zb_test_web_admin_ok (server, "assign", ACCOUNT, name);
    }
  zb_test_server_start (server);
  for (guint n = 0; n < n_branches; n++)
    {
      g_ptr_array_add (dbs, zb_test_committee_make_branch (argv[1], n));
      zb_test_committee_sync (server, g_ptr_array_index (dbs, n), passphrase, n);
    }
  print_where (server, passphrase, dbs, ids);

  while (fgets (buffer, sizeof buffer, stdin) != NULL)
    ;
  return 0;
}
