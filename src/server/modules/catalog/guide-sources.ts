/**
 * Counts this process's writes to the tables a published guide response is made of
 * (catalog_entries, catalog_versions, agencies, regions): their query functions call
 * `noteGuideSourceWrite`, and the guide cache (guide-cache.ts) revalidates before its next read
 * when the count moved. No imports, so the agencies and regions queries can use it.
 */
let writes = 0;

export function noteGuideSourceWrite(): void {
  writes++;
}

export function guideSourceWrites(): number {
  return writes;
}
