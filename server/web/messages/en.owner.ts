/** English texts of the owner pages (merged into the catalogue by en.ts). */
export const ownerTexts = {} as const;
