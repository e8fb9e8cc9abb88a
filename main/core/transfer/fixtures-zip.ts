// A fixture folder as one .zip (for a browser download), written by fflate: entries stored, not
// compressed (bodies are small or already gzip, and every unzip reads stored entries).
import { zipSync, type Zippable } from 'fflate';
import type { FixtureFile } from './fixtures-export.js';

/** Every entry goes under `folder/`, so unzipping gives the folder `fixtures import` reads. */
export function zipFolder(folder: string, files: Iterable<FixtureFile>, now = new Date()): Buffer {
  const entries: Zippable = {};
  for (const file of files) entries[`${folder}/${file.name}`] = [file.data, { level: 0, mtime: now }];
  return Buffer.from(zipSync(entries));
}
