import { useLayoutEffect } from "react";
import type { Theme } from "@fluentui/react-components";

/**
 * The page around the pane takes the Fluent theme's background and text colour, without the
 * browser's default margin: otherwise a dark pane sits in a white frame.
 */
export function usePageTheme(theme: Theme): void {
  useLayoutEffect(() => {
    const { style } = document.body;
    style.margin = "0";
    style.backgroundColor = theme.colorNeutralBackground1;
    style.color = theme.colorNeutralForeground1;
    // Scrollbars and native select lists follow the theme too.
    document.documentElement.style.colorScheme = isDark(theme) ? "dark" : "light";
  }, [theme]);
}

function isDark(theme: Theme): boolean {
  // The background's first hex digit: dark themes start at #0…#5.
  return /^#[0-5]/.test(theme.colorNeutralBackground1);
}
