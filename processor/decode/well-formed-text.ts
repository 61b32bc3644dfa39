/**
 * Lone UTF-16 surrogates: JSON may carry one escaped (`"\ud800"`), JSON.parse accepts it, but no
 * Parquet or JSON reader downstream does. Node 20 has the ES2024 string methods for this; the
 * TypeScript lib is kept at ES2023 so nothing newer than Node 20 slips in, hence the declaration.
 */
declare global {
  interface String {
    isWellFormed(): boolean;
    toWellFormed(): string;
  }
}

/** The text with every lone surrogate replaced by U+FFFD; `onRepair` is called when one was. */
export function wellFormedText(text: string, onRepair: () => void): string {
  if (text.isWellFormed()) return text;
  onRepair();
  return text.toWellFormed();
}
