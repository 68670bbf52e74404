/**
 * Keeping focus where it was after an action: a dialog closes, or a write draws the view again
 * and the button that started it is replaced by its twin (same data-testid, same place among
 * those), which then takes focus, unless the reader has moved focus elsewhere meanwhile.
 */

const WAIT_MS = 5000;

/**
 * Remembers `el` (usually document.activeElement); the returned function puts focus back, and
 * with `follow` (after a write) onto its twin once the view is drawn again.
 */
export function keepFocus(el: Element | null): (follow?: boolean) => void {
  if (!(el instanceof HTMLElement) || el === document.body) return () => {};
  const testid = el.dataset.testid;
  const selector = testid ? `[data-testid="${CSS.escape(testid)}"]` : null;
  const index = selector ? [...document.querySelectorAll(selector)].indexOf(el) : -1;
  const twin = (): HTMLElement | null => {
    if (!selector || index < 0) return null;
    return (document.querySelectorAll<HTMLElement>(selector)[index] ?? null);
  };
  const free = () => document.activeElement === null || document.activeElement === document.body;
  const focus = (target: HTMLElement) => {
    // A twin inside a closed <details> (a statistic's row) is shown first.
    for (let d = target.closest("details"); d; d = d.parentElement?.closest("details") ?? null) d.open = true;
    target.focus();
  };
  return (follow = false) => {
    if (el.isConnected) focus(el);
    if (!follow) return;
    const now = el.isConnected ? null : twin();
    if (now) {
      if (free()) focus(now);
      return;
    }
    // A write redraws the view: follow the button to its twin once the old one is gone.
    const observer = new MutationObserver(() => {
      if (el.isConnected) return;
      const found = twin();
      if (!found) return;
      observer.disconnect();
      if (free()) focus(found);
    });
    observer.observe(document.body, { childList: true, subtree: true });
    setTimeout(() => observer.disconnect(), WAIT_MS);
  };
}
