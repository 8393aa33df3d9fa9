"use client";

import { Ban, CirclePause, CirclePlay, ExternalLink, MoreHorizontal, Pencil, RefreshCw } from "lucide-react";
import Link from "next/link";
import { useRef, useState } from "react";
import { ConfirmDialog } from "@/components/console/confirm-dialog";
import { InlineRename } from "@/components/console/inline-rename";
import { KeyEnds } from "@/components/console/key-end";
import type { RevealedSecret } from "@/components/console/reveal-key-dialog";
import { RotateDialog } from "@/components/console/rotate-dialog";
import { StatusBadge } from "@/components/console/status-badge";
import { Time } from "@/components/console/time";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { cn } from "@/components/ui/cn";
import { TableCell, TableRow } from "@/components/ui/table";
import type { ConsoleKey } from "@/lib/domain/keys/serialize";
import { isSwitchable } from "@/lib/domain/keys/state";
import type { rotateKeyAction } from "../../../actions";
import { COLUMN_CELL, Scopes, SORTABLE } from "./keys-table-parts";

// The row's actions sit in a menu in a column pinned to the table's right edge, so that they stay
// on screen at any width, even while the table scrolls sideways on a phone.
export const ACTIONS_CELL = "sticky right-0 z-10 w-12 bg-background pl-1 shadow-[-1px_0_0_var(--border)]";
/** The multi-select's column: a checkbox per row, and one for the page in the header. */
export const SELECT_CELL = "w-8 pr-0";
export const CHECKBOX = "size-4 cursor-pointer accent-primary align-middle";

type Props = {
  keyRow: ConsoleKey;
  href: string;
  environment: string;
  canWrite: boolean;
  maxLifetimeDays: number | null;
  rename: (name: string) => Promise<unknown>;
  rotate: (grace: number) => ReturnType<typeof rotateKeyAction>;
  onRotated: (secret: RevealedSecret) => void;
  revoke: () => Promise<unknown>;
  revoking: boolean;
  setEnabled: (enabled: boolean) => Promise<unknown>;
  selected: boolean;
  onSelect: (selected: boolean) => void;
};

const cellOf = (id: (typeof SORTABLE)[number]["id"]) => SORTABLE.find((column) => column.id === id)?.cell;

export function KeyRow({ keyRow: key, href, environment, canWrite, selected, onSelect, rename, ...menu }: Props) {
  const [renaming, setRenaming] = useState(false);
  const usable = key.status === "active" || key.status === "expiring_soon" || key.status === "in_grace";
  return (
    <TableRow data-testid={`key-row-${key.id}`} data-state={selected ? "selected" : undefined}>
      {canWrite ? (
        <TableCell className={SELECT_CELL}>
          <input
            type="checkbox"
            className={CHECKBOX}
            checked={selected}
            onChange={(e) => onSelect(e.target.checked)}
            aria-label={`Select ${key.name}`}
          />
        </TableCell>
      ) : null}
      <TableCell className="max-w-36 sm:max-w-64">
        <InlineRename
          name={key.name}
          noun="key"
          canRename={canWrite && usable}
          onRename={rename}
          editing={renaming}
          onEditingChange={setRenaming}
        >
          {(shown) => (
            <Link href={href} className="truncate font-medium underline-offset-4 hover:underline focus-visible:underline">
              {shown}
            </Link>
          )}
        </InlineRename>
        {/* Where the Key column is left out (a phone), the prefix shows under the name. */}
        <span className="block font-mono text-xs text-muted-foreground sm:hidden">{key.key_prefix}…</span>
      </TableCell>
      <TableCell>
        <StatusBadge status={key.status} />
      </TableCell>
      <TableCell className={cn("font-mono text-xs", COLUMN_CELL.key)}>{key.key_prefix}…</TableCell>
      <TableCell className={COLUMN_CELL.scopes}>
        <Scopes scopes={key.scopes} />
      </TableCell>
      <TableCell className={COLUMN_CELL.environment}>{environment}</TableCell>
      <TableCell className={cellOf("created_at")}>
        <Time value={key.created_at} />
      </TableCell>
      <TableCell className={cellOf("last_used_at")}>
        <Time value={key.last_used_at} empty="Never" />
      </TableCell>
      <TableCell className={cellOf("expires_at")}>
        <KeyEnds keyRow={key} />
      </TableCell>
      <TableCell className={cellOf("next_rotation_at")}>
        <Time value={key.next_rotation_at} />
      </TableCell>
      <TableCell className={ACTIONS_CELL}>
        <RowMenu keyRow={key} href={href} canWrite={canWrite} usable={usable} onRename={() => setRenaming(true)} {...menu} />
      </TableCell>
    </TableRow>
  );
}

type MenuProps = Pick<
  Props,
  "keyRow" | "href" | "canWrite" | "maxLifetimeDays" | "rotate" | "onRotated" | "revoke" | "revoking" | "setEnabled"
> & {
  usable: boolean;
  onRename: () => void;
};

function RowMenu({
  keyRow,
  href,
  canWrite,
  usable,
  maxLifetimeDays,
  onRename,
  rotate,
  onRotated,
  revoke,
  revoking,
  setEnabled,
}: MenuProps) {
  const [dialog, setDialog] = useState<"rotate" | "revoke" | null>(null);
  // "Rename" opens the name field once the menu has closed, so that the field keeps the focus
  // (rather than the menu handing it back to its button).
  const renameNext = useRef(false);
  const rotatable = usable && !keyRow.replaced_by_key_id;
  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button type="button" size="icon" variant="ghost" aria-label={`Actions for ${keyRow.name}`} title="Actions">
            <MoreHorizontal aria-hidden className="size-4" />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent
          align="end"
          className="w-44"
          onCloseAutoFocus={(e) => renameNext.current && (e.preventDefault(), (renameNext.current = false), onRename())}
        >
          <DropdownMenuItem asChild>
            <Link href={href}>
              <ExternalLink aria-hidden /> Open key page
            </Link>
          </DropdownMenuItem>
          {canWrite && usable ? (
            <DropdownMenuItem onSelect={() => (renameNext.current = true)}>
              <Pencil aria-hidden /> Rename
            </DropdownMenuItem>
          ) : null}
          {canWrite && rotatable ? (
            <DropdownMenuItem onSelect={() => setDialog("rotate")}>
              <RefreshCw aria-hidden /> Rotate…
            </DropdownMenuItem>
          ) : null}
          {canWrite && isSwitchable(keyRow.status) ? (
            keyRow.enabled ? (
              <DropdownMenuItem onSelect={() => void setEnabled(false).catch(() => undefined)}>
                <CirclePause aria-hidden /> Disable
              </DropdownMenuItem>
            ) : (
              <DropdownMenuItem onSelect={() => void setEnabled(true).catch(() => undefined)}>
                <CirclePlay aria-hidden /> Enable
              </DropdownMenuItem>
            )
          ) : null}
          {canWrite && keyRow.status !== "revoked" ? (
            <>
              <DropdownMenuSeparator />
              <DropdownMenuItem variant="destructive" onSelect={() => setDialog("revoke")}>
                <Ban aria-hidden /> Revoke…
              </DropdownMenuItem>
            </>
          ) : null}
        </DropdownMenuContent>
      </DropdownMenu>
      {canWrite && rotatable ? (
        <RotateDialog
          keyName={keyRow.name}
          expiresAt={keyRow.expires_at}
          maxLifetimeDays={maxLifetimeDays}
          open={dialog === "rotate"}
          onOpenChange={(open) => setDialog(open ? "rotate" : null)}
          rotate={rotate}
          onRotated={onRotated}
        />
      ) : null}
      {canWrite && keyRow.status !== "revoked" ? (
        <ConfirmDialog
          open={dialog === "revoke"}
          onOpenChange={(open) => setDialog(open ? "revoke" : null)}
          title={`Revoke ${keyRow.name}?`}
          description={`Every request that uses ${keyRow.key_prefix}… is refused from now on, grace period or not. This cannot be undone.`}
          confirmLabel="Revoke key"
          pending={revoking}
          onConfirm={revoke}
        />
      ) : null}
    </>
  );
}
