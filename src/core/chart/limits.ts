/** How much a chart names and draws (a readable chart, and a small request: issue 21). */
/** "auto" labels every partner up to this many points; beyond it, a selection of at most this many. */
export const AUTO_LABEL_LIMIT = 25;
/** More arrows than this turn the chart into a hairball; the realised movement keeps to the same cap. */
export const MOVEMENT_LIMIT = 25;
