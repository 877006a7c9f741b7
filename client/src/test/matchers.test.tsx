import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import './matchers';

describe('toBeVisible', () => {
  it('passes for what the user sees, including the summary of a closed <details>', () => {
    render(
      <main>
        <p>Achterstand vastgelegd</p>
        <details>
          <summary>Meer weten</summary>
          <p>Uitleg</p>
        </details>
      </main>,
    );
    expect(screen.getByText('Achterstand vastgelegd')).toBeVisible();
    expect(screen.getByText('Meer weten')).toBeVisible();
  });

  it.each([
    [
      'the hidden attribute',
      <div hidden>
        <p>Verborgen</p>
      </div>,
      'has the hidden attribute',
    ],
    [
      'aria-hidden',
      <div aria-hidden="true">
        <p>Verborgen</p>
      </div>,
      'has aria-hidden="true"',
    ],
    [
      'display: none',
      <div style={{ display: 'none' }}>
        <p>Verborgen</p>
      </div>,
      'has display: none',
    ],
    ['visibility: hidden', <p style={{ visibility: 'hidden' }}>Verborgen</p>, 'has visibility: hidden'],
    [
      'a closed <details>',
      <details>
        <summary>Meer</summary>
        <p>Verborgen</p>
      </details>,
      'is closed',
    ],
  ])('fails for text hidden by %s, and says why', (_how, ui, reason) => {
    render(ui);
    const element = screen.getByText('Verborgen');
    expect(() => expect(element).toBeVisible()).toThrow(reason);
    expect(element).not.toBeVisible();
  });

  it('fails for an element that is no longer in the document, and for what is not an element', () => {
    const { unmount } = render(<p>Weg</p>);
    const element = screen.getByText('Weg');
    unmount();
    expect(() => expect(element).toBeVisible()).toThrow('it is not in the document');
    expect(() => expect(undefined).toBeVisible()).toThrow('expected an element to be visible');
  });
});
