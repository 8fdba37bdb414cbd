/**
 * The sag read models are one projection: summaries, meetings and the
 * decision log all derive from the same per-sag records, so they share one
 * pass over the log and one checkpoint. Raise `version` whenever the rows it
 * writes change meaning or shape: a projector meeting an older live version
 * builds the new one beside it from position 0 and swaps when caught up.
 */
export const SAG_READ_MODEL = { name: 'sag-read-model', version: 4 } as const;
