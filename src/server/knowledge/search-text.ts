/**
 * Search works on text folded in TypeScript (lower case, accents removed), because PGlite has no
 * `unaccent`: the same folding is applied to what is indexed and to what is asked, so "cafetera"
 * finds "Cafetéra" on PGlite and PostgreSQL alike, with the built-in 'simple' configuration.
 */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** Markdown reduced to its words: link targets, markup and code fences do not make an article match. */
export function markdownWords(markdown: string): string {
  return markdown
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/[#*_`>[\]()|~-]+/g, ' ');
}

/** Every word of the query as a prefix, all required; null when nothing searchable is left. */
export function toPrefixQuery(query: string): string | null {
  const words = foldText(query).match(/[\p{L}\p{N}]+/gu) ?? [];
  const unique = [...new Set(words)].slice(0, 8);
  return unique.length > 0 ? unique.map((w) => `${w}:*`).join(' & ') : null;
}
