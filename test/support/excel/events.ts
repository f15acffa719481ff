/**
 * Event handlers registered through `onActivated.add(handler)` and friends. Registration takes
 * effect at the next sync, as in Office.js; the test driver fires events.
 */
export type EventKind = "activated" | "deactivated" | "selectionChanged" | "changed" | "added" | "deleted";

export interface Registration {
  kind: EventKind;
  /** The worksheet's id, or null for a collection-level (all worksheets) handler. */
  sheetId: string | null;
  handler: (args: Record<string, unknown>) => unknown;
  active: boolean;
}

export class EventRegistry {
  private readonly registrations: Registration[] = [];

  register(registration: Registration): void {
    registration.active = true;
    this.registrations.push(registration);
  }

  count(kind?: EventKind): number {
    return this.registrations.filter((r) => r.active && (!kind || r.kind === kind)).length;
  }

  /** Calls every active handler for this event and waits for them, in registration order. */
  async fire(kind: EventKind, sheetId: string, args: Record<string, unknown>): Promise<void> {
    const targets = this.registrations.filter((r) => r.active && r.kind === kind && (r.sheetId === null || r.sheetId === sheetId));
    for (const registration of targets) await registration.handler(args);
  }
}
