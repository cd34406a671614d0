package com.callcentre.events.replay.output;

/** How rows are printed. */
public enum Format {
  /** An aligned table for people (the default). */
  TABLE,
  /** One JSON object per line, every field, for jq and scripts. */
  JSON,
  /** Comma-separated, header first, every field, for spreadsheets. */
  CSV
}
