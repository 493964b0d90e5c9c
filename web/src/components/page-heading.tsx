/** A page's h1: focusable by script, so focus moves to it when the route changes (App). */
import type { ComponentChildren } from 'preact';

export function PageHeading({ children }: { children: ComponentChildren }) {
  return (
    <h1 class="page-heading" tabIndex={-1}>
      {children}
    </h1>
  );
}
