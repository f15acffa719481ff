/**
 * Draws the add-in's icon — a scatter of partner dots with a rising ambition line on a rounded
 * square — at every size the manifest and AppSource ask for, and writes them to assets/.
 * Pure geometry in a unit square, supersampled for smooth edges: the same input always gives the
 * same pixels, so rerunning the script leaves the committed PNGs unchanged.
 *
 * Run: npx tsx scripts/make-icons.ts
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { PNG } from "pngjs";

/** 16/32/80: ribbon button; 32/64: IconUrl/HighResolutionIconUrl; 128: AppSource listing. */
export const ICON_SIZES = [16, 32, 64, 80, 128] as const;

type Rgba = readonly [number, number, number, number];

const BACKGROUND: Rgba = [15, 108, 189, 255]; // Fluent brand blue, readable on light and dark ribbons
const DOT: Rgba = [255, 255, 255, 255];
const LINE: Rgba = [255, 185, 0, 255]; // amber, so the line stands apart from the dots

const CORNER_RADIUS = 0.2;
const LINE_FROM = { x: 0.16, y: 0.8 };
const LINE_TO = { x: 0.84, y: 0.2 };
const LINE_HALF_WIDTH = 0.045;
const DOT_RADIUS = 0.085;
/** Partners: some above the ambition line, some below, as a register would show them. */
const DOTS = [
  { x: 0.28, y: 0.42 },
  { x: 0.5, y: 0.3 },
  { x: 0.38, y: 0.74 },
  { x: 0.66, y: 0.7 },
  { x: 0.76, y: 0.5 },
];
/** Samples per pixel edge; 4×4 keeps 16 px edges smooth without blurring the dots away. */
const SUPERSAMPLE = 4;

function insideRoundedSquare(x: number, y: number): boolean {
  if (x < 0 || x > 1 || y < 0 || y > 1) return false;
  const cx = Math.min(Math.max(x, CORNER_RADIUS), 1 - CORNER_RADIUS);
  const cy = Math.min(Math.max(y, CORNER_RADIUS), 1 - CORNER_RADIUS);
  return (x - cx) ** 2 + (y - cy) ** 2 <= CORNER_RADIUS ** 2;
}

function distanceToSegment(x: number, y: number): number {
  const dx = LINE_TO.x - LINE_FROM.x;
  const dy = LINE_TO.y - LINE_FROM.y;
  const along = Math.min(1, Math.max(0, ((x - LINE_FROM.x) * dx + (y - LINE_FROM.y) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (LINE_FROM.x + along * dx), y - (LINE_FROM.y + along * dy));
}

/** The colour at a point of the unit square (y grows downwards), painted back to front. */
function colourAt(x: number, y: number): Rgba {
  if (!insideRoundedSquare(x, y)) return [0, 0, 0, 0];
  if (DOTS.some((dot) => Math.hypot(x - dot.x, y - dot.y) <= DOT_RADIUS)) return DOT;
  if (distanceToSegment(x, y) <= LINE_HALF_WIDTH) return LINE;
  return BACKGROUND;
}

/** RGBA pixels of the icon at `size` × `size`, averaged over SUPERSAMPLE² samples per pixel. */
export function renderIcon(size: number): PNG {
  const png = new PNG({ width: size, height: size });
  const samples = SUPERSAMPLE * SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const [cr, cg, cb, ca] = colourAt((px + (sx + 0.5) / SUPERSAMPLE) / size, (py + (sy + 0.5) / SUPERSAMPLE) / size);
          // Premultiply so transparent samples do not darken the edge colour.
          r += cr * ca; g += cg * ca; b += cb * ca; a += ca;
        }
      }
      const offset = (py * size + px) * 4;
      png.data[offset] = a === 0 ? 0 : Math.round(r / a);
      png.data[offset + 1] = a === 0 ? 0 : Math.round(g / a);
      png.data[offset + 2] = a === 0 ? 0 : Math.round(b / a);
      png.data[offset + 3] = Math.round(a / samples);
    }
  }
  return png;
}

export function iconFileName(size: number): string {
  return `icon-${size}.png`;
}

function main(): void {
  const outDir = resolve(__dirname, "..", "assets");
  mkdirSync(outDir, { recursive: true });
  for (const size of ICON_SIZES) {
    const file = join(outDir, iconFileName(size));
    writeFileSync(file, PNG.sync.write(renderIcon(size), { colorType: 6 }));
    console.log(`wrote ${file}`);
  }
}

if (require.main === module) main();
