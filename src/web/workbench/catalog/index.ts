/** The catalog management screens: one lazily loaded chunk (zod schemas and rules come with it). */
export { EditorPage } from "./EditorPage.js";
export { EntriesPage } from "./EntriesPage.js";
export { EntryPage } from "./EntryPage.js";
export { ExcelPage } from "./ExcelPage.js";
export { OwedPage } from "./OwedPage.js";
export { NewEntryPage } from "./NewEntryPage.js";
