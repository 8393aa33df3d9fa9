"use client";

import { dismissToast, Toast, ToastClose, ToastDescription, ToastProvider, ToastTitle, ToastViewport, useToasts } from "./toast";

export { toast } from "./toast";

// The one place toasts are drawn. Radix pauses the 5 s timer while a toast is hovered or focused.
export function Toaster() {
  const toasts = useToasts();
  return (
    <ToastProvider duration={5000} swipeDirection="right">
      {toasts.map(({ id, title, description, variant = "default", open }) => (
        <Toast
          key={id}
          variant={variant}
          open={open}
          onOpenChange={(next) => {
            if (!next) dismissToast(id);
          }}
        >
          <div className="grid gap-1">
            <ToastTitle>{title}</ToastTitle>
            {description ? <ToastDescription>{description}</ToastDescription> : null}
          </div>
          <ToastClose />
        </Toast>
      ))}
      <ToastViewport />
    </ToastProvider>
  );
}
