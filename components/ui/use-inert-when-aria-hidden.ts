"use client";

import { useEffect } from "react";

const MARK = "data-inert-while-hidden";

// Radix's modal layers (Dialog, AlertDialog, DropdownMenu, Select) hide the rest of the page
// with `aria-hidden` (the `aria-hidden` package, which marks what it hides with
// `data-aria-hidden`) and trap focus in script. Focusable content inside an aria-hidden
// region is still a WCAG failure as far as axe can tell (rule aria-hidden-focus; see
// radix-ui/primitives#2459 and #1927), so the same regions are also made `inert` while
// they are hidden, which is what the trap means anyway. Radix moves focus into the layer
// before it hides the page, and restores it after a timeout, so neither is disturbed.
function sync(element: Element) {
  if (!(element instanceof HTMLElement)) return;
  const hiddenByLayer = element.getAttribute("aria-hidden") === "true" && element.hasAttribute("data-aria-hidden");
  if (hiddenByLayer && !element.inert) {
    element.inert = true;
    element.setAttribute(MARK, "");
  } else if (!hiddenByLayer && element.hasAttribute(MARK)) {
    element.inert = false;
    element.removeAttribute(MARK);
  }
}

export function useInertWhenAriaHidden() {
  useEffect(() => {
    const observer = new MutationObserver((records) => {
      for (const record of records) sync(record.target as Element);
    });
    observer.observe(document.body, { subtree: true, attributes: true, attributeFilter: ["aria-hidden"] });
    return () => {
      observer.disconnect();
      for (const element of document.querySelectorAll(`[${MARK}]`)) {
        (element as HTMLElement).inert = false;
        element.removeAttribute(MARK);
      }
    };
  }, []);
}
