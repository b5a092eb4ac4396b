// How deeply JSON text nests, counted without parsing it. JSON.parse of a few megabytes nested a
// million levels deep holds the event loop for most of a second (and what is built after it
// recurses as deep), so servers that take JSON from outside refuse such text before parsing it.

/** Whether arrays and objects in JSON text nest deeper than `max` (brackets inside strings do not count). */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      if (++depth > max) return true;
    } else if (c === ']' || c === '}') depth--;
  }
  return false;
}
