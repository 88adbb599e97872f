/** English texts of the sponsor pages (merged into the catalogue by en.ts). */
export const sponsorTexts = {} as const;
