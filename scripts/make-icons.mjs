// Renders the toolbar icon (a key inside a rounded square) into public/icon/<size>.png.
// Pure Node (zlib) so it runs anywhere; 4x4 supersampling for smooth edges.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const SIZES = [16, 32, 48, 96, 128];
const OUT = path.resolve('public/icon');

function coverage(x, y) {
  // Shapes in a unit square. Returns [r, g, b, a] for the sample point.
  const inRoundedSquare = (() => {
    const r = 0.22,
      m = 0.02;
    const cx = Math.min(Math.max(x, m + r), 1 - m - r);
    const cy = Math.min(Math.max(y, m + r), 1 - m - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r && x >= m && x <= 1 - m && y >= m && y <= 1 - m;
  })();
  if (!inRoundedSquare) return [0, 0, 0, 0];
  // Key: a ring (bow) and a shaft with two teeth, white on the accent gradient.
  const bowX = 0.36,
    bowY = 0.5,
    outer = 0.17,
    inner = 0.075;
  const d = Math.hypot(x - bowX, y - bowY);
  const bow = d <= outer && d >= inner;
  const shaft = x >= bowX + outer - 0.02 && x <= 0.84 && Math.abs(y - bowY) <= 0.045;
  const tooth1 = x >= 0.66 && x <= 0.72 && y >= bowY && y <= bowY + 0.16;
  const tooth2 = x >= 0.77 && x <= 0.84 && y >= bowY && y <= bowY + 0.12;
  if (bow || shaft || tooth1 || tooth2) return [255, 255, 255, 255];
  const t = (x + y) / 2;
  return [
    Math.round(0x2b + (0x55 - 0x2b) * t),
    Math.round(0x44 + (0x7c - 0x44) * t),
    Math.round(0xc9 + (0xf2 - 0xc9) * t),
    255,
  ];
}

function render(size) {
  const ss = 4;
  const rows = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let px = 0; px < size; px++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < ss; sy++)
        for (let sx = 0; sx < ss; sx++) {
          const [cr, cg, cb, ca] = coverage(
            (px + (sx + 0.5) / ss) / size,
            (py + (sy + 0.5) / ss) / size,
          );
          r += cr * ca;
          g += cg * ca;
          b += cb * ca;
          a += ca;
        }
      const o = 1 + px * 4;
      row[o] = a ? Math.round(r / a) : 0;
      row[o + 1] = a ? Math.round(g / a) : 0;
      row[o + 2] = a ? Math.round(b / a) : 0;
      row[o + 3] = Math.round(a / (ss * ss));
    }
    rows.push(row);
  }
  return png(size, size, Buffer.concat(rows));
}

function png(w, h, raw) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  ihdr[10] = 0;
  ihdr[11] = 0;
  ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

fs.mkdirSync(OUT, { recursive: true });
for (const size of SIZES) fs.writeFileSync(path.join(OUT, `${size}.png`), render(size));
console.log(`icons written: ${SIZES.join(', ')}`);
