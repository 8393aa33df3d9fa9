import type { Config } from "tailwindcss";

// Tailwind v4 reads its theme from app/globals.css (@theme); this file names the sources
// and the dark-mode strategy for tools that look for it.
export default {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}"],
  darkMode: "class",
} satisfies Config;
