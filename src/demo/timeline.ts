/**
 * The demo's meeting history is replayed in time order: every step (a report, a decision, a task
 * raised, an owner completing) is an event at its own moment, run through the product's own functions
 * with that moment as "now". Events after the end (the server's clock at first start) never happen.
 */
type Event = { at: number; seq: number; run: (at: Date) => Promise<void> };

export class Timeline {
  private events: Event[] = [];
  private seq = 0;

  constructor(private readonly end: Date) {}

  /** Schedules `run` at `at`; equal moments run in the order they were scheduled. */
  at(at: Date, run: (at: Date) => Promise<void>): void {
    if (at.getTime() > this.end.getTime()) return;
    const event = { at: at.getTime(), seq: this.seq++, run };
    // Binary search for the insertion point: a few thousand events, kept sorted.
    let lo = 0;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const e = this.events[mid]!;
      if (e.at < event.at || (e.at === event.at && e.seq < event.seq)) lo = mid + 1;
      else hi = mid;
    }
    this.events.splice(lo, 0, event);
  }

  /** Runs every event in time order, including those scheduled while running. */
  async run(): Promise<void> {
    for (let event = this.events.shift(); event; event = this.events.shift()) {
      await event.run(new Date(event.at));
    }
  }
}
