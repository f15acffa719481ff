import fc from "fast-check";
import { overlaps, placeLabels, type Box } from "../../src/core/chart/placement";
import { estimateTextWidth, wrapText } from "../../src/core/chart/text";

const inside = (b: Box, o: Box) => b.x >= o.x && b.y >= o.y && b.x + b.width <= o.x + o.width && b.y + b.height <= o.y + o.height;

describe("label placement", () => {
  it("never lets a label cover another label, a marker or leave the plot, however crowded", () => {
    const bounds: Box = { x: 0, y: 0, width: 500, height: 350 };
    fc.assert(
      fc.property(
        fc.array(fc.record({ cx: fc.integer({ min: 0, max: 500 }), cy: fc.integer({ min: 0, max: 350 }), w: fc.integer({ min: 20, max: 150 }), lines: fc.integer({ min: 1, max: 2 }) }), { maxLength: 40 }),
        (points) => {
          const requests = points.map((p, id) => ({ id, cx: p.cx, cy: p.cy, radius: 5, width: p.w, height: p.lines * 13 + 2 }));
          const markers = requests.map((r) => ({ x: r.cx - 5, y: r.cy - 5, width: 10, height: 10 }));
          const { placed, unplaced } = placeLabels(requests, markers, bounds);
          expect(placed.length + unplaced.length).toBe(points.length);
          for (const a of placed) {
            expect(inside(a.box, bounds)).toBe(true);
            for (const m of markers) expect(overlaps(a.box, m)).toBe(false);
            for (const b of placed) if (b !== a) expect(overlaps(a.box, b.box)).toBe(false);
          }
        },
      ),
      { numRuns: 60, seed: 42 },
    );
  });

  it("puts a lone label right next to its marker, without a leader line", () => {
    const { placed } = placeLabels([{ id: 0, cx: 100, cy: 100, radius: 5, width: 60, height: 15 }], [{ x: 95, y: 95, width: 10, height: 10 }], { x: 0, y: 0, width: 400, height: 300 });
    expect(placed[0].leader).toBe(false);
    expect(placed[0].box.x).toBeGreaterThan(100);
    expect(placed[0].box.x).toBeLessThan(115);
  });
});

describe("label text", () => {
  it("wraps long names into two lines and cuts the rest with an ellipsis", () => {
    const lines = wrapText("Stichting Openbaar Onderwijs Voorbeeldstad en omliggende gemeenten in de regio", 11, 150, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1].endsWith("…")).toBe(true);
    for (const line of lines) expect(estimateTextWidth(line, 11)).toBeLessThanOrEqual(150);
    expect(wrapText("Bibliotheek", 11, 150, 2)).toEqual(["Bibliotheek"]);
    const long = wrapText("Samenwerkingsverbandpassendonderwijsregiovoorbeeldstad", 11, 150, 2);
    expect(estimateTextWidth(long[0], 11)).toBeLessThanOrEqual(150);
  });
});
