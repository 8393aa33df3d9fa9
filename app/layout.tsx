import type { Metadata, Viewport } from "next";
import { cookies } from "next/headers";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import "./globals.css";

export const metadata: Metadata = {
  title: "Latchkey",
  description: "Issue, scope, rotate, revoke and verify API keys.",
};

export const viewport: Viewport = {
  colorScheme: "light dark",
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#09090b" },
  ],
};

// The theme comes from a cookie, so the server renders the right class and no inline script
// is needed (the CSP forbids one). No class means "system": globals.css follows the OS.
export default async function RootLayout({ children }: { children: ReactNode }) {
  const theme = (await cookies()).get("latchkey-theme")?.value;
  const themeClass = theme === "dark" || theme === "light" ? theme : undefined;
  return (
    <html lang="en" className={themeClass} suppressHydrationWarning>
      <body className="min-h-screen bg-background font-sans text-foreground antialiased">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
