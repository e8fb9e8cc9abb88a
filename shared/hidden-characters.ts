// Characters a terminal acts on or reorders instead of showing, beyond the C0 controls: DEL, the C1
// controls (U+009B is CSI), the bidi marks, embeddings, overrides and isolates (U+061C, U+200E–U+200F,
// U+202A–U+202E, U+2066–U+2069), the line and paragraph separators (U+2028–U+2029) and the BOM, which
// shows as nothing. Text from a request is printed with these escaped (Copy as curl, serve's lines);
// each printer adds the C0 controls it must escape, as a character-class fragment.
export const HIDDEN_ABOVE_C0 = '\\x7f-\\x9f\\u061c\\u200e\\u200f\\u2028-\\u202e\\u2066-\\u2069\\ufeff';

/** A regular expression of HIDDEN_ABOVE_C0 plus the given C0 range(s) and any other characters. */
export function hiddenCharacters(extra: string, flags = ''): RegExp {
  return new RegExp(`[${extra}${HIDDEN_ABOVE_C0}]`, flags);
}
