/** Whole reads and writes on a FileHandle, which may move fewer bytes than asked in one call. */
import type fs from 'node:fs';

/** Loops until all of `bytes` is written; a write that makes no progress is a full disk. */
export async function writeFully(handle: fs.promises.FileHandle, bytes: Buffer): Promise<void> {
  for (let offset = 0; offset < bytes.length; ) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
    if (bytesWritten === 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    offset += bytesWritten;
  }
}

/** Fills `bytes` from `position`; false when the file ends first. */
export async function readFully(handle: fs.promises.FileHandle, bytes: Buffer, position: number): Promise<boolean> {
  for (let offset = 0; offset < bytes.length; ) {
    const { bytesRead } = await handle.read(bytes, offset, bytes.length - offset, position + offset);
    if (bytesRead === 0) return false;
    offset += bytesRead;
  }
  return true;
}
