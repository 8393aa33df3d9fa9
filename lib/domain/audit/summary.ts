// One line of text for an audit event's details, for people: "name: old → new" for each field an
// update changed, else the event's notable fields. Nested values (a policy's environments) are
// spelled out, and lists of objects with an id are compared item by item, named by their name.

type Value = unknown;
type Row = Record<string, Value>;

const isRow = (v: Value): v is Row => typeof v === "object" && v !== null && !Array.isArray(v);
const same = (a: Value, b: Value) => JSON.stringify(a) === JSON.stringify(b);

/** A value as short text: none, a list joined by commas, an object as "name (field: value, …)". */
export function showValue(v: Value): string {
  if (v === null || v === undefined) return "none";
  if (Array.isArray(v)) return v.length ? v.map(showValue).join(", ") : "none";
  if (isRow(v)) {
    const label = typeof v.name === "string" ? v.name : typeof v.id === "string" ? v.id : null;
    const fields = Object.entries(v)
      .filter(([k]) => k !== "name" && k !== "id")
      .map(([k, x]) => `${k}: ${showValue(x)}`)
      .join(", ");
    return label ? (fields ? `${label} (${fields})` : label) : fields || "none";
  }
  return String(v);
}

const byId = (items: Value[]) =>
  items.every((i) => isRow(i) && typeof i.id === "string") ? new Map(items.map((i) => [(i as Row).id as string, i as Row])) : null;

/** The changes between two values under a label, one "label: old → new" per changed leaf. */
function changes(label: string, before: Value, after: Value): string[] {
  if (same(before, after)) return [];
  if (isRow(before) && isRow(after)) {
    const keys = [...new Set([...Object.keys(after), ...Object.keys(before)])];
    return keys.flatMap((k) => changes(label ? `${label} ${k}` : k, before[k], after[k]));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const [was, now] = [byId(before), byId(after)];
    if (was && now) {
      const ids = [...new Set([...was.keys(), ...now.keys()])];
      return ids.flatMap((id) => {
        const item = now.get(id) ?? was.get(id)!;
        const name = typeof item.name === "string" ? item.name : id;
        return changes(`${label} ${name}`, was.get(id) ?? null, now.get(id) ?? null);
      });
    }
  }
  return [`${label}: ${showValue(before)} → ${showValue(after)}`];
}

export function auditSummary(event: { metadata: Record<string, unknown> }): string {
  const { before, after } = event.metadata as { before?: Value; after?: Value };
  if (isRow(before) && isRow(after)) {
    // Only fields the new value carries: an update records the fields it was given.
    return Object.keys(after)
      .flatMap((field) => changes(field, before[field], after[field]))
      .join("; ");
  }
  return Object.entries(event.metadata)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k}: ${showValue(v)}`)
    .join("; ");
}
