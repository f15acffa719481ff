/**
 * Finding partners named on more than one row. Names compare trimmed, in any case, with runs of
 * whitespace as one space. A register has up to 100,000+ names: a Map of lower-cased copies cost
 * half of JSON.stringify of the whole sheet (a new string per name, hashed and kept), so names are
 * hashed in place into a typed-array table, and only names whose hashes meet are compared as text.
 */

const SPACING_TO_NORMALISE = /\s\s|[^\S ]/;

/** How names are compared: trimmed, lower case, single spaces. */
export function nameKey(name: string): string {
  const key = name.trim().toLowerCase();
  return SPACING_TO_NORMALISE.test(key) ? key.replace(/\s+/g, " ") : key;
}

/** Whitespace as /\s/ and trim() see it, among the first 256 characters. */
function isLatin1Space(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 0xa0;
}

/**
 * A 32-bit hash of nameKey(name), without building it. Latin-1 text (ASCII and West-European
 * letters such as ö and Ü) is normalised while hashing; a name with any other character is hashed
 * through nameKey (whose Unicode case and spacing rules the loop below does not know), so equal
 * keys always hash alike. The analysis hashes each name while its row is read, when the text is
 * still in the CPU cache.
 */
export function nameHash(name: string): number {
  const hash = hashLatin1(name);
  return hash === NON_LATIN1 ? hashRaw(nameKey(name)) : hash;
}

const NON_LATIN1 = -1;
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** FNV-1a over the name as nameKey would write it; NON_LATIN1 when a character is beyond Latin-1. */
function hashLatin1(name: string): number {
  let hash = FNV_OFFSET;
  let pendingSpace = false;
  let started = false;
  for (let i = 0; i < name.length; i++) {
    let code = name.charCodeAt(i);
    // Printable ASCII first: nearly every character of a name.
    if (code > 32 && code < 127) {
      if (code <= 90 && code >= 65) code |= 0x20;
    } else if (isLatin1Space(code)) {
      pendingSpace = started;
      continue;
    } else if (code >= 256) {
      return NON_LATIN1;
    } else if (code >= 0xc0 && code <= 0xde && code !== 0xd7) {
      // À–Þ (but ×) are their small letter minus 0x20, as A–Z are.
      code |= 0x20;
    }
    if (pendingSpace) {
      hash = Math.imul(hash ^ 32, FNV_PRIME);
      pendingSpace = false;
    }
    hash = Math.imul(hash ^ code, FNV_PRIME);
    started = true;
  }
  // Never NON_LATIN1 itself: that value means "hash the key instead".
  return hash === NON_LATIN1 ? 0 : hash;
}

/** FNV-1a over an already normalised key (the same steps as hashLatin1 on Latin-1 text). */
function hashRaw(key: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), FNV_PRIME);
  return hash === NON_LATIN1 ? 0 : hash;
}

/** nameKey(a) === nameKey(b); most repeated names are typed alike, which needs no copies. */
function sameKey(a: string, b: string): boolean {
  return a === b || nameKey(a) === nameKey(b);
}

/**
 * Scratch arrays kept between calls: a new table and lists for 100,000 names are 3 MB outside the
 * JS heap per analysis, whose allocation the garbage collector counts against the next collection.
 */
const scratch: Int32Array[] = [];

function zeroedScratch(which: number, length: number): Int32Array {
  const kept = scratch[which];
  if (kept === undefined || kept.length < length) return (scratch[which] = new Int32Array(length));
  const view = kept.subarray(0, length);
  view.fill(0);
  return view;
}

/**
 * The indices of names that occur more than once, grouped per name: each group lists its indices
 * in order, and groups come in the order of their first index (as a user reads the sheet).
 * `hashes[i]`, when given, is nameHash(names[i]).
 */
export function repeatedNames(names: readonly string[], hashes?: Int32Array): number[][] {
  const count = names.length;
  let capacity = 16;
  while (capacity < count * 2) capacity *= 2;
  const mask = capacity - 1;
  // Per slot, side by side: 1 + the index of the first name with that key (0 = empty), and its hash.
  const slots = zeroedScratch(0, capacity * 2);
  // Each group is a list threaded through typed arrays (1 + index, 0 = none): no Map or array per
  // group while 100,000 names are added.
  const next = zeroedScratch(1, count);
  const last = zeroedScratch(2, count);
  for (let i = 0; i < count; i++) {
    const name = names[i];
    const hash = hashes ? hashes[i] : nameHash(name);
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const held = slots[2 * slot];
      if (held === 0) {
        slots[2 * slot] = i + 1;
        slots[2 * slot + 1] = hash;
        break;
      }
      if (slots[2 * slot + 1] === hash && sameKey(names[held - 1], name)) {
        const first = held - 1;
        next[last[first] === 0 ? first : last[first] - 1] = i + 1;
        last[first] = i + 1;
        break;
      }
    }
  }
  const groups: number[][] = [];
  for (let first = 0; first < count; first++) {
    if (last[first] === 0) continue;
    const group = [first];
    for (let member = next[first]; member !== 0; member = next[member - 1]) group.push(member - 1);
    groups.push(group);
  }
  return groups;
}
