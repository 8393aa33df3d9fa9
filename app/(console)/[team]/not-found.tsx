import { NotFoundPanel } from "@/components/console/not-found-panel";
import { TeamHomeLink } from "@/components/console/team-home-link";

// Shown inside the team's layout (its header and navigation) when a console page has no such
// app, project or key, or the address names no page at all.
export default function TeamNotFound() {
  return (
    <NotFoundPanel description="There is no such page in this team. The app, project or key may have been deleted, or the link is mistyped.">
      <TeamHomeLink />
    </NotFoundPanel>
  );
}
