import { expect } from 'vitest';

/**
 * `expect(element).toBeVisible()`: the element is in the document and nothing hides it from the user —
 * no `hidden` or `aria-hidden="true"` on it or an ancestor, no `display: none` or
 * `visibility: hidden`, and not inside a closed <details> (other than its summary). A query such as
 * `getByText` also finds hidden elements; this says the user can actually see what was found.
 */
export function whyHidden(element: Element): string | null {
  if (!element.isConnected) return 'it is not in the document';
  const view = element.ownerDocument.defaultView;
  let child: Element | null = null;
  for (let node: Element | null = element; node; child = node, node = node.parentElement) {
    const label = describe(node);
    if (node.hasAttribute('hidden')) return `${label} has the hidden attribute`;
    if (node.getAttribute('aria-hidden') === 'true') return `${label} has aria-hidden="true"`;
    const style = view?.getComputedStyle(node);
    if (style?.display === 'none') return `${label} has display: none`;
    if (node === element && style?.visibility === 'hidden') return `${label} has visibility: hidden`;
    if (node.tagName === 'DETAILS' && !node.hasAttribute('open') && child?.tagName !== 'SUMMARY') {
      return `${label} is closed`;
    }
  }
  return null;
}

function describe(element: Element): string {
  const text = (element.textContent ?? '').trim().replace(/\s+/g, ' ');
  const shortText = text.length > 60 ? `${text.slice(0, 57)}…` : text;
  return `<${element.tagName.toLowerCase()}>${shortText ? ` "${shortText}"` : ''}`;
}

expect.extend({
  toBeVisible(received: unknown) {
    if (!(received instanceof Element)) {
      return { pass: false, message: () => `expected an element to be visible, got ${String(received)}` };
    }
    const reason = whyHidden(received);
    return {
      pass: reason === null,
      message: () =>
        reason === null
          ? `expected ${describe(received)} not to be visible`
          : `expected ${describe(received)} to be visible, but ${reason}`,
    };
  },
});

declare module 'vitest' {
  // The type parameter must be declared exactly as vitest declares it, or the interfaces do not merge.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  interface Matchers<T = any> {
    /** The element is in the document and not hidden from the user (see `whyHidden`). */
    toBeVisible(): T;
  }
}
