import { h, replace } from './dom.js';
import { formatTime } from './format.js';

/** How a column sorts and shows: text, a number, or an ISO time shown in the browser's zone. */
export type ColumnType = 'text' | 'number' | 'time';
type Value = string | number | null | undefined;

export interface Column<T> {
  key: string;
  label: string;
  type?: ColumnType;
  /** What the column sorts and filters on. */
  value: (row: T) => Value;
  /** What the cell shows, if not the value (formatted). */
  render?: (row: T) => Node | string;
  /** A stable `data-testid` for the cell. */
  testId?: (row: T) => string | undefined;
}

export interface TableOptions<T> {
  testId: string;
  columns: Column<T>[];
  rowKey: (row: T) => string;
  onRowClick?: (row: T) => void;
  rowClass?: (row: T) => string | undefined;
  /** A checkbox per row; `selected()` answers the checked rows. */
  selectable?: boolean;
  sort?: { key: string; direction: 'asc' | 'desc' };
  empty?: string;
}

/**
 * The one table of the console: click a header to sort (again to reverse), numbers and times
 * as such; type in the box to keep the rows that contain the text in any column.
 */
export class DataTable<T> {
  readonly element: HTMLElement;
  private rows: T[] = [];
  private readonly checked = new Set<string>();
  private sort?: { key: string; direction: 'asc' | 'desc' };
  private readonly filter: HTMLInputElement;
  private readonly table: HTMLTableElement;
  private readonly count: HTMLElement;

  constructor(private readonly options: TableOptions<T>) {
    this.sort = options.sort;
    this.filter = h('input', {
      type: 'search',
      placeholder: 'Filter rows',
      'aria-label': 'Filter rows',
      'data-testid': `${options.testId}-filter`,
      oninput: () => this.draw(),
    });
    this.count = h('span', { class: 'count' });
    this.table = h('table', { 'data-testid': options.testId });
    this.element = h(
      'div',
      { class: 'data-table' },
      h('div', { class: 'tools' }, this.filter, this.count),
      this.table,
    );
  }

  setRows(rows: T[]): void {
    this.rows = rows;
    const keys = new Set(rows.map(this.options.rowKey));
    for (const key of [...this.checked]) if (!keys.has(key)) this.checked.delete(key);
    this.draw();
  }

  selected(): T[] {
    return this.rows.filter((row) => this.checked.has(this.options.rowKey(row)));
  }

  private visible(): T[] {
    const query = this.filter.value.trim().toLowerCase();
    const shown = query
      ? this.rows.filter((row) =>
          this.options.columns.some((c) => this.text(c, row).toLowerCase().includes(query)),
        )
      : [...this.rows];
    const sort = this.sort;
    const column = this.options.columns.find((c) => c.key === sort?.key);
    if (sort && column) {
      const sign = sort.direction === 'asc' ? 1 : -1;
      shown.sort((a, b) => compare(column, a, b, sign));
    }
    return shown;
  }

  private text(column: Column<T>, row: T): string {
    const value = column.value(row);
    if (value === null || value === undefined) return '';
    return column.type === 'time' ? formatTime(String(value)) : String(value);
  }

  private draw(): void {
    const rows = this.visible();
    const { columns, selectable } = this.options;
    const header = h(
      'tr',
      {},
      selectable ? h('th', {}, this.selectAll(rows)) : null,
      ...columns.map((c) => this.headerCell(c)),
    );
    const body = h('tbody', {});
    for (const row of rows) body.append(this.rowOf(row));
    if (rows.length === 0) {
      const cell = h(
        'td',
        { colspan: columns.length + (selectable ? 1 : 0), class: 'empty' },
        this.options.empty ?? 'Nothing to show.',
      );
      body.append(h('tr', {}, cell));
    }
    replace(this.table, h('thead', {}, header), body);
    this.count.textContent = `${rows.length} of ${this.rows.length} rows`;
  }

  private headerCell(column: Column<T>): HTMLElement {
    const sorted = this.sort?.key === column.key ? this.sort.direction : undefined;
    const flip = (): void => {
      this.sort = { key: column.key, direction: sorted === 'asc' ? 'desc' : 'asc' };
      this.draw();
    };
    const ariaSort = sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none';
    const arrow = sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : '';
    return h(
      'th',
      { 'aria-sort': ariaSort, 'data-col': column.key, class: column.type ?? 'text' },
      h('button', { type: 'button', class: 'sort', onclick: flip }, column.label, arrow),
    );
  }

  private rowOf(row: T): HTMLTableRowElement {
    const key = this.options.rowKey(row);
    const tr = h('tr', { 'data-key': key, class: this.options.rowClass?.(row) });
    if (this.options.selectable) {
      const box = h('input', {
        type: 'checkbox',
        'aria-label': `select ${key}`,
        'data-testid': 'select-row',
      });
      box.checked = this.checked.has(key);
      box.addEventListener('change', () =>
        box.checked ? this.checked.add(key) : this.checked.delete(key),
      );
      tr.append(h('td', { class: 'select' }, box));
    }
    for (const column of this.options.columns) {
      const shown = column.render ? column.render(row) : this.text(column, row) || '–';
      tr.append(
        h(
          'td',
          {
            'data-col': column.key,
            'data-testid': column.testId?.(row),
            class: column.type ?? 'text',
          },
          shown,
        ),
      );
    }
    const open = this.options.onRowClick;
    if (open) {
      tr.classList.add('clickable');
      tr.addEventListener('click', (event) => {
        if (!(event.target as Element).closest('input, button, a')) open(row);
      });
    }
    return tr;
  }

  private selectAll(rows: T[]): HTMLInputElement {
    const box = h('input', {
      type: 'checkbox',
      'aria-label': 'select all shown',
      'data-testid': 'select-all',
    });
    box.checked = rows.length > 0 && rows.every((r) => this.checked.has(this.options.rowKey(r)));
    box.addEventListener('change', () => {
      for (const row of rows) {
        if (box.checked) this.checked.add(this.options.rowKey(row));
        else this.checked.delete(this.options.rowKey(row));
      }
      this.draw();
    });
    return box;
  }
}

/** Numbers and times by magnitude, text in the reader's collation; empty cells always last. */
function compare<T>(column: Column<T>, a: T, b: T, sign: number): number {
  const x = column.value(a);
  const y = column.value(b);
  const empty = (v: Value): boolean => v === null || v === undefined || v === '';
  if (empty(x) || empty(y)) return Number(empty(x)) - Number(empty(y));
  if (column.type === 'number') return sign * (Number(x) - Number(y));
  if (column.type === 'time') return sign * (Date.parse(String(x)) - Date.parse(String(y)));
  return sign * String(x).localeCompare(String(y), undefined, { numeric: true });
}
