import { type CompactChange, RC } from '../compactChange';
import { el } from './dom';
import { resourceBody, rowHeader } from './resources';

const COLLAPSED = 30;
const EXPANDED_GUESS = 240;
const OVERSCAN = 600;

/**
 * Resource rows drawn on demand: only rows near the viewport exist in the
 * DOM, so a 50,000-resource plan opens as fast as a small one. Rows expand
 * into their diff; heights are measured once drawn.
 */
export class VirtualList {
  private readonly heights: Float64Array;
  private readonly expanded: Uint8Array;
  private readonly showSame: Uint8Array;
  private visible: number[] = [];
  private offsets = new Float64Array(1);
  private readonly inner = el('div');
  private haystack: string[] | undefined;
  private scheduled = false;

  constructor(
    private readonly container: HTMLElement,
    private readonly items: CompactChange[],
    private readonly options: {
      emptyText: string;
      note?: (item: CompactChange) => string;
    },
  ) {
    this.heights = new Float64Array(items.length);
    this.expanded = new Uint8Array(items.length);
    this.showSame = new Uint8Array(items.length);
    container.appendChild(this.inner);
    window.addEventListener('scroll', () => this.schedule(), { passive: true });
    window.addEventListener('resize', () => {
      this.heights.fill(0);
      this.layout();
      this.schedule();
    });
  }

  /** Opens or closes row `i`; an opened row's address goes into the URL. */
  toggle(i: number, open?: boolean): void {
    this.expanded[i] = (open === undefined ? !this.expanded[i] : open) ? 1 : 0;
    this.heights[i] = 0;
    if (this.expanded[i]) {
      history.replaceState(
        null,
        '',
        `#${encodeURIComponent(this.items[i][RC.address])}`,
      );
    }
    this.layout();
    this.draw();
  }

  /** Opens or closes every row shown. */
  setAll(open: boolean): void {
    for (const i of this.visible) {
      this.expanded[i] = open ? 1 : 0;
      this.heights[i] = 0;
    }
    this.layout();
    this.draw();
  }

  /** Shows the rows matching the search text and not filtered out by action. */
  filter(query: string, actions: Record<string, boolean | undefined>): number {
    this.haystack ??= this.items.map(it =>
      `${it[RC.address]} ${it[RC.type]} ${it[RC.module]} ${
        it[RC.provider]
      }`.toLowerCase(),
    );
    const q = query.trim().toLowerCase();
    this.visible = [];
    this.items.forEach((item, i) => {
      if (actions[item[RC.action]] === false) return;
      if (q && !this.haystack![i].includes(q)) return;
      this.visible.push(i);
    });
    this.layout();
    this.draw();
    return this.visible.length;
  }

  /** Opens the row of `address` and scrolls to it; false when not shown. */
  reveal(address: string): boolean {
    const i = this.items.findIndex(item => item[RC.address] === address);
    const k = i < 0 ? -1 : this.visible.indexOf(i);
    if (k < 0) return false;
    this.expanded[i] = 1;
    this.heights[i] = 0;
    this.layout();
    window.scrollTo(
      0,
      this.container.getBoundingClientRect().top +
        window.scrollY +
        this.offsets[k] -
        60,
    );
    this.draw();
    return true;
  }

  private heightOf(i: number): number {
    return this.heights[i] || (this.expanded[i] ? EXPANDED_GUESS : COLLAPSED);
  }

  private layout(): void {
    this.offsets = new Float64Array(this.visible.length + 1);
    this.visible.forEach((i, k) => {
      this.offsets[k + 1] = this.offsets[k] + this.heightOf(i);
    });
    this.container.style.height = `${this.offsets[this.visible.length]}px`;
  }

  /** The first visible row reaching below `y`. */
  private firstAt(y: number): number {
    let lo = 0;
    let hi = this.visible.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.offsets[mid + 1] <= y) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => {
      this.scheduled = false;
      this.draw();
    });
  }

  private draw(): void {
    const top =
      window.scrollY -
      (this.container.getBoundingClientRect().top + window.scrollY);
    const from = this.firstAt(Math.max(0, top - OVERSCAN));
    const to = this.firstAt(top + window.innerHeight + OVERSCAN);
    this.inner.textContent = '';
    let remeasure = false;
    for (let k = from; k <= to && k < this.visible.length; k++) {
      const i = this.visible[k];
      const row = this.renderRow(i, k);
      this.inner.appendChild(row);
      if (this.expanded[i]) {
        const h = row.offsetHeight;
        if (h && Math.abs(h - this.heights[i]) > 1) {
          this.heights[i] = h;
          remeasure = true;
        }
      }
    }
    if (remeasure) {
      this.layout();
      this.drawPositions();
    }
    if (this.visible.length === 0) {
      this.inner.appendChild(el('div', 'empty', this.options.emptyText));
    }
  }

  private drawPositions(): void {
    for (const row of Array.from(this.inner.children) as HTMLElement[]) {
      const k = Number(row.getAttribute('data-k'));
      if (!isNaN(k)) row.style.top = `${this.offsets[k]}px`;
    }
  }

  private renderRow(i: number, k: number): HTMLElement {
    const item = this.items[i];
    const row = el('div', 'row');
    row.setAttribute('data-k', String(k));
    row.id = `r:${item[RC.address]}`;
    row.style.top = `${this.offsets[k]}px`;
    row.style.height = this.expanded[i] ? 'auto' : `${COLLAPSED}px`;
    const header = rowHeader(
      item,
      !!this.expanded[i],
      this.options.note ? this.options.note(item) : '',
    );
    header.addEventListener('click', () => this.toggle(i));
    row.appendChild(header);
    if (this.expanded[i]) {
      row.appendChild(
        resourceBody(item, {
          showSame: !!this.showSame[i],
          rerender: () => {
            this.showSame[i] = this.showSame[i] ? 0 : 1;
            this.heights[i] = 0;
            this.layout();
            this.draw();
          },
        }),
      );
    }
    return row;
  }
}
