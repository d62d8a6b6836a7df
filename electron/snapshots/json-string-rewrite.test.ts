import { describe, expect, it } from 'vitest';
import { rewriteJsonStrings } from './json-string-rewrite';

const upper = { value: (text: string) => (text.startsWith('x') ? text.toUpperCase() : text) };

describe('rewriteJsonStrings', () => {
  it('returns the very value it was given when no string changes', () => {
    const value = { a: ['one', { b: 'two', c: 3, d: null, e: true }], f: { g: [] } };
    expect(rewriteJsonStrings(value, upper)).toBe(value);
  });

  it('copies only the objects and arrays on the way to what changed, and leaves the given value as it was', () => {
    const kept = { b: 'two' };
    const value = { a: ['one', { b: 'xy' }, kept], f: { g: ['three'] } };
    const result = rewriteJsonStrings(value, upper) as typeof value;
    expect(result).toEqual({ a: ['one', { b: 'XY' }, { b: 'two' }], f: { g: ['three'] } });
    expect(result).not.toBe(value);
    expect(result.a).not.toBe(value.a);
    expect(result.a[2]).toBe(kept);
    expect(result.f).toBe(value.f);
    expect(value.a[1]).toEqual({ b: 'xy' });
  });

  it('tells each string the key it sits under, null inside an array', () => {
    const seen: [string, string | null][] = [];
    rewriteJsonStrings({ password: 'p', list: ['q'], nested: { token: 't' } }, { value: (text, key) => (seen.push([text, key]), text) });
    expect(seen).toEqual([['p', 'password'], ['q', null], ['t', 'token']]);
  });

  it('rewrites keys in place, each before its value, and keeps "__proto__" an own key, never the prototype', () => {
    const order: string[] = [];
    const value = JSON.parse('{"first":"x1","xkey":"plain","__proto__":{"polluted":"x2"},"last":"v"}') as Record<string, unknown>;
    const result = rewriteJsonStrings(value, {
      value: (text) => (order.push(`value ${text}`), upper.value(text)),
      key: (name) => (order.push(`key ${name}`), upper.value(name)),
    }) as Record<string, unknown>;
    expect(Object.keys(result)).toEqual(['first', 'XKEY', '__proto__', 'last']);
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(result, '__proto__')?.value).toEqual({ polluted: 'X2' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(order).toEqual(['key first', 'value x1', 'key xkey', 'value plain', 'key __proto__', 'key polluted', 'value x2', 'key last', 'value v']);
  });

  it('keeps a "__proto__" key as an own key when copying an object for another change', () => {
    const value = JSON.parse('{"__proto__":"kept","a":"x"}') as Record<string, unknown>;
    const result = rewriteJsonStrings(value, upper) as Record<string, unknown>;
    expect(Object.keys(result)).toEqual(['__proto__', 'a']);
    expect(JSON.stringify(result)).toBe('{"__proto__":"kept","a":"X"}');
  });
});
