// A fixture folder as one .zip (for a browser download): entries stored, not compressed (bodies are
// small or already gzip, and every unzip reads method 0), UTF-8 names, CRC-32 from node:zlib.
import { crc32 } from 'node:zlib';
import type { FixtureFile } from './fixtures-export.js';

/** Every entry goes under `folder/`, so unzipping gives the folder `fixtures import` reads. */
export function zipFolder(folder: string, files: Iterable<FixtureFile>, now = new Date()): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  const time = (now.getHours() << 11) | (now.getMinutes() << 5) | (now.getSeconds() >> 1);
  const date = (Math.max(0, now.getFullYear() - 1980) << 9) | ((now.getMonth() + 1) << 5) | now.getDate();
  let count = 0;
  for (const file of files) {
    const name = Buffer.from(`${folder}/${file.name}`, 'utf8');
    const crc = crc32(file.data);
    if (offset + file.data.length > 0xffff_fff0) throw new Error('the fixtures are too large for one zip (4 GiB); export fewer');
    // Local header: version 2.0, flag 0x0800 (UTF-8 name), method 0 (stored).
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(0, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(file.data.length, 18);
    local.writeUInt32LE(file.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    local.copy(entry, 6, 4, 30); // version needed … name length, extra length: the same fields
    entry.writeUInt16LE(0, 32); // comment length
    entry.writeUInt32LE(0, 34); // disk, internal attributes
    entry.writeUInt32LE(0, 38); // external attributes
    entry.writeUInt32LE(offset, 42);
    parts.push(local, name, file.data);
    central.push(entry, name);
    offset += local.length + name.length + file.data.length;
    count++;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}
