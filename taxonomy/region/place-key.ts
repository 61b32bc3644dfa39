/**
 * The lookup key of a place name: lower case, accents kept (they are in the data), dots dropped
 * ("U.S.", "D.C."), hyphens and whitespace runs as one space, and a leading "the" dropped
 * ("the Netherlands").
 */
export function placeKey(name: string): string {
  return name.toLowerCase().replace(/\./g, '').replace(/[\s\-_]+/g, ' ').trim().replace(/^the /, '');
}

/** The same key with accents removed, for matching "Zurich" to "Zürich" and the like. */
export function plainPlaceKey(name: string): string {
  return placeKey(name).normalize('NFD').replace(/\p{M}+/gu, '');
}
