// What jsdom lacks and the real components use: layout observers, media queries, a canvas 2D
// context and Path2D (uPlot draws with them) and popovers (menus and hints). Stubs with no behaviour of their
// own: jsdom does no layout, so sizes stay 0 and components fall back to their defaults.

class ResizeObserverStub {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}

if (!('ResizeObserver' in globalThis)) {
  Object.assign(globalThis, { ResizeObserver: ResizeObserverStub });
}

if (typeof window.matchMedia !== 'function') {
  window.matchMedia = (query: string): MediaQueryList =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }) as MediaQueryList;
}

/** Every 2D context call is accepted and does nothing; measureText answers a width so text
 * layout code (axis labels) gets numbers, not NaN. */
function context2d(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
  const state: Record<string | symbol, unknown> = { canvas };
  return new Proxy(state, {
    get(target, property) {
      if (property in target) return target[property];
      if (property === 'measureText') return (text: string) => ({ width: text.length * 7 });
      if (property === 'getLineDash') return () => [];
      return () => {};
    },
    set(target, property, value) {
      target[property] = value;
      return true;
    },
  }) as unknown as CanvasRenderingContext2D;
}

/** uPlot builds each series' line as a Path2D and hands it to the (stub) context to stroke. */
class Path2DStub {
  moveTo(): void {}
  lineTo(): void {}
  bezierCurveTo(): void {}
  quadraticCurveTo(): void {}
  arc(): void {}
  rect(): void {}
  closePath(): void {}
  addPath(): void {}
}
if (!('Path2D' in globalThis)) {
  Object.assign(globalThis, { Path2D: Path2DStub });
}

const contexts = new WeakMap<HTMLCanvasElement, CanvasRenderingContext2D>();
HTMLCanvasElement.prototype.getContext = function getContext(this: HTMLCanvasElement, kind: string) {
  if (kind !== '2d') return null;
  let context = contexts.get(this);
  if (!context) {
    context = context2d(this);
    contexts.set(this, context);
  }
  return context;
} as typeof HTMLCanvasElement.prototype.getContext;

// Popovers: jsdom 29 may not implement them; the components only open and close them.
if (typeof HTMLElement.prototype.showPopover !== 'function') {
  HTMLElement.prototype.showPopover = function showPopover() {};
  HTMLElement.prototype.hidePopover = function hidePopover() {};
  HTMLElement.prototype.togglePopover = function togglePopover() {
    return false;
  };
}
