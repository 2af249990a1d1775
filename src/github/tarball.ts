import { gunzipSync } from 'node:zlib';

export interface ArchiveLimits {
  /** Uncompressed bytes the archive may expand to. */
  maxArchiveBytes: number;
  /** Larger files are listed but not kept (their text reads as missing). */
  maxFileBytes: number;
}

export interface ArchiveContents {
  files: Map<string, string>;
  /** Paths present in the archive but not kept: binary, over the size limit, or not UTF-8 text. */
  skipped: Map<string, string>;
}

/**
 * Reads a GitHub tarball (gzip'd tar, one top-level folder `owner-repo-sha/`) into memory. Only
 * regular files are kept; links are ignored, so an archive cannot point a path elsewhere.
 */
export function readTarball(gz: Uint8Array, limits: ArchiveLimits): ArchiveContents {
  let tar: Buffer;
  try {
    tar = gunzipSync(gz, { maxOutputLength: limits.maxArchiveBytes });
  } catch (error) {
    if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new ArchiveTooLargeError(limits.maxArchiveBytes);
    }
    throw new Error(`the repository archive is not a valid gzip stream: ${(error as Error).message}`);
  }
  return readTar(tar, limits);
}

export class ArchiveTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`the repository archive expands to more than ${limit} bytes`);
  }
}

function readTar(tar: Buffer, limits: ArchiveLimits): ArchiveContents {
  const files = new Map<string, string>();
  const skipped = new Map<string, string>();
  let offset = 0;
  let longName: string | undefined;
  let paxPath: string | undefined;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const size = parseOctal(header.subarray(124, 136));
    const type = String.fromCharCode(header[156] ?? 0);
    const bodyStart = offset + 512;
    const body = tar.subarray(bodyStart, bodyStart + size);
    offset = bodyStart + Math.ceil(size / 512) * 512;
    if (type === 'L') {
      longName = cString(body);
      continue;
    }
    if (type === 'x') {
      paxPath = paxRecords(body).get('path');
      continue;
    }
    if (type === 'g') continue;
    const prefix = cString(header.subarray(345, 500));
    const rawName = longName ?? paxPath ?? (prefix ? `${prefix}/${cString(header.subarray(0, 100))}` : cString(header.subarray(0, 100)));
    longName = undefined;
    paxPath = undefined;
    if (type !== '0' && type !== '\0' && type !== '7') continue;
    const path = stripTopFolder(rawName);
    if (!path || path.split('/').includes('..')) continue;
    if (size > limits.maxFileBytes) {
      skipped.set(path, `larger than ${limits.maxFileBytes} bytes`);
      continue;
    }
    if (body.includes(0)) {
      skipped.set(path, 'binary content');
      continue;
    }
    files.set(path, body.toString('utf8'));
  }
  return { files, skipped };
}

function parseOctal(field: Buffer): number {
  // Sizes over 8 GiB use base-256 (high bit set); no file we keep comes near that.
  if ((field[0] ?? 0) & 0x80) return Number.MAX_SAFE_INTEGER;
  const text = cString(field).trim();
  return text ? parseInt(text, 8) : 0;
}

function cString(field: Buffer): string {
  const end = field.indexOf(0);
  return field.subarray(0, end < 0 ? field.length : end).toString('utf8');
}

function paxRecords(body: Buffer): Map<string, string> {
  const records = new Map<string, string>();
  let offset = 0;
  while (offset < body.length) {
    const space = body.indexOf(32, offset);
    if (space < 0) break;
    const length = parseInt(body.subarray(offset, space).toString('utf8'), 10);
    if (!Number.isFinite(length) || length <= 0) break;
    const record = body.subarray(space + 1, offset + length - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (eq > 0) records.set(record.slice(0, eq), record.slice(eq + 1));
    offset += length;
  }
  return records;
}

function stripTopFolder(name: string): string {
  const slash = name.indexOf('/');
  return slash < 0 ? '' : name.slice(slash + 1);
}
