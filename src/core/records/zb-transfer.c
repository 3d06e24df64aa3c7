#define G_LOG_DOMAIN "zb-transfer"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-date.h"
#include "zb-error.h"
#include "zb-transfer.h"

struct _ZbTransfer
{
  GObject   parent_instance;

  char     *id;
  char     *member_id;
  gboolean  incoming;
  char     *date;
  char     *organisation;   /* where the relationship came from, or goes to */
  char     *letter_number;  /* 介绍信编号 */
};

G_DEFINE_FINAL_TYPE (ZbTransfer, zb_transfer, G_TYPE_OBJECT)

static void
zb_transfer_finalize (GObject *object)
{
  ZbTransfer *self = (ZbTransfer *)object;

  g_free (self->id);
  g_free (self->member_id);
  g_free (self->date);
  g_free (self->organisation);
  g_free (self->letter_number);

  G_OBJECT_CLASS (zb_transfer_parent_class)->finalize (object);
}

static void
zb_transfer_class_init (ZbTransferClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zb_transfer_finalize;
}

static void
zb_transfer_init (ZbTransfer *self)
{
}

ZbTransfer *
zb_transfer_new (const char *member_id,
                 gboolean    incoming,
                 const char *date,
                 const char *organisation,
                 const char *letter_number)
{
  ZbTransfer *self = g_object_new (ZB_TYPE_TRANSFER, NULL);

  self->member_id = g_strdup (member_id);
  self->incoming = incoming;
  self->date = g_strdup (date);
  self->organisation = g_strdup (organisation);
  self->letter_number = g_strdup (letter_number);
  return self;
}

const char *
zb_transfer_get_id (ZbTransfer *self)
{
  return self->id;
}

void
zb_transfer_set_id (ZbTransfer *self,
                    const char *id)
{
  g_free (self->id);
  self->id = g_strdup (id);
}

const char *
zb_transfer_get_member_id (ZbTransfer *self)
{
  return self->member_id;
}

gboolean
zb_transfer_is_incoming (ZbTransfer *self)
{
  return self->incoming;
}

const char *
zb_transfer_get_date (ZbTransfer *self)
{
  return self->date;
}

const char *
zb_transfer_get_organisation (ZbTransfer *self)
{
  return self->organisation;
}

const char *
zb_transfer_get_letter_number (ZbTransfer *self)
{
  return self->letter_number;
}

gboolean
zb_transfer_validate (ZbTransfer  *self,
                      GError     **error)
{
  GDate date;

  if (!zb_date_parse_iso (self->date, &date))
    {
      g_set_error (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID,
                   _("Transfer date: “%s” is not a date; write it as year-month-day, such "
                     "as 2015-07-01"),
                   self->date ? self->date : "");
      return FALSE;
    }
  if (self->organisation == NULL || *g_strstrip (self->organisation) == '\0')
    {
      g_set_error_literal (error, ZB_MEMBER_ERROR, ZB_MEMBER_ERROR_INVALID,
                           _("Organisation: the party organisation the relationship comes from "
                             "or goes to is required"));
      return FALSE;
    }

  return TRUE;
}
