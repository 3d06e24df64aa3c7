#define G_LOG_DOMAIN "zb-pdf-fonts"

#include "config.h"

#include <fontconfig/fontconfig.h>

#include "zb-pdf-fonts.h"

/* GB/T 9704-2012 sections 7.3 and 7.5 name the faces: 仿宋 for the body, 小标宋 for
 * the title, 黑体 and 楷体 for headings, 宋体 for page numbers. Few Linux
 * machines have them, so each face falls back, as DOMAIN.md section 5
 * says, to Noto Serif CJK SC, Noto Sans CJK SC or AR PL UKai, whichever
 * fontconfig really has: a family that fontconfig merely substitutes for
 * would print in some other face while claiming the one asked for. */

typedef struct
{
  const char *families[8];
  gboolean    fallback_bold;    /* the fallback is made bolder to stand in */
} Candidates;

static const Candidates candidates[ZB_PDF_N_FACES] = {
  [ZB_PDF_FACE_FANGSONG] = {
    { "FangSong", "仿宋", "FangSong_GB2312", "仿宋_GB2312", "STFangsong",
      "Noto Serif CJK SC", NULL }, FALSE },
  [ZB_PDF_FACE_XIAOBIAOSONG] = {
    { "FZXiaoBiaoSong-B05S", "方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05",
      "Noto Serif CJK SC", NULL }, TRUE },
  [ZB_PDF_FACE_HEI] = {
    { "SimHei", "黑体", "STHeiti", "Noto Sans CJK SC", NULL }, FALSE },
  [ZB_PDF_FACE_KAI] = {
    { "KaiTi", "楷体", "KaiTi_GB2312", "楷体_GB2312", "STKaiti", "AR PL UKai CN",
      "Noto Serif CJK SC", NULL }, FALSE },
  [ZB_PDF_FACE_SONG] = {
    { "SimSun", "宋体", "STSong", "Noto Serif CJK SC", NULL }, FALSE },
};

static const char *face_names[ZB_PDF_N_FACES] = {
  "FangSong", "Xiaobiaosong", "Hei", "Kai", "Song",
};

struct _ZbPdfFonts
{
  const char *families[ZB_PDF_N_FACES];
  gboolean    bold[ZB_PDF_N_FACES];
  char       *chosen[ZB_PDF_N_FACES];   /* owned: the user's families */
};

/* Whether fontconfig's best match for @family is a face of that very
 * family (any of its names, such as 仿宋 for FangSong). */
static gboolean
family_present (const char *family)
{
  FcPattern *pattern = FcPatternCreate ();
  FcPattern *match;
  FcResult result;
  gboolean present = FALSE;
  FcChar8 *name;

  FcPatternAddString (pattern, FC_FAMILY, (const FcChar8 *) family);
  FcConfigSubstitute (NULL, pattern, FcMatchPattern);
  FcDefaultSubstitute (pattern);
  match = FcFontMatch (NULL, pattern, &result);
  for (int i = 0; match != NULL && !present
                  && FcPatternGetString (match, FC_FAMILY, i, &name) == FcResultMatch; i++)
    present = g_ascii_strcasecmp ((const char *) name, family) == 0;
  if (match != NULL)
    FcPatternDestroy (match);
  FcPatternDestroy (pattern);
  return present;
}

static void
resolve (ZbPdfFonts *self,
         ZbPdfFace   face)
{
  const Candidates *c = &candidates[face];
  guint last = 0;

  while (c->families[last + 1] != NULL)
    last++;
  for (guint i = 0; i <= last; i++)
    if (i == last || family_present (c->families[i]))
      {
        /* The last candidate is used even when missing: Pango then picks
         * what it can, and the document's properties say so. */
        self->families[face] = c->families[i];
        self->bold[face] = c->fallback_bold && i == last;
        return;
      }
}

ZbPdfFonts *
zb_pdf_fonts_new (void)
{
  return zb_pdf_fonts_new_chosen (NULL);
}

/* @families (ZB_PDF_N_FACES of them, or NULL) are the faces a user chose
 * in place of the standard ones, NULL or "" for a face left to the
 * standard's order. A chosen family fontconfig lacks falls back to that
 * order too: a PDF never claims a face it does not carry. */
ZbPdfFonts *
zb_pdf_fonts_new_chosen (const char * const *families)
{
  ZbPdfFonts *self = g_new0 (ZbPdfFonts, 1);

  for (ZbPdfFace face = 0; face < ZB_PDF_N_FACES; face++)
    {
      const char *chosen = families ? families[face] : NULL;

      if (chosen != NULL && *chosen != '\0' && family_present (chosen))
        self->families[face] = self->chosen[face] = g_strdup (chosen);
      else
        resolve (self, face);
    }
  return self;
}

/* The face GB/T 9704-2012 names first, for a settings page to show. */
const char *
zb_pdf_fonts_get_standard (ZbPdfFace face)
{
  g_return_val_if_fail (face < ZB_PDF_N_FACES, NULL);

  return candidates[face].families[1];
}

void
zb_pdf_fonts_free (ZbPdfFonts *self)
{
  for (ZbPdfFace face = 0; face < ZB_PDF_N_FACES; face++)
    g_free (self->chosen[face]);
  g_free (self);
}

const char *
zb_pdf_fonts_get_family (ZbPdfFonts *self,
                         ZbPdfFace   face)
{
  return self->families[face];
}

gboolean
zb_pdf_fonts_is_bold (ZbPdfFonts *self,
                      ZbPdfFace   face)
{
  return self->bold[face];
}

/* For the document's properties: which face stands for which, such as
 * "FangSong: Noto Serif CJK SC; Kai: AR PL UKai CN". */
char *
zb_pdf_fonts_describe (ZbPdfFonts *self)
{
  GString *text = g_string_new ("Fonts: ");

  for (ZbPdfFace face = 0; face < ZB_PDF_N_FACES; face++)
    g_string_append_printf (text, "%s%s: %s%s", face > 0 ? "; " : "", face_names[face],
                            self->families[face], self->bold[face] ? " Bold" : "");
  return g_string_free (text, FALSE);
}
