/**
 * Pull requests of fewer than 100 files are measured this many at a time, one after another in the
 * same process, and reported per pull request: a single review of 10 files lasts a few milliseconds,
 * which one garbage collection or one freshly compiled function can double.
 */
export const SMALL_REPEAT = 10;
