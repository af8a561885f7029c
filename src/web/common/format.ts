/** Groups a reference in fours from the left (`12345678` → `1234 5678`) so it can be read aloud. */
export function groupReference(reference: string): string {
  const digits = reference.replace(/\D/g, '');
  if (digits.length !== reference.length) return reference;
  return digits.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** A readable name for a raw machine value such as `washing_machine`, used only when no label exists. */
export function humanize(value: string): string {
  const spaced = value.replace(/_/g, ' ').trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
