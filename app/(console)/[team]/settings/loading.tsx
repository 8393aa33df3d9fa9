import { PageSkeleton } from "@/components/console/page-skeleton";

export default PageSkeleton;
