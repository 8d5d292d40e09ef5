import { useEffect, useState } from 'preact/hooks';

/** The SVG path of a QR matrix: one 1×1 square per dark module, offset by the quiet zone. */
export function qrPath(matrix: boolean[][]): string {
  const parts: string[] = [];
  matrix.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) parts.push(`M${x} ${y}h1v1h-1z`);
    });
  });
  return parts.join('');
}

interface QrMatrix {
  size: number;
  data: boolean[][];
}

/**
 * A QR code drawn as SVG elements (no innerHTML, so the extension's CSP stays strict). Always
 * dark on white, whatever the theme: scanners expect it. The encoder (uqr, ~4 KB gz) loads on
 * first use: only TOTP setup and an export draw a QR, so the popup's first paint does not carry
 * it (issue 8). The labelled image is there at once; its modules follow a moment later.
 */
export function QrCode({ text, label }: { text: string; label: string }) {
  const [qr, setQr] = useState<QrMatrix>();
  useEffect(() => {
    let live = true;
    import('uqr')
      .then(({ encode }) => {
        if (live) setQr(encode(text, { ecc: 'M', border: 2 }));
      })
      // The key to type by hand is shown next to the code, so a failed load loses nothing.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [text]);
  const size = qr?.size ?? 1;
  return (
    <svg
      class="qr"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${String(size)} ${String(size)}`}
      width={176}
      height={176}
      shape-rendering="crispEdges"
    >
      <rect width={size} height={size} fill="#ffffff" />
      {qr && <path d={qrPath(qr.data)} fill="#000000" />}
    </svg>
  );
}
