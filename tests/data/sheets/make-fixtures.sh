#!/bin/sh
# Makes roster.xlsx and roster.xls from roster.csv with LibreOffice, as an
# office would save its roster; test-sheets imports all three and expects the
# same people. Run from this folder; commit the results.
#
# The CSV import filter's options (--infilter): comma-separated, double-quoted,
# UTF-8 (76), from line 1, column 3 (公民身份号码) as text ("3/2", else Calc
# would store the ID numbers as numbers and keep 15 of their 18 digits), and
# "detect special numbers" on, so the dates become date cells (serial numbers
# in a date format) and the phones numbers, which the readers must handle.
# A fresh profile keeps the user's settings out of it.
#
# Copyright 2026 The Zhibu authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
for format in xlsx xls; do
  soffice --headless -env:UserInstallation="file://$profile" \
    --infilter="CSV:44,34,76,1,3/2,,false,true" \
    --convert-to "$format" --outdir . roster.csv
done
