/** A problem with the eval data itself; the loader adds the input name and file and makes it a UserError. */
export class DataError extends Error {}
