import { z } from "../../core/zod";
import { idSchema, nameSchema, textSchema } from "../../core/schemas";

export const createAppSchema = z.strictObject({ name: nameSchema });
export const renameAppSchema = z.strictObject({ app_id: idSchema, name: nameSchema });
/** Deleting an app deletes its projects and keys: the caller types the app's name to confirm. */
export const deleteAppSchema = z.strictObject({ app_id: idSchema, confirm_name: textSchema().max(200) });
