/* zb-cli.h: what the commands of zhibu-cli share
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "zb-store.h"
#include "zb-table.h"

G_BEGIN_DECLS

/* A usage error exits 2; every other error exits 1 (DESIGN.md, CLI contract). */
#define ZB_CLI_USAGE_ERROR (zb_cli_usage_error_quark ())

typedef struct
{
  char *db_path;
  char *passphrase_file;
} ZbCli;

typedef gboolean (*ZbCliCommand) (ZbCli   *cli,
                                  int      argc,
                                  char   **argv,
                                  GError **error);

GQuark    zb_cli_usage_error_quark  (void);
gboolean  zb_cli_usage              (GError      **error,
                                     const char   *format,
                                     ...) G_GNUC_PRINTF (2, 3);
void      zb_cli_set_command_line   (int              argc,
                                     char           **argv);
gboolean  zb_cli_parse              (GOptionContext  *context,
                                     int             *argc,
                                     char          ***argv,
                                     GError         **error);
ZbStore  *zb_cli_open_store         (ZbCli          *cli,
                                     GError        **error);
ZbKey    *zb_cli_passphrase         (ZbCli          *cli,
                                     GError        **error);
char     *zb_cli_db_path            (ZbCli          *cli);
gboolean  zb_cli_normalise_date     (char          **value,
                                     const char     *label,
                                     GError        **error);
void      zb_cli_print_table        (GPtrArray      *rows);
gboolean  zb_cli_check_format       (const char     *format,
                                     const char     *usage,
                                     GError        **error);
void      zb_cli_print_json_rows    (const char * const *header,
                                     guint           n_columns,
                                     GPtrArray      *rows);
void      zb_cli_print_rows         (const char * const *header,
                                     guint           n_columns,
                                     GPtrArray      *rows,
                                     const char     *format);
gboolean  zb_cli_check_output       (char          **format,
                                     const char     *output,
                                     const char     *usage,
                                     GError        **error);
gboolean  zb_cli_output_table       (ZbTable        *table,
                                     const char     *format,
                                     const char     *output,
                                     GError        **error);

gboolean  zb_cli_init               (ZbCli   *cli,
                                     int      argc,
                                     char   **argv,
                                     GError **error);
gboolean  zb_cli_meeting            (ZbCli   *cli,
                                     int      argc,
                                     char   **argv,
                                     GError **error);
gboolean  zb_cli_meeting_item       (ZbCli   *cli,
                                     int      argc,
                                     char   **argv,
                                     GError **error);
gboolean  zb_cli_meeting_vote       (ZbCli   *cli,
                                     int      argc,
                                     char   **argv,
                                     GError **error);
gboolean  zb_cli_measure            (ZbCli   *cli,
                                     int      argc,
                                     char   **argv,
                                     GError **error);
gboolean  zb_cli_meeting_addendum   (ZbCli   *cli,
                                     int      argc,
                                     char   **argv,
                                     GError **error);
gboolean  zb_cli_meeting_finalize   (ZbCli   *cli,
                                     int      argc,
                                     char   **argv,
                                     GError **error);
gboolean  zb_cli_dues               (ZbCli   *cli,
                                     int      argc,
                                     char   **argv,
                                     GError **error);
gboolean  zb_cli_recruit            (ZbCli   *cli,
                                     int      argc,
                                     char   **argv,
                                     GError **error);
gboolean  zb_cli_search             (ZbCli   *cli,
                                     int      argc,
                                     char   **argv,
                                     GError **error);
gboolean  zb_cli_verify             (ZbCli   *cli,
                                     int      argc,
                                     char   **argv,
                                     GError **error);
gboolean  zb_cli_check              (ZbCli   *cli,
                                     int      argc,
                                     char   **argv,
                                     GError **error);
gboolean  zb_cli_render             (ZbCli   *cli,
                                     int      argc,
                                     char   **argv,
                                     GError **error);
gboolean  zb_cli_first_item         (ZbCli   *cli,
                                     int      argc,
                                     char   **argv,
                                     GError **error);
gboolean  zb_cli_committee          (ZbCli   *cli,
                                     int      argc,
                                     char   **argv,
                                     GError **error);
gboolean  zb_cli_member             (ZbCli   *cli,
                                     int      argc,
                                     char   **argv,
                                     GError **error);
gboolean  zb_cli_enrol              (ZbCli   *cli,
                                     int      argc,
                                     char   **argv,
                                     GError **error);
gboolean  zb_cli_sync               (ZbCli   *cli,
                                     int      argc,
                                     char   **argv,
                                     GError **error);
gboolean  zb_cli_conflicts          (ZbCli   *cli,
                                     int      argc,
                                     char   **argv,
                                     GError **error);
gboolean  zb_cli_rejected           (ZbCli   *cli,
                                     int      argc,
                                     char   **argv,
                                     GError **error);
gboolean  zb_cli_study              (ZbCli   *cli,
                                     int      argc,
                                     char   **argv,
                                     GError **error);
gboolean  zb_cli_points             (ZbCli   *cli,
                                     int      argc,
                                     char   **argv,
                                     GError **error);
gboolean  zb_cli_settings           (ZbCli   *cli,
                                     int      argc,
                                     char   **argv,
                                     GError **error);
gboolean  zb_cli_backup             (ZbCli   *cli,
                                     int      argc,
                                     char   **argv,
                                     GError **error);
gboolean  zb_cli_restore            (ZbCli   *cli,
                                     int      argc,
                                     char   **argv,
                                     GError **error);
gboolean  zb_cli_stats              (ZbCli   *cli,
                                     int      argc,
                                     char   **argv,
                                     GError **error);

G_END_DECLS
