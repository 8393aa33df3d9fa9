import { notFound } from "next/navigation";

// Any address under a team that names no console page: the team's not-found page, with the
// team's navigation, rather than the bare site-wide one.
export default function MissingConsolePage(): never {
  notFound();
}
