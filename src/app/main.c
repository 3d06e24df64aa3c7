#define G_LOG_DOMAIN "zhibu"

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "zb-application.h"
#include "zb-process.h"

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("ZHIBU_LOCALEDIR");
  g_autoptr(ZbApplication) app = NULL;

  zb_process_forbid_core_dumps ();
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_application_name (_("Zhibu"));

  app = zb_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
