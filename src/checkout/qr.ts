/**
 * A small QR Code encoder (ISO/IEC 18004): byte mode, error-correction level M, versions 1–10
 * (up to 213 bytes). The checkout shows a UPI intent QR with it, and Tijori must work offline, so
 * the code is drawn here rather than by an online service. Output is an SVG string.
 *
 * Invariant: the matrix is a valid QR symbol — function patterns, format and version information,
 * Reed–Solomon codewords and the mask with the lowest penalty, as the standard prescribes.
 */

/** Per version (index 1–10), level M: [EC codewords per block, group-1 blocks, their data codewords, group-2 blocks, theirs]. */
const BLOCKS_M: readonly (readonly [number, number, number, number, number])[] = [
  [0, 0, 0, 0, 0],
  [10, 1, 16, 0, 0],
  [16, 1, 28, 0, 0],
  [26, 1, 44, 0, 0],
  [18, 2, 32, 0, 0],
  [24, 2, 43, 0, 0],
  [16, 4, 27, 0, 0],
  [18, 4, 31, 0, 0],
  [22, 2, 38, 2, 39],
  [22, 3, 36, 2, 37],
  [26, 4, 43, 1, 44],
]

const ALIGNMENT: readonly (readonly number[])[] = [
  [],
  [],
  [6, 18],
  [6, 22],
  [6, 26],
  [6, 30],
  [6, 34],
  [6, 22, 38],
  [6, 24, 42],
  [6, 26, 46],
  [6, 28, 50],
]

// GF(256) with the QR polynomial x^8 + x^4 + x^3 + x^2 + 1.
const EXP = new Uint8Array(512)
const LOG = new Uint8Array(256)
{
  let x = 1
  for (let i = 0; i < 255; i++) {
    EXP[i] = x
    LOG[x] = i
    x <<= 1
    if (x & 0x100) x ^= 0x11d
  }
  for (let i = 255; i < 512; i++) EXP[i] = EXP[i - 255]
}

const mul = (a: number, b: number): number => (a === 0 || b === 0 ? 0 : EXP[LOG[a] + LOG[b]])

/** Coefficients of ∏(x − αⁱ), i < degree, highest power first (leading 1 included). */
function generator(degree: number): number[] {
  let poly = [1]
  for (let i = 0; i < degree; i++) {
    const next = new Array<number>(poly.length + 1).fill(0)
    for (let j = 0; j < poly.length; j++) {
      next[j] ^= poly[j]
      next[j + 1] ^= mul(poly[j], EXP[i])
    }
    poly = next
  }
  return poly
}

function ecCodewords(data: number[], degree: number): number[] {
  const gen = generator(degree)
  const rem = new Array<number>(degree).fill(0)
  for (const b of data) {
    const factor = b ^ (rem.shift() as number)
    rem.push(0)
    for (let j = 0; j < degree; j++) rem[j] ^= mul(gen[j + 1], factor)
  }
  return rem
}

function dataCapacity(version: number): number {
  const [, b1, d1, b2, d2] = BLOCKS_M[version]
  return b1 * d1 + b2 * d2
}

/** The data codewords (mode, count, bytes, terminator, padding) of the smallest version that fits. */
function encodeData(bytes: Uint8Array): { version: number; codewords: number[] } {
  let version = 1
  const bitsNeeded = (v: number) => 4 + (v < 10 ? 8 : 16) + bytes.length * 8
  while (version <= 10 && bitsNeeded(version) > dataCapacity(version) * 8) version++
  if (version > 10) throw new RangeError(`QR payload too long: ${bytes.length} bytes (at most 213)`)
  const bits: number[] = []
  const put = (value: number, length: number) => {
    for (let i = length - 1; i >= 0; i--) bits.push((value >>> i) & 1)
  }
  put(0b0100, 4)
  put(bytes.length, version < 10 ? 8 : 16)
  for (const b of bytes) put(b, 8)
  const capacityBits = dataCapacity(version) * 8
  put(0, Math.min(4, capacityBits - bits.length))
  while (bits.length % 8 !== 0) bits.push(0)
  const codewords: number[] = []
  for (let i = 0; i < bits.length; i += 8) codewords.push(parseInt(bits.slice(i, i + 8).join(''), 2))
  for (let pad = 0xec; codewords.length < dataCapacity(version); pad ^= 0xec ^ 0x11) codewords.push(pad)
  return { version, codewords }
}

/** Splits into blocks, appends each block's EC codewords, and interleaves them. */
function interleave(version: number, data: number[]): number[] {
  const [ec, b1, d1, b2, d2] = BLOCKS_M[version]
  const blocks: number[][] = []
  let at = 0
  for (let i = 0; i < b1 + b2; i++) {
    const len = i < b1 ? d1 : d2
    blocks.push(data.slice(at, at + len))
    at += len
  }
  const ecs = blocks.map((b) => ecCodewords(b, ec))
  const out: number[] = []
  for (let i = 0; i < Math.max(d1, d2); i++) for (const b of blocks) if (i < b.length) out.push(b[i])
  for (let i = 0; i < ec; i++) for (const e of ecs) out.push(e[i])
  return out
}

const MASKS: readonly ((x: number, y: number) => boolean)[] = [
  (x, y) => (x + y) % 2 === 0,
  (_x, y) => y % 2 === 0,
  (x) => x % 3 === 0,
  (x, y) => (x + y) % 3 === 0,
  (x, y) => (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0,
  (x, y) => ((x * y) % 2) + ((x * y) % 3) === 0,
  (x, y) => (((x * y) % 2) + ((x * y) % 3)) % 2 === 0,
  (x, y) => (((x + y) % 2) + ((x * y) % 3)) % 2 === 0,
]

class Matrix {
  readonly size: number
  readonly dark: boolean[][]
  readonly fixed: boolean[][]

  constructor(readonly version: number) {
    this.size = 17 + 4 * version
    this.dark = Array.from({ length: this.size }, () => new Array<boolean>(this.size).fill(false))
    this.fixed = Array.from({ length: this.size }, () => new Array<boolean>(this.size).fill(false))
  }

  set(x: number, y: number, dark: boolean): void {
    this.dark[y][x] = dark
    this.fixed[y][x] = true
  }

  drawFunctionPatterns(): void {
    const n = this.size
    for (let i = 0; i < n; i++) {
      this.set(6, i, i % 2 === 0)
      this.set(i, 6, i % 2 === 0)
    }
    for (const [cx, cy] of [[3, 3], [n - 4, 3], [3, n - 4]]) {
      for (let dy = -4; dy <= 4; dy++)
        for (let dx = -4; dx <= 4; dx++) {
          const x = cx + dx
          const y = cy + dy
          const dist = Math.max(Math.abs(dx), Math.abs(dy))
          if (x >= 0 && x < n && y >= 0 && y < n) this.set(x, y, dist !== 2 && dist !== 4)
        }
    }
    const pos = ALIGNMENT[this.version]
    const last = pos.length - 1
    for (let i = 0; i < pos.length; i++)
      for (let j = 0; j < pos.length; j++) {
        if ((i === 0 && j === 0) || (i === 0 && j === last) || (i === last && j === 0)) continue
        for (let dy = -2; dy <= 2; dy++)
          for (let dx = -2; dx <= 2; dx++) this.set(pos[i] + dx, pos[j] + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1)
      }
    this.drawFormat(0)
    if (this.version >= 7) {
      let rem = this.version
      for (let i = 0; i < 12; i++) rem = (rem << 1) ^ ((rem >>> 11) * 0x1f25)
      const bits = (this.version << 12) | rem
      for (let i = 0; i < 18; i++) {
        const bit = ((bits >>> i) & 1) === 1
        const a = n - 11 + (i % 3)
        const b = Math.floor(i / 3)
        this.set(a, b, bit)
        this.set(b, a, bit)
      }
    }
  }

  /** Format information for level M (00) and this mask, both copies, plus the dark module. */
  drawFormat(mask: number): void {
    const data = mask // (M = 0b00) << 3 | mask
    let rem = data
    for (let i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >>> 9) * 0x537)
    const bits = ((data << 10) | rem) ^ 0x5412
    const bit = (i: number) => ((bits >>> i) & 1) === 1
    const n = this.size
    for (let i = 0; i <= 5; i++) this.set(8, i, bit(i))
    this.set(8, 7, bit(6))
    this.set(8, 8, bit(7))
    this.set(7, 8, bit(8))
    for (let i = 9; i < 15; i++) this.set(14 - i, 8, bit(i))
    for (let i = 0; i < 8; i++) this.set(n - 1 - i, 8, bit(i))
    for (let i = 8; i < 15; i++) this.set(8, n - 15 + i, bit(i))
    this.set(8, n - 8, true)
  }

  drawCodewords(codewords: number[]): void {
    const n = this.size
    let i = 0
    for (let right = n - 1; right >= 1; right -= 2) {
      if (right === 6) right = 5
      for (let vert = 0; vert < n; vert++)
        for (let j = 0; j < 2; j++) {
          const x = right - j
          const upward = ((right + 1) & 2) === 0
          const y = upward ? n - 1 - vert : vert
          if (!this.fixed[y][x] && i < codewords.length * 8) {
            this.dark[y][x] = ((codewords[i >>> 3] >>> (7 - (i & 7))) & 1) === 1
            i++
          }
        }
    }
  }

  applyMask(mask: number): void {
    const f = MASKS[mask]
    for (let y = 0; y < this.size; y++)
      for (let x = 0; x < this.size; x++) if (!this.fixed[y][x] && f(x, y)) this.dark[y][x] = !this.dark[y][x]
  }

  penalty(): number {
    const n = this.size
    const m = this.dark
    let score = 0
    const line = (get: (i: number) => boolean) => {
      let run = 1
      for (let i = 1; i <= n; i++) {
        if (i < n && get(i) === get(i - 1)) run++
        else {
          if (run >= 5) score += 3 + (run - 5)
          run = 1
        }
      }
      const pattern = [true, false, true, true, true, false, true]
      for (let i = 0; i + 7 <= n; i++) {
        if (!pattern.every((p, k) => get(i + k) === p)) continue
        const lightBefore = [1, 2, 3, 4].every((k) => i - k < 0 || !get(i - k))
        const lightAfter = [0, 1, 2, 3].every((k) => i + 7 + k >= n || !get(i + 7 + k))
        if (lightBefore || lightAfter) score += 40
      }
    }
    for (let y = 0; y < n; y++) line((x) => m[y][x])
    for (let x = 0; x < n; x++) line((y) => m[y][x])
    for (let y = 0; y < n - 1; y++)
      for (let x = 0; x < n - 1; x++) {
        const c = m[y][x]
        if (c === m[y][x + 1] && c === m[y + 1][x] && c === m[y + 1][x + 1]) score += 3
      }
    let dark = 0
    for (const row of m) for (const c of row) if (c) dark++
    const total = n * n
    score += (Math.ceil(Math.abs(dark * 20 - total * 10) / total) - 1) * 10
    return score
  }
}

/** The QR matrix (true = dark), rows top to bottom, without the quiet zone. */
export function qrMatrix(text: string): boolean[][] {
  const { version, codewords } = encodeData(new TextEncoder().encode(text))
  const matrix = new Matrix(version)
  matrix.drawFunctionPatterns()
  matrix.drawCodewords(interleave(version, codewords))
  let best = 0
  let bestScore = Infinity
  for (let mask = 0; mask < 8; mask++) {
    matrix.applyMask(mask)
    matrix.drawFormat(mask)
    const score = matrix.penalty()
    if (score < bestScore) {
      best = mask
      bestScore = score
    }
    matrix.applyMask(mask) // XOR again undoes it
  }
  matrix.applyMask(best)
  matrix.drawFormat(best)
  return matrix.dark
}

/** An SVG of the QR code with the standard 4-module quiet zone; `title` labels it for screen readers. */
export function qrSvg(text: string, title: string): string {
  const m = qrMatrix(text)
  const size = m.length + 8
  let path = ''
  m.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) path += `M${x + 4} ${y + 4}h1v1h-1z`
    }),
  )
  const esc = title.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string)
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" role="img" aria-label="${esc}" shape-rendering="crispEdges">` +
    `<title>${esc}</title><rect width="${size}" height="${size}" fill="#fff"/><path fill="#000" d="${path}"/></svg>`
  )
}
