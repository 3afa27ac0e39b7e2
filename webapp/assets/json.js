/** The JSON object a server sent as text, or null for anything else (binary, broken JSON). */
export function parseJson(text) {
  try {
    return typeof text === 'string' ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}
