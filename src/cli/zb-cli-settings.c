#define G_LOG_DOMAIN "zb-cli-settings"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "zb-cli.h"
#include "zb-error.h"
#include "zb-limits.h"

/* zhibu-cli settings get [KEY] | settings set KEY VALUE: the branch's
 * settings in its database, synced (schema step 12; issue 13): the
 * checker's thresholds and the branch's details. */

#define SETTINGS_USAGE N_("usage: zhibu-cli settings get [KEY] | settings set KEY VALUE (keys: " \
                          "absence-warning-months, absence-alert-months, " \
                          "probation-notice-days, higher-committee, secretary, branch-name)")

typedef enum
{
  KEY_WARNING,
  KEY_ALERT,
  KEY_NOTICE,
  KEY_COMMITTEE,
  KEY_SECRETARY,
  KEY_NAME,
} Key;

static const char * const keys[] = {
  "absence-warning-months", "absence-alert-months", "probation-notice-days",
  "higher-committee", "secretary", "branch-name", NULL
};

static gboolean
lookup_key (const char  *name,
            Key         *key,
            GError     **error)
{
  for (guint i = 0; keys[i] != NULL; i++)
    if (g_str_equal (name, keys[i]))
      {
        *key = i;
        return TRUE;
      }
  /* TRANSLATORS: the key given, then the usage line */
  return zb_cli_usage (error, _("unknown setting “%s”; %s"), name, _(SETTINGS_USAGE));
}

/* The thresholds as the checker uses them (DOMAIN.md's where the branch
 * set none), the details empty where unset. */
static char *
get_value (ZbStore                *store,
           const ZbCheckSettings  *settings,
           Key                     key)
{
  switch (key)
    {
    case KEY_WARNING:
      return g_strdup_printf ("%u", settings->absence_warning_months);
    case KEY_ALERT:
      return g_strdup_printf ("%u", settings->absence_alert_months);
    case KEY_NOTICE:
      return g_strdup_printf ("%u", settings->probation_notice_days);
    case KEY_COMMITTEE:
      return zb_store_dup_higher_committee (store);
    case KEY_SECRETARY:
      return zb_store_dup_secretary (store);
    case KEY_NAME:
    default:
      return g_strdup (zb_store_get_branch_name (store));
    }
}

static gboolean
settings_get (ZbCli   *cli,
              int      argc,
              char   **argv,
              GError **error)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("[KEY]"));
  g_autoptr(ZbStore) store = NULL;
  ZbCheckSettings settings;
  Key key = KEY_WARNING;

  g_option_context_set_summary (context, _("zhibu-cli settings get: the branch’s settings as "
                                           "KEY=VALUE lines, or the value of one KEY"));
  g_option_context_set_description (context, _(SETTINGS_USAGE));
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc > 2)
    return zb_cli_usage (error, "%s", _(SETTINGS_USAGE));
  if ((argc == 2 && !lookup_key (argv[1], &key, error)) ||
      (store = zb_cli_open_store (cli, error)) == NULL ||
      !zb_store_get_check_settings (store, &settings, error))
    return FALSE;

  if (argc == 2)
    {
      g_autofree char *value = get_value (store, &settings, key);

      printf ("%s\n", value ? value : "");
      return TRUE;
    }
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autofree char *value = get_value (store, &settings, i);

      printf ("%s=%s\n", keys[i], value ? value : "");
    }
  return TRUE;
}

/* A threshold: a whole number within the range of its key. */
static gboolean
parse_threshold (const char  *name,
                 const char  *text,
                 Key          key,
                 guint       *value,
                 GError     **error)
{
  guint64 number = 0;
  guint least = key == KEY_NOTICE ? ZB_CHECK_MIN_DAYS : ZB_CHECK_MIN_MONTHS;
  guint most = key == KEY_NOTICE ? ZB_CHECK_MAX_DAYS : ZB_CHECK_MAX_MONTHS;

  if (g_ascii_string_to_unsigned (text, 10, least, most, &number, NULL))
    {
      *value = number;
      return TRUE;
    }
  if (key == KEY_NOTICE)
    /* TRANSLATORS: the key, then the least and the most days */
    g_set_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID,
                 _("%s: give the days as a whole number from %u to %u"), name, least, most);
  else
    /* TRANSLATORS: the key, then the least and the most months */
    g_set_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID,
                 _("%s: give the months as a whole number from %u to %u"), name, least, most);
  return FALSE;
}

static gboolean
set_threshold (ZbStore     *store,
               const char  *name,
               Key          key,
               const char  *text,
               GError     **error)
{
  ZbCheckSettings settings;
  guint *slots[] = { &settings.absence_warning_months, &settings.absence_alert_months,
                     &settings.probation_notice_days };

  return zb_store_get_check_settings (store, &settings, error) &&
         parse_threshold (name, text, key, slots[key], error) &&
         zb_store_set_check_settings (store, &settings, error);
}

/* A detail: one line within its column's limit; blank unsets it, but the
 * branch always has a name. */
static gboolean
check_detail (const char  *name,
              Key          key,
              const char  *text,
              GError     **error)
{
  static const ZbColumnLimit branch_name = {
    "meta", "branch_name", N_("Branch name"), ZB_COLUMN_LINE, ZB_LIMIT_SHORT, NULL, NULL
  };
  const ZbColumnLimit *limit = key == KEY_NAME ? &branch_name
                               : zb_limits_lookup ("branch_settings",
                                                   key == KEY_SECRETARY ? "secretary"
                                                                        : "higher_committee");
  g_autofree char *tidy = g_strstrip (g_strdup (text));
  g_autofree char *issue = NULL;

  if (key == KEY_NAME && *tidy == '\0')
    issue = g_strdup (_("give the branch’s name; it cannot be blank"));
  else
    issue = zb_limits_check_text (limit, tidy, NULL);
  if (issue == NULL)
    return TRUE;
  /* TRANSLATORS: the key, then what is wrong with its value */
  g_set_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID, _("%s: %s"), name, issue);
  return FALSE;
}

static gboolean
set_detail (ZbStore     *store,
            const char  *name,
            Key          key,
            const char  *text,
            GError     **error)
{
  g_autofree char *committee = zb_store_dup_higher_committee (store);
  g_autofree char *secretary = zb_store_dup_secretary (store);

  if (!check_detail (name, key, text, error))
    return FALSE;
  return zb_store_set_branch_details (store, key == KEY_NAME ? text : NULL,
                                      key == KEY_COMMITTEE ? text : committee,
                                      key == KEY_SECRETARY ? text : secretary, error);
}

static gboolean
settings_set (ZbCli   *cli,
              int      argc,
              char   **argv,
              GError **error)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("KEY VALUE"));
  g_autoptr(ZbStore) store = NULL;
  g_autofree char *value = NULL;
  ZbCheckSettings settings;
  Key key = KEY_WARNING;

  g_option_context_set_summary (context, _("zhibu-cli settings set: change one of the "
                                           "branch’s settings, for every PC once synced; an "
                                           "empty VALUE clears a detail"));
  g_option_context_set_description (context, _(SETTINGS_USAGE));
  if (!zb_cli_parse (context, &argc, &argv, error))
    return FALSE;
  if (argc != 3)
    return zb_cli_usage (error, "%s", _(SETTINGS_USAGE));
  if (!lookup_key (argv[1], &key, error) || (store = zb_cli_open_store (cli, error)) == NULL)
    return FALSE;

  if (key <= KEY_NOTICE ? !set_threshold (store, argv[1], key, argv[2], error)
                        : !set_detail (store, argv[1], key, argv[2], error))
    return FALSE;

  if (!zb_store_get_check_settings (store, &settings, error))
    return FALSE;
  value = get_value (store, &settings, key);
  printf ("%s=%s\n", argv[1], value ? value : "");
  return TRUE;
}

gboolean
zb_cli_settings (ZbCli   *cli,
                 int      argc,
                 char   **argv,
                 GError **error)
{
  if (argc >= 2 && g_str_equal (argv[1], "get"))
    return settings_get (cli, argc - 1, argv + 1, error);
  if (argc >= 2 && g_str_equal (argv[1], "set"))
    return settings_set (cli, argc - 1, argv + 1, error);
  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      printf ("%s\n", _(SETTINGS_USAGE));
      return TRUE;
    }
  return zb_cli_usage (error, "%s", _(SETTINGS_USAGE));
}
