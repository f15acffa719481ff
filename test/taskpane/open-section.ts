/** What the pane tests do as a user does; the registers they open are in test/support/registers.ts. */

/** Opens a collapsed pane section by its heading button, as a user would (no-op when open). */
export async function openSection(user: { click: (element: Element) => Promise<void> }, name: string | RegExp): Promise<HTMLElement> {
  const { screen } = await import("@testing-library/react");
  const toggle = await screen.findByRole("button", { name, expanded: false }).catch(() => null);
  if (toggle) await user.click(toggle);
  return screen.getByRole("region", { name });
}
