/**
 * Greedy label placement: each label tries candidate positions around its marker, nearest ring
 * first, and takes the first that collides with no marker, no placed label and stays inside the
 * bounds. Labels placed beyond the first ring get a leader line. Labels that fit nowhere are
 * reported, not drawn on top of others.
 */

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LabelRequest {
  id: number;
  /** Marker centre and radius in px. */
  cx: number;
  cy: number;
  radius: number;
  width: number;
  height: number;
}

export interface PlacedLabel {
  id: number;
  box: Box;
  /** Whether the label sits away from its marker and needs a leader line. */
  leader: boolean;
}

const GAP = 3;
const RINGS = [0, 8, 18, 30, 44, 60, 80, 104];
// Preferred directions: right, left, above-right, below-right, above-left, below-left, above, below.
const DIRECTIONS: [number, number][] = [
  [1, 0],
  [-1, 0],
  [1, -1],
  [1, 1],
  [-1, -1],
  [-1, 1],
  [0, -1],
  [0, 1],
];

/** Boxes bucketed by a coarse grid, so a collision check looks only at nearby boxes. */
class BoxGrid {
  private readonly cells = new Map<string, Box[]>();
  constructor(private readonly size = 40) {}

  private keys(box: Box): string[] {
    const keys: string[] = [];
    for (let gx = Math.floor(box.x / this.size); gx <= Math.floor((box.x + box.width) / this.size); gx++)
      for (let gy = Math.floor(box.y / this.size); gy <= Math.floor((box.y + box.height) / this.size); gy++) keys.push(`${gx},${gy}`);
    return keys;
  }

  add(box: Box): void {
    for (const key of this.keys(box)) {
      const list = this.cells.get(key);
      if (list) list.push(box);
      else this.cells.set(key, [box]);
    }
  }

  /** The boxes in the grid cells `box` touches (a superset of those overlapping it). */
  near(box: Box): Box[] {
    const seen = new Set<Box>();
    for (const key of this.keys(box)) for (const o of this.cells.get(key) ?? []) seen.add(o);
    return [...seen];
  }

  hits(box: Box): boolean {
    return this.keys(box).some((key) => this.cells.get(key)?.some((o) => overlaps(box, o)) ?? false);
  }
}

export function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function inside(box: Box, bounds: Box): boolean {
  return box.x >= bounds.x && box.y >= bounds.y && box.x + box.width <= bounds.x + bounds.width && box.y + box.height <= bounds.y + bounds.height;
}

/** The label box for a marker, a direction and an extra distance. */
function candidate(req: LabelRequest, [dx, dy]: [number, number], ring: number, shift: number): Box {
  const offset = req.radius + GAP + ring;
  const cx = req.cx + dx * offset;
  const cy = req.cy + dy * offset;
  const x = (dx > 0 ? cx : dx < 0 ? cx - req.width : cx - req.width / 2) + (dx === 0 ? shift * req.width * 0.5 : 0);
  const y = (dy > 0 ? cy : dy < 0 ? cy - req.height : cy - req.height / 2) + (dy === 0 ? shift * req.height * 0.6 : 0);
  return { x, y, width: req.width, height: req.height };
}

/** Straight-side candidates also slide a little along their side. */
const SHIFTS = [0, -1, 1];
/** Crossing a line is as bad as moving the label two rings further out. */
const SOFT_COST = 2.5;
/** A label nearer to another marker than to its own reads as that marker's name. */
const AMBIGUOUS_COST = 1.5;

function distanceToBox(x: number, y: number, box: Box): number {
  const dx = Math.max(box.x - x, 0, x - (box.x + box.width));
  const dy = Math.max(box.y - y, 0, y - (box.y + box.height));
  return Math.hypot(dx, dy);
}

function closerToAnotherMarker(box: Box, req: LabelRequest, markers: BoxGrid): boolean {
  const own = distanceToBox(req.cx, req.cy, box) - req.radius;
  const reach = Math.max(0, own) + 40;
  const around = { x: box.x - reach, y: box.y - reach, width: box.width + 2 * reach, height: box.height + 2 * reach };
  return markers.near(around).some((m) => {
    const cx = m.x + m.width / 2;
    const cy = m.y + m.height / 2;
    if (Math.abs(cx - req.cx) < 0.5 && Math.abs(cy - req.cy) < 0.5) return false;
    return distanceToBox(cx, cy, box) - m.width / 2 < own - 1;
  });
}

/**
 * `obstacles` are never covered (markers, arrows); `softObstacles` (lines) are avoided when some
 * candidate allows it, else ignored.
 */
export function placeLabels(
  requests: LabelRequest[],
  markers: Box[],
  bounds: Box,
  fixedObstacles: Box[] = [],
  softObstacles: Box[] = [],
): { placed: PlacedLabel[]; unplaced: number[] } {
  const obstacles = new BoxGrid();
  for (const box of [...markers, ...fixedObstacles]) obstacles.add(box);
  const soft = new BoxGrid();
  for (const box of softObstacles) soft.add(box);
  const markerGrid = new BoxGrid(60);
  for (const box of markers) markerGrid.add(box);
  const placed: PlacedLabel[] = [];
  const unplaced: number[] = [];
  // Crowded markers first: they have the fewest free spots, loners can go anywhere.
  const centres = new BoxGrid(60);
  for (const r of requests) {
    const box = { x: r.cx, y: r.cy, width: 0, height: 0 };
    centres.add(box);
  }
  const crowding = new Map(
    requests.map((r) => [r, centres.near({ x: r.cx - 60, y: r.cy - 60, width: 120, height: 120 }).filter((b) => Math.hypot(b.x - r.cx, b.y - r.cy) < 60).length]),
  );
  const order = [...requests].sort((a, b) => crowding.get(b)! - crowding.get(a)! || a.id - b.id);
  for (const req of order) {
    // Cheapest free candidate: nearer rings first; crossing a line costs as much as two rings.
    let found = null as PlacedLabel | null;
    let bestCost = Infinity;
    RINGS.forEach((ring, ringIndex) => {
      if (ringIndex > bestCost) return;
      DIRECTIONS.forEach((direction, directionIndex) => {
        for (const shift of SHIFTS) {
          if (shift !== 0 && direction[0] !== 0 && direction[1] !== 0) continue;
          const box = candidate(req, direction, ring, shift);
          if (!inside(box, bounds)) continue;
          if (obstacles.hits(box)) continue;
          const cost =
            ringIndex +
            (soft.hits(box) ? SOFT_COST : 0) +
            (closerToAnotherMarker(box, req, markerGrid) ? AMBIGUOUS_COST : 0) +
            directionIndex * 0.01 +
            Math.abs(shift) * 0.05;
          if (cost < bestCost) {
            bestCost = cost;
            found = { id: req.id, box, leader: ring > 0 };
          }
        }
      });
    });
    if (found) {
      placed.push(found);
      obstacles.add(found.box);
    } else {
      unplaced.push(req.id);
    }
  }
  placed.sort((a, b) => a.id - b.id);
  return { placed, unplaced };
}
