/**
 * Textual IP addresses to bytes without allocating: the query path turns Node's `rinfo.address`
 * (e.g. '192.0.2.1', '2001:db8::1', '::ffff:192.0.2.1', 'fe80::1%eth0') into a caller's scratch
 * buffer. An IPv4-mapped IPv6 address (RFC 4291 2.5.5.2) is an IPv4 client: Node reports one on a
 * dual-stack socket, and geolocation databases file IPv4 networks under their IPv4 form.
 */

/** Writes `text` into `out` (16 bytes or more) and returns its family: 4 (bytes 0-3), 6 (bytes 0-15) or 0 (not an address). */
export function parseAddress(text: string, out: Uint8Array): 0 | 4 | 6 {
  let end = text.length;
  const zone = text.indexOf('%'); // a zone id (fe80::1%eth0) names an interface, not part of the address
  if (zone >= 0) end = zone;
  if (text.indexOf(':') < 0) return parseIPv4(text, 0, end, out, 0) ? 4 : 0;
  if (!parseIPv6(text, end, out)) return 0;
  if (isMappedIPv4(out)) {
    for (let i = 0; i < 4; i++) out[i] = out[12 + i]!;
    return 4;
  }
  return 6;
}

/** Returns whether the 16 bytes of `a` are an IPv4-mapped IPv6 address (::ffff:a.b.c.d). */
export function isMappedIPv4(a: Uint8Array): boolean {
  for (let i = 0; i < 10; i++) if (a[i] !== 0) return false;
  return a[10] === 0xff && a[11] === 0xff;
}

/** Parses dotted-quad text[start, end) into out[at..at+3]; false when it is not one. */
function parseIPv4(text: string, start: number, end: number, out: Uint8Array, at: number): boolean {
  let part = 0;
  let value = 0;
  let digits = 0;
  for (let i = start; i <= end; i++) {
    const c = i === end ? 46 : text.charCodeAt(i);
    if (c === 46) { // '.'
      if (digits === 0 || part > 3) return false;
      out[at + part++] = value;
      value = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && value === 0) return false; // no leading zeros (they read as octal elsewhere)
      value = value * 10 + c - 48;
      if (++digits > 3 || value > 255) return false;
    } else {
      return false;
    }
  }
  return part === 4;
}

/** Parses IPv6 text[0, end) into out[0..15] (RFC 4291 2.2, with a trailing dotted quad); false when it is not one. */
function parseIPv6(text: string, end: number, out: Uint8Array): boolean {
  let groups = 0; // 16-bit groups written
  let gap = -1; // group index where '::' stands
  let i = 0;
  if (end >= 2 && text.charCodeAt(0) === 58 && text.charCodeAt(1) === 58) {
    gap = 0;
    i = 2;
    if (end === 2) return fillGap(out, 0, 0);
  } else if (text.charCodeAt(0) === 58) {
    return false;
  }
  while (i < end) {
    if (groups === 8) return false;
    let value = 0;
    let digits = 0;
    let j = i;
    for (; j < end; j++) {
      const c = text.charCodeAt(j);
      const h = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
      if (h < 0) break;
      value = value * 16 + h;
      if (++digits > 4) return false;
    }
    if (j < end && text.charCodeAt(j) === 46) { // dotted quad: the last 32 bits
      if (groups > 6 || !parseIPv4(text, i, end, out, groups * 2)) return false;
      groups += 2;
      break;
    }
    if (digits === 0) return false;
    out[groups * 2] = value >> 8;
    out[groups * 2 + 1] = value & 0xff;
    groups++;
    if (j === end) break;
    if (text.charCodeAt(j) !== 58) return false;
    if (j + 1 < end && text.charCodeAt(j + 1) === 58) {
      if (gap >= 0) return false;
      gap = groups;
      i = j + 2;
    } else {
      if (j + 1 === end) return false; // a trailing single ':'
      i = j + 1;
    }
  }
  if (gap < 0) return groups === 8;
  if (groups === 8) return false; // '::' must stand for at least one group
  return fillGap(out, gap, groups);
}

/** Moves the groups after the '::' at `gap` to the end of the address and zeroes the gap. */
function fillGap(out: Uint8Array, gap: number, groups: number): boolean {
  const tail = (groups - gap) * 2;
  const from = gap * 2;
  for (let k = tail - 1; k >= 0; k--) out[16 - tail + k] = out[from + k]!;
  for (let k = from; k < 16 - tail; k++) out[k] = 0;
  return true;
}

/** Returns the textual form of family-`family` bytes (for database readers; allocates). */
export function formatAddress(family: 4 | 6, a: Uint8Array): string {
  if (family === 4) return `${a[0]}.${a[1]}.${a[2]}.${a[3]}`;
  let s = '';
  for (let i = 0; i < 16; i += 2) s += (i ? ':' : '') + ((a[i]! << 8) | a[i + 1]!).toString(16);
  return s;
}
