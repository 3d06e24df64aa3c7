#define G_LOG_DOMAIN "zb-sync-gzip"

#include "config.h"

#include <glib/gi18n.h>

#include "zb-sync-gzip.h"
#include "zb-sync-protocol.h"

/* libsoup's client does not compress requests and SoupServer neither
 * decompresses requests nor compresses responses (DESIGN.md, Sync): both
 * sides use these. Decompression stops as soon as the output passes the cap,
 * so a small body that inflates to gigabytes costs no more than the cap. */

#define CHUNK (64 * 1024)

typedef struct
{
  GConverter *converter;
  const guint8 *in;
  gsize in_left;
  GByteArray *out;
} Run;

/* One step of @run: converts what it can into the output. */
static GConverterResult
convert_step (Run     *run,
              GError **error)
{
  gsize read = 0, written = 0;
  gsize start = run->out->len;
  GConverterResult result;

  g_byte_array_set_size (run->out, start + CHUNK);
  result = g_converter_convert (run->converter, run->in, run->in_left,
                                run->out->data + start, CHUNK, G_CONVERTER_INPUT_AT_END,
                                &read, &written, error);
  g_byte_array_set_size (run->out, start + written);
  /* An empty body has no data at all, and NULL + 0 is undefined behaviour. */
  if (read > 0)
    run->in += read;
  run->in_left -= read;

  return result;
}

GBytes *
zb_sync_gzip_compress (GBytes  *data,
                       GError **error)
{
  g_autoptr(GZlibCompressor) compressor =
    g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1);
  g_autoptr(GByteArray) out = g_byte_array_new ();
  Run run = { G_CONVERTER (compressor), NULL, 0, out };
  GConverterResult result;

  run.in = g_bytes_get_data (data, &run.in_left);
  do
    result = convert_step (&run, error);
  while (result == G_CONVERTER_CONVERTED);

  if (result == G_CONVERTER_ERROR)
    return NULL;

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static gboolean
malformed (GError     **error,
           const char  *why)
{
  g_set_error (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_MALFORMED,
               _("The body is not valid gzip: %s"), why);
  return FALSE;
}

/* One step, checked: ZB_SYNC_ERROR_TOO_LARGE once past @max_size, and
 * ZB_SYNC_ERROR_MALFORMED for a stream that is cut short or corrupt. */
static gboolean
decompress_step (Run               *run,
                 gsize              max_size,
                 GConverterResult  *result,
                 GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  gsize in_before = run->in_left;
  gsize out_before = run->out->len;

  *result = convert_step (run, &local_error);
  if (*result == G_CONVERTER_ERROR)
    return malformed (error, local_error->message);

  if (run->out->len > max_size)
    {
      g_autofree char *cap = g_strdup_printf ("%" G_GSIZE_FORMAT, max_size);

      g_set_error (error, ZB_SYNC_ERROR, ZB_SYNC_ERROR_TOO_LARGE,
                   _("The body is larger than %s bytes once decompressed"), cap);
      return FALSE;
    }

  /* Neither input taken nor output made: it would loop for ever. */
  if (*result == G_CONVERTER_CONVERTED && run->in_left == in_before &&
      run->out->len == out_before)
    return malformed (error, _("the stream does not advance"));

  return TRUE;
}

/* One gzip member and nothing after it: data beyond the member's end would
 * otherwise pass unseen. */
GBytes *
zb_sync_gzip_decompress (GBytes  *data,
                         gsize    max_size,
                         GError **error)
{
  g_autoptr(GZlibDecompressor) decompressor =
    g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GByteArray) out = g_byte_array_new ();
  Run run = { G_CONVERTER (decompressor), NULL, 0, out };
  GConverterResult result = G_CONVERTER_CONVERTED;

  run.in = g_bytes_get_data (data, &run.in_left);
  while (result == G_CONVERTER_CONVERTED)
    if (!decompress_step (&run, max_size, &result, error))
      return NULL;

  if (run.in_left > 0)
    {
      malformed (error, _("data follows the end of the stream"));
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}
