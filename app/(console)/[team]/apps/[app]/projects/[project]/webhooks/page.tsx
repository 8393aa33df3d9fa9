import { Panel } from "@/components/console/panel";
import { ProjectHeader } from "@/components/console/project-header";
import { requireProject } from "@/lib/http/auth/session";
import { getKeyPolicy } from "@/lib/domain/projects/key-policy";
import { roleCan } from "@/lib/domain/teams/permissions";
import { listWebhookDeliveries } from "@/lib/domain/webhooks/deliveries";
import { getWebhookSigningSecretInfo } from "@/lib/domain/webhooks/signing-secret";
import { DeliveryLog } from "./_components/delivery-log";
import { KeyPolicyForm } from "./_components/key-policy-form";
import { SigningSecret } from "./_components/signing-secret";
import { WebhookEndpoints } from "./_components/webhook-endpoints";
import { listWebhookEndpoints, toEndpointJson } from "@/lib/domain/webhooks/endpoints";
import { MAX_ENDPOINTS } from "@/lib/domain/webhooks/endpoint-schemas";

type Props = { params: Promise<{ team: string; app: string; project: string }> };

const DELIVERIES_PAGE_SIZE = 20;

// A project's rotation and webhook settings: the key policy, the signing secret and the
// delivery log. Admins edit the policy and the secret; developers may redeliver; viewers read.
export default async function ProjectWebhooksPage({ params }: Props) {
  const { team: slug, app: appId, project: projectId } = await params;
  const { membership, app, scope, project } = await requireProject(slug, appId, projectId);
  const [policy, endpoints, secret, deliveries] = await Promise.all([
    getKeyPolicy(scope, project.id),
    // A project has at most MAX_ENDPOINTS: one page holds them all.
    listWebhookEndpoints(scope, project.id, { limit: MAX_ENDPOINTS }),
    getWebhookSigningSecretInfo(scope, project.id),
    listWebhookDeliveries(scope, project.id, { limit: DELIVERIES_PAGE_SIZE }),
  ]);
  const canAdmin = roleCan(membership.role, "projects:write");

  return (
    <>
      <ProjectHeader teamSlug={slug} app={app} project={project} />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2 [&>*]:min-w-0">
        <Panel
          id="policy"
          title="Key policy"
          description="Defaults for new keys, and limits every new or rotated key must keep. Existing keys are not changed."
        >
          <KeyPolicyForm teamSlug={slug} appId={app.id} initial={policy} editable={canAdmin} />
        </Panel>
        <Panel
          id="secret"
          title="Webhook signing secret"
          description={
            <>
              Every webhook of this project is signed with it (Standard Webhooks:{" "}
              <code className="font-mono text-xs">webhook-signature</code>). Receivers verify each message with it.
            </>
          }
        >
          <SigningSecret teamSlug={slug} appId={app.id} projectId={project.id} initial={secret} canRotate={canAdmin} />
        </Panel>
      </div>
      <Panel
        id="endpoints"
        className="mt-6"
        title="Webhook endpoints"
        description="Every lifecycle event of this project's keys that an endpoint subscribes to: created, rotated, revoked, disabled, enabled, expiring, expired, leaked, unused."
      >
        <WebhookEndpoints
          teamSlug={slug}
          appId={app.id}
          projectId={project.id}
          endpoints={endpoints.items.map(toEndpointJson)}
          canWrite={roleCan(membership.role, "webhooks:write")}
        />
      </Panel>
      <section aria-labelledby="deliveries-heading" className="mt-8">
        <h2 id="deliveries-heading" className="mb-1 text-lg font-medium">
          Delivery log
        </h2>
        <p className="mb-3 text-sm text-muted-foreground">
          Webhook messages of this project&apos;s keys, newest first, with every attempt to deliver them.
        </p>
        <DeliveryLog
          teamSlug={slug}
          appId={app.id}
          projectId={project.id}
          initial={deliveries}
          canRedeliver={roleCan(membership.role, "webhooks:write")}
          pageSize={DELIVERIES_PAGE_SIZE}
        />
      </section>
    </>
  );
}
