import { describe, expect, it } from 'vitest';
import { arrangeTable, nextSort, shownColumns, type TableColumn } from './openstack-table';

interface Row {
  key: string;
  name: string;
  address: string;
  load: number;
}

const columns: TableColumn<Row>[] = [
  { id: 'name', label: 'Name', text: (row) => row.name, minEm: 5, share: 1 },
  { id: 'address', label: 'Address', text: (row) => row.address, addresses: true, minEm: 5, share: 1 },
  { id: 'load', label: 'Load', text: (row) => `${row.load} of 16`, sortValue: (row) => row.load, minEm: 5, share: 1, detail: true },
];
const rows: Row[] = [
  { key: 'a', name: 'lxc-test-10', address: '10.5.5.20', load: 12 },
  { key: 'b', name: 'lxc-test-2', address: '10.5.5.4', load: 3 },
  { key: 'c', name: 'lxc-test-1', address: '198.51.100.31, 10.5.5.9', load: 9 },
];
const keys = (arranged: Row[]) => arranged.map((row) => row.key);

describe('one table of the OpenStack view', () => {
  it('sorts names as people count (lxc-test-2 before lxc-test-10), addresses by number, loads as numbers', () => {
    expect(keys(arrangeTable(rows, columns, '', { column: 'name', descending: false }))).toEqual(['c', 'b', 'a']);
    expect(keys(arrangeTable(rows, columns, '', { column: 'address', descending: false }))).toEqual(['b', 'a', 'c']);
    expect(keys(arrangeTable(rows, columns, '', { column: 'load', descending: true }))).toEqual(['a', 'c', 'b']);
  });

  it('keeps rows any column of which contains the filter, case aside, including columns left out on a projector', () => {
    expect(keys(arrangeTable(rows, columns, ' LXC-TEST-1', null))).toEqual(['a', 'c']);
    expect(keys(arrangeTable(rows, columns, '3 of 16', null))).toEqual(['b']);
    expect(shownColumns(columns, true).map((column) => column.id)).toEqual(['name', 'address']);
  });

  it('turns the order round when the same heading is clicked again, and starts ascending on another', () => {
    expect(nextSort({ column: 'name', descending: false }, 'name')).toEqual({ column: 'name', descending: true });
    expect(nextSort({ column: 'name', descending: true }, 'load')).toEqual({ column: 'load', descending: false });
  });
});
