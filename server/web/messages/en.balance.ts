/** English texts of the balance pages (merged into the catalogue by en.ts). */
export const balanceTexts = {} as const;
