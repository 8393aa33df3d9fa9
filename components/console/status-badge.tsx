import { Badge } from "@/components/ui/badge";
import type { KeyStatus } from "@/lib/domain/keys/state";

const LOOK: Record<KeyStatus, { label: string; variant: "success" | "warning" | "info" | "secondary" | "destructive" | "outline" }> = {
  active: { label: "Active", variant: "success" },
  expiring_soon: { label: "Expiring soon", variant: "warning" },
  in_grace: { label: "In grace", variant: "info" },
  disabled: { label: "Disabled", variant: "outline" },
  rotated: { label: "Rotated", variant: "secondary" },
  expired: { label: "Expired", variant: "outline" },
  revoked: { label: "Revoked", variant: "destructive" },
};

export const STATUS_LABELS = Object.fromEntries(Object.entries(LOOK).map(([status, { label }]) => [status, label])) as Record<
  KeyStatus,
  string
>;

export function StatusBadge({ status }: { status: KeyStatus }) {
  const { label, variant } = LOOK[status];
  return <Badge variant={variant}>{label}</Badge>;
}
