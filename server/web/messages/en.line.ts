/** English texts of the line pages (merged into the catalogue by en.ts). */
export const lineTexts = {} as const;
