import { z } from "zod";
import { idSchema, nameSchema } from "../schemas";

// Console operations on projects. The app comes from the URL and is checked against the
// caller's team before any of these run.

export const createProjectSchema = z.strictObject({ app_id: idSchema, name: nameSchema });
export const renameProjectSchema = z.strictObject({ app_id: idSchema, project_id: idSchema, name: nameSchema });
/** Deleting a project deletes its keys: the caller types the project's name to confirm. */
export const deleteProjectSchema = z.strictObject({ app_id: idSchema, project_id: idSchema, confirm_name: z.string() });
