import "server-only";
import type { TeamScope } from "../../core/scope";
import { recordAudit } from "../audit/service";
import { db, transaction } from "../../platform/db";
import { DomainError, invalidField } from "../../core/errors";
import type { TeamRole } from "./roles";

// A team can let everyone with a verified email at its domain join on first sign-in. The
// admin who sets the domain must hold a verified email there: the identity provider's
// verification of that address (its email_verified claim, kept on the user at each sign-in)
// is the proof that the domain is theirs.

export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf("@") + 1).toLowerCase();
}

export async function setAutoJoinDomain(
  scope: TeamScope,
  input: { domain: string | null; role: Exclude<TeamRole, "owner"> },
): Promise<void> {
  const actor = await db().user.findUniqueOrThrow({ where: { id: scope.actor.id } });
  const domain = input.domain?.toLowerCase() ?? null;
  if (domain && !actor.emailVerified) {
    throw invalidField(
      "domain",
      `your email (${actor.email}) is not verified by your identity provider; sign in with a verified email to set an auto-join domain`,
    );
  }
  if (domain && emailDomain(actor.email) !== domain) {
    throw invalidField("domain", `must be the domain of your own verified email (${emailDomain(actor.email)})`);
  }
  await transaction(async (tx) => {
    const taken = domain ? await tx.team.findFirst({ where: { autoJoinDomain: domain, id: { not: scope.teamId } } }) : null;
    if (taken) throw new DomainError("conflict", "Another team already auto-joins this domain.");
    const before = await tx.team.findUniqueOrThrow({ where: { id: scope.teamId } });
    await tx.team.update({ where: { id: scope.teamId }, data: { autoJoinDomain: domain, autoJoinRole: domain ? input.role : null } });
    await recordAudit(tx, scope, {
      action: "team.auto_join_changed",
      target: { type: "team", id: scope.teamId },
      metadata: {
        before: { domain: before.autoJoinDomain, role: before.autoJoinRole },
        after: { domain, role: domain ? input.role : null },
      },
    });
  });
}
